// Posts shown live: the server's page plus what arrived over the socket, each post once, in order.
export interface PostLike {
  id: string;
  cursor: string;
  createdAt: string;
}

/** Merges incoming posts into the list: new ones appended in written order, known ones replaced. */
export function mergePosts<P extends PostLike>(current: P[], incoming: P[]): P[] {
  const byId = new Map(current.map((post) => [post.id, post]));
  for (const post of incoming) byId.set(post.id, post);
  return [...byId.values()].sort((a, b) =>
    a.createdAt === b.createdAt ? (a.cursor < b.cursor ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1,
  );
}

/** The cursor to catch up from after a lost connection: the newest post seen. */
export function lastCursor<P extends PostLike>(posts: P[]): string | undefined {
  return posts.at(-1)?.cursor;
}

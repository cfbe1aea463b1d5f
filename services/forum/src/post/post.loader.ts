import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { loadInKeyOrder } from '../common/ids.js';
import type { Viewer } from '../context.js';
import type { ReactionKind } from '../reaction/reaction.entity.js';
import { Post } from './post.entity.js';

export interface ReactionCount {
  kind: ReactionKind;
  count: number;
  reactedByMe: boolean;
}

export function createPostLoaders(dataSource: DataSource, viewer: Viewer | null) {
  const posts = dataSource.getRepository(Post);
  return {
    post: new DataLoader<string, Post | null>((ids) =>
      loadInKeyOrder(ids, (valid) => posts.findBy({ id: In(valid) })),
    ),
    reactions: new DataLoader<string, ReactionCount[]>(async (postIds) => {
      const rows: { post_id: string; kind: ReactionKind; count: string; mine: boolean }[] =
        await dataSource.query(
          `SELECT post_id, kind, count(*) AS count, coalesce(bool_or(member_id = $2::uuid), false) AS mine
           FROM reaction WHERE post_id = ANY($1::uuid[])
          GROUP BY post_id, kind ORDER BY kind`,
          [postIds, viewer?.id ?? null],
        );
      return postIds.map((id) =>
        rows
          .filter((row) => row.post_id === id)
          .map((row) => ({ kind: row.kind, count: Number(row.count), reactedByMe: row.mine })),
      );
    }),
  };
}

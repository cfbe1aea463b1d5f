// What changed in a thread, told to those who have it open. Called after the change is committed.
import { ALL_CATEGORIES, type ForumPubSub } from './pubsub.js';

interface ThreadLike {
  id: string;
  categoryId: string;
  hidden: boolean;
  projectId?: string | null;
  workshopId?: string | null;
}

/** A thread was opened, answered or changed: its category's watchers, a project's or workshop's page. */
export function publishThreadActivity(
  pubSub: ForumPubSub,
  thread: ThreadLike,
  kind: 'CREATED' | 'POSTED' | 'UPDATED',
) {
  const event = {
    threadId: thread.id,
    categoryId: thread.categoryId,
    kind,
    hidden: thread.hidden,
    projectId: thread.projectId ?? null,
    workshopId: thread.workshopId ?? null,
  };
  pubSub.publish('THREAD_ACTIVITY', thread.categoryId, event);
  pubSub.publish('THREAD_ACTIVITY', ALL_CATEGORIES, event);
  // Its readers see the new post count, solution, pin or lock.
  pubSub.publish('THREAD_UPDATED', thread.id, { threadId: thread.id });
}

/** One or more posts of a thread changed: reactions, text, removal, hiding, the solution mark. */
export function publishPostsUpdated(pubSub: ForumPubSub, threadId: string, postIds: (string | null)[]) {
  for (const postId of new Set(postIds)) {
    if (postId) pubSub.publish('POST_UPDATED', threadId, { threadId, postId });
  }
}

import type { ForumContext } from '../context.js';

/** The thread if the reader may see it: hidden threads only for moderators. */
export async function visibleThread(context: ForumContext, id: string) {
  const thread = await context.loaders.thread.load(id);
  if (!thread) return null;
  if (thread.hidden && !(await context.isModerator())) return null;
  return thread;
}

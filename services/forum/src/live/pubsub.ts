import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub } from '@graphql-yoga/subscription';
import { Redis } from 'ioredis';

/** Events carry plain JSON (dates as ISO strings), so they read the same from memory and from Redis. */
export interface PostAddedEvent {
  post: Record<string, unknown>;
  author: Record<string, unknown>;
}
export interface ThreadActivityEvent {
  threadId: string;
  categoryId: string;
  kind: 'CREATED' | 'POSTED' | 'UPDATED';
  /** Hidden threads are not announced to members. */
  hidden: boolean;
  /** The CMS project and workshop the thread is about, so a project or workshop page hears of its discussions. */
  projectId?: string | null;
  workshopId?: string | null;
}
/** A post changed (reactions, text, removed, hidden, solution mark): subscribers load it afresh as themselves. */
export interface PostUpdatedEvent {
  threadId: string;
  postId: string;
}
/** A thread changed (post count, solution, pinned, locked, hidden, moved). */
export interface ThreadUpdatedEvent {
  threadId: string;
}
export interface NotificationEvent {
  notification: Record<string, unknown>;
}
export interface MessageEvent {
  message: Record<string, unknown>;
}

/** A workshop's seats changed: the signup as it is now, without anyone's own status (JSON dates). */
export interface WorkshopSignupEvent {
  signup: Record<string, unknown>;
}

export type ForumEvents = {
  POST_ADDED: [threadId: string, event: PostAddedEvent];
  /** Published under the category id and under ALL_CATEGORIES. */
  THREAD_ACTIVITY: [categoryId: string, event: ThreadActivityEvent];
  NOTIFICATION_ADDED: [memberId: string, event: NotificationEvent];
  MESSAGE_ADDED: [memberId: string, event: MessageEvent];
  POST_UPDATED: [threadId: string, event: PostUpdatedEvent];
  THREAD_UPDATED: [threadId: string, event: ThreadUpdatedEvent];
  WORKSHOP_SIGNUP_CHANGED: [workshopId: string, event: WorkshopSignupEvent];
  /** Projects and workshops the editors published (from the CMS's content events), under '*'. */
  CONTENT_PUBLISHED: [all: string, event: import('../content/content-event.js').ContentPublishedEvent];
};
export const ALL_CATEGORIES = '*';

export type ForumPubSub = ReturnType<typeof createPubSub<ForumEvents>>;

export interface LiveEvents {
  pubSub: ForumPubSub;
  /** Whether events reach other forum instances (Redis) or only this one (memory). */
  shared: boolean;
  isHealthy(): boolean;
  close(): Promise<void>;
}

/** In memory for one instance; through Redis when `redisUrl` is set, so every replica sees every event. */
export function createLiveEvents(redisUrl: string | undefined, log: (message: string) => void): LiveEvents {
  if (!redisUrl) {
    return {
      pubSub: createPubSub<ForumEvents>(),
      shared: false,
      isHealthy: () => true,
      close: async () => {},
    };
  }
  const options = {
    lazyConnect: false,
    maxRetriesPerRequest: 2,
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
  };
  const publishClient = new Redis(redisUrl, options);
  const subscribeClient = new Redis(redisUrl, options);
  for (const client of [publishClient, subscribeClient]) {
    // ioredis reconnects by itself; without a listener an error event would crash the process.
    client.on('error', (error: Error) => log(`Redis: ${error.message}`));
  }
  const eventTarget = createRedisEventTarget({ publishClient, subscribeClient });
  return {
    pubSub: createPubSub<ForumEvents>({ eventTarget }),
    shared: true,
    isHealthy: () => publishClient.status === 'ready' && subscribeClient.status === 'ready',
    async close() {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}

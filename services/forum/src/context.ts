import type { DataSource } from 'typeorm';
import type { ForumConfig } from './config.js';
import type { TokenService } from './auth/token.js';
import type { SignInLimiter } from './auth/sign-in-limiter.js';
import type { ForumPubSub } from './live/pubsub.js';
import { createMemberLoaders } from './member/member.loader.js';
import { createThreadLoaders } from './thread/thread.loader.js';
import { createPostLoaders } from './post/post.loader.js';
import { forbidden, unauthenticated } from './common/errors.js';
import { isModerator } from './member/member.entity.js';

/** Long-lived parts every request uses. */
export interface ForumServices {
  config: ForumConfig;
  dataSource: DataSource;
  tokens: TokenService;
  pubSub: ForumPubSub;
  signInLimiter: SignInLimiter;
}

export interface Viewer {
  id: string;
}

export interface ForumContext {
  services: ForumServices;
  viewer: Viewer | null;
  clientAddress: string;
  loaders: ReturnType<typeof createLoaders>;
  /** Whether the signed-in member is a moderator or admin (read from the database, once per request). */
  isModerator(): Promise<boolean>;
  /**
   * A subscription keeps one context for its whole life; each event it delivers starts with fresh loaders,
   * or it would answer from what was cached when it began (a thread's post count, say).
   */
  renewLoaders(): void;
}

function createLoaders(dataSource: DataSource, viewer: Viewer | null) {
  return {
    ...createMemberLoaders(dataSource),
    ...createThreadLoaders(dataSource, viewer),
    ...createPostLoaders(dataSource, viewer),
  };
}

/** A fresh context per request (HTTP) or per operation (WebSocket): loaders never outlive it. */
export function createContext(
  services: ForumServices,
  viewer: Viewer | null,
  clientAddress: string,
): ForumContext {
  let moderator: Promise<boolean> | undefined;
  const context: ForumContext = {
    services,
    viewer,
    clientAddress,
    loaders: createLoaders(services.dataSource, viewer),
    isModerator() {
      moderator ??= viewer
        ? context.loaders.member.load(viewer.id).then(isModerator)
        : Promise.resolve(false);
      return moderator;
    },
    renewLoaders() {
      context.loaders = createLoaders(services.dataSource, viewer);
    },
  };
  return context;
}

export async function requireModerator(context: ForumContext): Promise<Viewer> {
  const viewer = requireViewer(context);
  if (!(await context.isModerator())) throw forbidden('Only moderators can do this');
  return viewer;
}

export function requireViewer(context: ForumContext): Viewer {
  if (!context.viewer) throw unauthenticated();
  return context.viewer;
}

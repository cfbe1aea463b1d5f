import type { DataSource } from 'typeorm';
import type { ForumConfig } from './config.js';
import type { TokenService } from './auth/token.js';
import type { SignInLimiter } from './auth/sign-in-limiter.js';
import type { RegistrationLimiter } from './auth/registration-limiter.js';
import type { AccountMailLimiter } from './auth/mail-limiter.js';
import type { PasswordHasher } from './auth/password-hasher.js';
import type { CmsReferenceChecker } from './federation/cms-reference-check.js';
import type { ForumPubSub } from './live/pubsub.js';
import type { Mailer } from './mail/mailer.js';
import { createMemberLoaders } from './member/member.loader.js';
import { createThreadLoaders } from './thread/thread.loader.js';
import { createPostLoaders } from './post/post.loader.js';
import { createSignupLoaders } from './workshop-signup/signup.loader.js';
import type { SignupService } from './workshop-signup/signup.service.js';
import type { WorkshopSettingsSource } from './workshop-signup/workshop-settings.js';
import { forbidden, unauthenticated } from './common/errors.js';
import { isModerator } from './member/member.entity.js';

/** Long-lived parts every request uses. */
export interface ForumServices {
  config: ForumConfig;
  dataSource: DataSource;
  tokens: TokenService;
  pubSub: ForumPubSub;
  signInLimiter: SignInLimiter;
  registrationLimiter: RegistrationLimiter;
  /** Password reset and verification mails per account and client address. */
  accountMailLimiter: AccountMailLimiter;
  /** Every scrypt computation goes through it (bounded concurrency and queue). */
  passwords: PasswordHasher;
  /** Asks the CMS whether the documents a write names exist and are published. */
  cmsReferences: CmsReferenceChecker;
  /** The outbox's options for writers, its worker and the unsubscribe links' signer. */
  mail: Mailer;
  /** Asks the CMS for a workshop's registration settings. */
  workshopSettings: WorkshopSettingsSource;
  signups: SignupService;
}

export interface Viewer {
  id: string;
}

export interface ForumContext {
  services: ForumServices;
  viewer: Viewer | null;
  /** The real client's address (the right-most untrusted hop), for the limits. */
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

function createLoaders(services: ForumServices, viewer: Viewer | null) {
  const { dataSource } = services;
  return {
    ...createMemberLoaders(dataSource),
    ...createThreadLoaders(dataSource, viewer),
    ...createPostLoaders(dataSource, viewer),
    ...createSignupLoaders(services.signups, services.workshopSettings, viewer),
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
    loaders: createLoaders(services, viewer),
    isModerator() {
      moderator ??= viewer
        ? context.loaders.member.load(viewer.id).then(isModerator)
        : Promise.resolve(false);
      return moderator;
    },
    renewLoaders() {
      context.loaders = createLoaders(services, viewer);
    },
  };
  return context;
}

export async function requireModerator(context: ForumContext): Promise<Viewer> {
  const viewer = requireViewer(context);
  if (!(await context.isModerator())) throw forbidden('Only moderators can do this');
  return viewer;
}

/**
 * The signed-in member, if their address is confirmed: unverified members read and sign in, but do not
 * post or write messages (FORBIDDEN, reason EMAIL_NOT_VERIFIED; `resendVerification` sends the link again).
 */
export async function requireVerifiedViewer(context: ForumContext): Promise<Viewer> {
  const viewer = requireViewer(context);
  const member = await context.loaders.member.load(viewer.id);
  if (!member?.emailVerifiedAt) {
    throw forbidden(
      'Please confirm your e-mail address first (see the mail we sent; resendVerification sends it again)',
      {
        reason: 'EMAIL_NOT_VERIFIED',
      },
    );
  }
  return viewer;
}

export function requireViewer(context: ForumContext): Viewer {
  if (!context.viewer) throw unauthenticated();
  return context.viewer;
}

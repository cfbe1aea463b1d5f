// The whole platform for the end-to-end tests, started by the launcher exactly as `npm start` starts it —
// the same parts, environment and demo content — but on free ports, with fresh secrets and its data in a
// scratch folder that goes when the tests end.
import path from 'node:path';
import { startPlatform as launch, type PlatformOptions } from '@stadtnetz/platform';

export const frontendDir = path.resolve(import.meta.dirname, '..');

export async function startPlatform(options: PlatformOptions = {}) {
  // As `npm start`, MailDev included; "immediately" mails go without the few minutes of collecting.
  const platform = await launch({
    ...options,
    env: { ...options.env, forum: { MAIL_COLLECT_SECONDS: '0', MAIL_POLL_MS: '200', ...options.env?.forum } },
    // E2E_LOG_DIR=<folder>: each part's output in <folder>/<part>.log, to see why a test failed.
    ...(process.env['E2E_LOG_DIR'] ? { logDir: process.env['E2E_LOG_DIR'] } : {}),
  });
  return {
    platform,
    frontendUrl: platform.urls.website,
    gatewayUrl: platform.urls.gateway,
    /** MailDev's inbox: every mail the platform sends lands there (REST API `GET /api/email`). */
    mailUrl: platform.urls.mail!,
    /** The forum itself, for setting up many posts without the gateway's rate limit. */
    forumUrl: platform.urls.forum,
    /** Stops the forum and starts it again on the same port and data, as a deployment would. */
    restartForum: () => platform.forums[0]!.restart(),
    close: () => platform.stop(),
  };
}

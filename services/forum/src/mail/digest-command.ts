// What `npm run digest -w services/forum -- --now` does: sends the due digests at once. A running forum (on
// FORUM_HOST:FORUM_PORT) is asked to do it — the embedded database has room for one process; without one,
// this process opens the database itself, writes the digests to the outbox and sends what is due.
import { ConfigError, loadConfig, type ForumConfig } from '../config.js';
import { createTokenService } from '../auth/token.js';
import { createDataSource, migrate } from '../database/data-source.js';
import { createLog } from '../log.js';
import { queueDueDigests } from './digest.js';
import { createMailer } from './mailer.js';

export const DIGEST_USAGE =
  'usage: npm run digest -w services/forum -- --now   (sends the due daily and weekly digests)';

export interface DigestCommandOutcome {
  /** The process exit code: 0 sent, 1 the forum refused, 2 usage, 78 configuration. */
  code: number;
  message: string;
}

export async function runDigestCommand(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<DigestCommandOutcome> {
  if (!args.includes('--now')) return { code: 2, message: DIGEST_USAGE };
  let config: ForumConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError)
      return { code: 78, message: `digest: configuration error: ${error.message}` };
    throw error;
  }
  const forumUrl = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  const running = await fetch(`${forumUrl}/internal/digests`, { method: 'POST' }).catch(() => undefined);
  if (running) {
    const body = (await running.json().catch(() => ({}))) as {
      members?: number;
      digests?: number;
      error?: string;
    };
    if (!running.ok)
      return {
        code: 1,
        message: `digest: the forum at ${forumUrl} answered ${running.status}: ${body.error ?? ''}`,
      };
    return {
      code: 0,
      message: `digest: ${body.digests} digests for ${body.members} members due, sent by the forum at ${forumUrl}`,
    };
  }
  return sendWithoutForum(config);
}

async function sendWithoutForum(config: ForumConfig): Promise<DigestCommandOutcome> {
  const log = createLog(config.logLevel === 'info' ? 'warn' : config.logLevel, 'digest');
  const dataSource = await createDataSource(config);
  await dataSource.initialize();
  try {
    await migrate(dataSource);
    const tokens = await createTokenService(dataSource, {
      configuredKey: config.jwtPrivateKey,
      ttlSeconds: config.tokenTtlSeconds,
    });
    const mailer = createMailer(config, dataSource, tokens, log);
    const run = await queueDueDigests(dataSource, { outbox: mailer.outbox, mail: config.mail });
    await mailer.worker.drain();
    await mailer.worker.stop();
    const { sent, retried } = mailer.worker.stats;
    return {
      code: 0,
      message: `digest: ${run.digests} digests for ${run.members} members due; sent ${sent}, to retry ${retried}`,
    };
  } finally {
    await dataSource.destroy();
  }
}

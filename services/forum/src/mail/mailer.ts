import type { DataSource } from 'typeorm';
import type { ForumConfig } from '../config.js';
import type { TokenService } from '../auth/token.js';
import type { Log } from '../log.js';
import type { OutboxOptions } from './outbox.js';
import { createMailTransport, type MailTransport } from './transport.js';
import { createUnsubscribeSigner, type UnsubscribeSigner } from './unsubscribe.js';
import { createMailWorker, type MailWorker } from './worker.js';

/** The forum's mail: what writers need (outbox options), the worker that sends, the unsubscribe signer. */
export interface Mailer {
  outbox: OutboxOptions;
  signer: UnsubscribeSigner;
  worker: MailWorker;
}

export function createMailer(
  config: ForumConfig,
  dataSource: DataSource,
  tokens: TokenService,
  log: Log,
  options: {
    transport?: MailTransport;
    periodic?: (outbox: OutboxOptions) => Promise<void>;
  } = {},
): Mailer {
  const messageDomain = config.mail.from.address.split('@')[1]!;
  const outbox: OutboxOptions = { collectSeconds: config.mail.collectSeconds, messageDomain };
  const signer = createUnsubscribeSigner(tokens.deriveKey('mail-unsubscribe'));
  const worker = createMailWorker({
    dataSource,
    transport: options.transport ?? createMailTransport(config.mail),
    config: config.mail,
    compose: { config: config.mail, signer, messageDomain },
    log,
    periodic: options.periodic && (() => options.periodic!(outbox)),
  });
  return { outbox, signer, worker };
}

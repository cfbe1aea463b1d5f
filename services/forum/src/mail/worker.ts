import type { DataSource } from 'typeorm';
import type { MailConfig } from '../config.js';
import type { Log } from '../log.js';
import { createWakeablePause } from '../wakeable-pause.js';
import { composeMail, type ComposeDeps, type OutboxRow } from './compose.js';
import { MailDeliveryError, type MailTransport } from './transport.js';

export interface MailWorker {
  /** Starts the polling loop (the forum does; the digest script sends with `drain`). */
  start(): void;
  /** Looks for due mails now (after a transaction that wrote some committed). */
  wake(): void;
  /** Claims and handles one batch of due mails; returns how many it claimed. */
  runOnce(): Promise<number>;
  /** Sends until nothing is due any more. */
  drain(): Promise<void>;
  /** Finishes the mails in hand (those not begun go back to the outbox) and stops. */
  stop(): Promise<void>;
  stats: { sent: number; retried: number; failed: number; skipped: number };
}

export interface MailWorkerOptions {
  dataSource: DataSource;
  transport: MailTransport;
  config: MailConfig;
  compose: ComposeDeps;
  log: Log;
  /** Runs every `digestCheckSeconds` in the loop (due digests are written to the outbox). */
  periodic?: () => Promise<void>;
}

const CONCURRENCY = 4;

/**
 * Sends what the outbox holds. A mail is claimed with a lease (`locked_until`) taken by `FOR UPDATE SKIP
 * LOCKED`, so two replicas never hold the same mail; it is marked sent right after the relay accepted it.
 * Temporary failures (relay down, 4xx) wait with exponential back-off; a permanent one (5xx) gives the mail
 * up and marks the address undeliverable, so nothing more is sent to it.
 */
export function createMailWorker(options: MailWorkerOptions): MailWorker {
  const { dataSource, transport, config, log } = options;
  let stopping = false;
  let running: Promise<void> | undefined;
  let current: Promise<number> | undefined;
  const idle = createWakeablePause();
  let lastPeriodic = 0;
  const stats = { sent: 0, retried: 0, failed: 0, skipped: 0 };

  const backoffMs = (attempts: number) =>
    Math.min(config.retryBaseMs * 2 ** Math.max(0, attempts - 1), config.retryMaxMs);

  async function claim(): Promise<OutboxRow[]> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [OutboxRow[], number] = await dataSource.query(
      `UPDATE mail_outbox SET locked_until = now() + make_interval(secs => $2), attempts = attempts + 1
        WHERE id IN (
          SELECT id FROM mail_outbox
           WHERE status = 'PENDING' AND next_attempt_at <= now()
             AND (locked_until IS NULL OR locked_until < now())
           ORDER BY next_attempt_at, seq
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
        RETURNING id, recipient, member_id, template, payload, group_key, attempts, message_id`,
      [config.batchSize, config.leaseSeconds],
    );
    return rows;
  }

  async function finish(row: OutboxRow, status: 'SENT' | 'SKIPPED' | 'FAILED', error?: string) {
    await dataSource.query(
      `UPDATE mail_outbox SET status = $2, locked_until = NULL, last_error = $3,
              sent_at = CASE WHEN $2 = 'SENT' THEN now() END,
              payload = CASE WHEN sensitive THEN '{}'::jsonb ELSE payload END
        WHERE id = $1`,
      [row.id, status, error ?? null],
    );
  }

  async function handle(row: OutboxRow) {
    const [bounced] = await dataSource.query(
      'SELECT 1 FROM undeliverable_address WHERE address = lower($1)',
      [row.recipient],
    );
    if (bounced) {
      stats.skipped++;
      return finish(row, 'SKIPPED', 'address undeliverable');
    }
    let composed;
    try {
      composed = await composeMail(dataSource.manager, row, options.compose);
      if (!composed) {
        stats.skipped++;
        return finish(row, 'SKIPPED');
      }
      await transport.send(composed.mail);
    } catch (error) {
      const failure =
        error instanceof MailDeliveryError ? error : new MailDeliveryError('temporary', String(error));
      if (failure.kind === 'permanent') {
        stats.failed++;
        log.warn({ mail: row.id, code: failure.responseCode }, `mail refused for good: ${failure.message}`);
        await dataSource.transaction(async (tx) => {
          await tx.query(
            `INSERT INTO undeliverable_address (address, reason) VALUES (lower($1), $2) ON CONFLICT DO NOTHING`,
            [row.recipient, failure.message.slice(0, 500)],
          );
          await tx.query(
            `UPDATE mail_outbox SET status = 'FAILED', locked_until = NULL, last_error = $2,
                    payload = CASE WHEN sensitive THEN '{}'::jsonb ELSE payload END WHERE id = $1`,
            [row.id, failure.message.slice(0, 500)],
          );
        });
        return;
      }
      if (row.attempts >= config.maxAttempts) {
        stats.failed++;
        log.warn({ mail: row.id }, `mail given up after ${row.attempts} attempts: ${failure.message}`);
        return finish(row, 'FAILED', failure.message.slice(0, 500));
      }
      stats.retried++;
      log.debug({ mail: row.id, attempts: row.attempts }, `mail will be retried: ${failure.message}`);
      await dataSource.query(
        `UPDATE mail_outbox SET locked_until = NULL, last_error = $2,
                next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1`,
        [row.id, failure.message.slice(0, 500), backoffMs(row.attempts) / 1000],
      );
      return;
    }
    // Accepted by the relay: record it at once (a crash between the two is the one case that can repeat).
    await dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE mail_outbox SET status = 'SENT', sent_at = now(), locked_until = NULL, last_error = NULL,
                payload = CASE WHEN sensitive THEN '{}'::jsonb ELSE payload END
          WHERE id = $1`,
        [row.id],
      );
      await composed.afterSent?.(tx);
    });
    stats.sent++;
  }

  async function runOnce(): Promise<number> {
    const rows = await claim();
    let next = 0;
    const lane = async () => {
      while (next < rows.length) {
        const row = rows[next++]!;
        if (stopping) {
          // Not begun: back to the outbox for the next worker, as if never claimed.
          await dataSource.query(
            'UPDATE mail_outbox SET locked_until = NULL, attempts = attempts - 1 WHERE id = $1',
            [row.id],
          );
          continue;
        }
        try {
          await handle(row);
        } catch (error) {
          // The database went away mid-way: the lease runs out and another round takes the mail again.
          log.warn({ mail: row.id }, `mail not handled: ${(error as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, rows.length) }, lane));
    return rows.length;
  }

  const once = () => {
    current = runOnce();
    return current.finally(() => (current = undefined));
  };

  async function loop() {
    while (!stopping) {
      let claimed = 0;
      try {
        if (
          options.periodic &&
          config.digestCheckSeconds > 0 &&
          Date.now() - lastPeriodic > config.digestCheckSeconds * 1000
        ) {
          lastPeriodic = Date.now();
          await options.periodic();
        }
        claimed = await once();
      } catch (error) {
        if (!stopping) log.warn(`mail outbox: ${(error as Error).message}`);
      }
      if (stopping) break;
      if (claimed >= config.batchSize) continue;
      await idle.pause(config.pollMs);
    }
  }

  return {
    stats,
    start() {
      running ??= loop();
    },
    wake() {
      idle.wake();
    },
    runOnce: once,
    async drain() {
      while ((await once()) > 0);
    },
    async stop() {
      stopping = true;
      idle.wake();
      await running;
      await current?.catch(() => undefined);
      transport.close();
    },
  };
}

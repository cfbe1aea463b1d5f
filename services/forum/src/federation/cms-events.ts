import type { DataSource } from 'typeorm';
import type { Log } from '../log.js';
import type { ForumPubSub } from '../live/pubsub.js';
import type { OutboxOptions } from '../mail/outbox.js';
import { NotificationKind } from '../notification/notification.entity.js';
import { notifyMembers } from '../notification/notification.service.js';
import { createWakeablePause } from '../wakeable-pause.js';
import { DOCUMENT_ID } from './cms-references.js';

/** A content event as the CMS posts it (cms/src/features/content-events). */
export interface CmsContentEvent {
  id: string;
  event: string;
  model: string;
  documentId: string;
}

const MODELS: Record<string, 'Project' | 'Workshop'> = { project: 'Project', workshop: 'Workshop' };

/**
 * Records a content event once (its id is the key: a delivery repeated by the CMS changes nothing). Publishing
 * a project or workshop queues its announcement; unpublishing or deleting it withdraws an announcement not yet
 * made, and the news of it that has not gone out by mail yet.
 */
export async function receiveCmsEvent(
  dataSource: DataSource,
  body: unknown,
): Promise<'accepted' | 'duplicate' | 'ignored' | 'invalid'> {
  const event = body as Partial<CmsContentEvent> | null;
  if (
    !event ||
    typeof event.id !== 'string' ||
    !/^[A-Za-z0-9_-]{8,100}$/.test(event.id) ||
    typeof event.event !== 'string' ||
    typeof event.model !== 'string' ||
    typeof event.documentId !== 'string' ||
    !DOCUMENT_ID.test(event.documentId)
  ) {
    return 'invalid';
  }
  const cmsType = MODELS[event.model];
  if (!cmsType || !['entry.publish', 'entry.unpublish', 'entry.delete'].includes(event.event))
    return 'ignored';
  return dataSource.transaction(async (tx) => {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO cms_event (id, event, model, document_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [event.id, event.event, event.model, event.documentId],
    );
    if (inserted.length === 0) return 'duplicate';
    if (event.event !== 'entry.publish') {
      await tx.query(
        `UPDATE cms_event SET processed_at = now(), outcome = 'withdrawn'
          WHERE model = $1 AND document_id = $2 AND event = 'entry.publish' AND processed_at IS NULL`,
        [event.model, event.documentId],
      );
      await tx.query(
        `DELETE FROM notification WHERE cms_type = $1 AND cms_document_id = $2 AND mailed_at IS NULL`,
        [cmsType, event.documentId],
      );
      await tx.query(`UPDATE cms_event SET processed_at = now(), outcome = 'recorded' WHERE id = $1`, [
        event.id,
      ]);
    }
    return 'accepted';
  });
}

const DOCUMENTS = /* GraphQL */ `
  query ForumAnnouncement($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Project {
        title
        city {
          documentId
        }
        actionFields {
          documentId
        }
      }
      ... on Workshop {
        title
        actionFields {
          documentId
        }
      }
    }
  }
`;

interface Published {
  title: string;
  city?: { documentId: string } | null;
  actionFields?: ({ documentId: string } | null)[];
}

export interface CmsEventsOptions {
  dataSource: DataSource;
  cmsUrl: string;
  timeoutMs: number;
  outbox: OutboxOptions;
  pubSub: ForumPubSub;
  log: Log;
}

/**
 * Announces what was published: the followers of the project's city and fields of action (a workshop's
 * fields of action) get a notification — live, and by mail as they chose. The CMS is asked at this moment,
 * so what was unpublished in between is announced to nobody; each document is announced once.
 */
const CLAIMED_PER_ROUND = 10;

export async function processCmsEvents(options: CmsEventsOptions): Promise<number> {
  const { dataSource, log } = options;
  const [claimed]: [{ id: string; model: string; document_id: string }[], number] = await dataSource.query(
    `UPDATE cms_event SET processed_at = now(), outcome = 'processing'
      WHERE id IN (SELECT id FROM cms_event WHERE processed_at IS NULL ORDER BY received_at LIMIT $1
                   FOR UPDATE SKIP LOCKED)
      RETURNING id, model, document_id`,
    [CLAIMED_PER_ROUND],
  );
  for (const event of claimed) {
    const cmsType = MODELS[event.model]!;
    let published: Published | null;
    try {
      const response = await fetch(`${options.cmsUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: DOCUMENTS,
          variables: { representations: [{ __typename: cmsType, documentId: event.document_id }] },
        }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = (await response.json()) as { data?: { _entities?: (Published | null)[] } };
      if (!Array.isArray(body.data?._entities)) throw new Error('no _entities in the answer');
      published = body.data._entities[0] ?? null;
    } catch (error) {
      // The CMS cannot say: try again in a later round.
      log.warn(`CMS content event ${event.id}: ${(error as Error).message}; will try again`);
      await dataSource.query('UPDATE cms_event SET processed_at = NULL, outcome = NULL WHERE id = $1', [
        event.id,
      ]);
      continue;
    }
    const notifications = await dataSource.transaction(async (tx) => {
      const finish = (outcome: string) => {
        // One line per announcement: what a follower heard of, or why not.
        log.info({ cmsEvent: event.id, model: event.model, documentId: event.document_id }, outcome);
        return tx.query('UPDATE cms_event SET outcome = $2 WHERE id = $1', [event.id, outcome]);
      };
      if (!published) {
        await finish('not published any more');
        return [];
      }
      const fresh: unknown[] = await tx.query(
        `INSERT INTO cms_title (cms_type, document_id, title) VALUES ($1, $2, $3)
         ON CONFLICT (cms_type, document_id) DO NOTHING RETURNING 1`,
        [cmsType, event.document_id, published.title],
      );
      if (fresh.length === 0) {
        await tx.query('UPDATE cms_title SET title = $3 WHERE cms_type = $1 AND document_id = $2', [
          cmsType,
          event.document_id,
          published.title,
        ]);
        await finish('announced before');
        return [];
      }
      const actionFields = (published.actionFields ?? []).flatMap((field) =>
        field ? [field.documentId] : [],
      );
      const followers: { member_id: string }[] = await tx.query(
        `SELECT DISTINCT member_id FROM follow
          WHERE (target_type = 'CITY' AND target_id = $1) OR (target_type = 'ACTION_FIELD' AND target_id = ANY($2::text[]))`,
        [published.city?.documentId ?? null, actionFields],
      );
      const kind = cmsType === 'Project' ? NotificationKind.NEW_PROJECT : NotificationKind.NEW_WORKSHOP;
      const written = await notifyMembers(
        tx,
        followers.map(({ member_id }) => [member_id, kind]),
        { actorId: null, cmsType, cmsDocumentId: event.document_id },
        options.outbox,
      );
      await finish(`announced to ${written.length}`);
      return written;
    });
    for (const notification of notifications) {
      options.pubSub.publish('NOTIFICATION_ADDED', notification.memberId, {
        notification: JSON.parse(JSON.stringify(notification)),
      });
    }
  }
  return claimed.length;
}

export interface CmsEventAnnouncer {
  /** An event arrived: announce it now. */
  wake(): void;
  /** Finishes the round in hand and stops. */
  stop(): Promise<void>;
}

/**
 * Announces the CMS's events in a loop of its own — not in the mail worker's, where a mail relay that stalls
 * would hold back the live notifications too. Woken when an event arrives; every `retryMs` it also looks for
 * those a CMS outage (or another replica's restart) left waiting.
 */
export function startCmsEventAnnouncer(
  options: CmsEventsOptions & { retryMs: number; onAnnounced: () => void },
): CmsEventAnnouncer {
  let stopping = false;
  let woken = false;
  const idle = createWakeablePause();
  const loop = async () => {
    while (!stopping) {
      let claimed = 0;
      try {
        claimed = await processCmsEvents(options);
        // The notifications are in the outbox: their mails need not wait for the mail worker's next look.
        if (claimed > 0) options.onAnnounced();
      } catch (error) {
        if (!stopping) options.log.warn(`CMS content events: ${(error as Error).message}`);
      }
      if (stopping) break;
      // More waiting, or woken while this round ran: go on at once.
      if (claimed >= CLAIMED_PER_ROUND || woken) {
        woken = false;
        continue;
      }
      await idle.pause(options.retryMs);
    }
  };
  const running = loop();
  return {
    wake() {
      if (!idle.wake()) woken = true;
    },
    async stop() {
      stopping = true;
      idle.wake();
      await running;
    },
  };
}

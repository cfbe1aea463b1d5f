import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { readModelIdle } from '../read-model/project-listing';
import { PUBLIC_TYPE_UIDS, settings } from '../settings';
import { WebhookDelivery } from './webhook-delivery';

/** What downstream caches (the gateway, the frontend) receive when content changes. */
export interface ContentEvent {
  /** Unique per event: a receiver that sees it twice (a repeated delivery) acts once. */
  id: string;
  event: 'entry.create' | 'entry.update' | 'entry.delete' | 'entry.publish' | 'entry.unpublish';
  /** The content type's singular name: project, workshop, city, action-field, organisation */
  model: string;
  uid: string;
  documentId: string;
  locale: string | null;
  at: string;
  /** entry.publish of a project or workshop: whether it was public before (false: newly published). */
  republished?: boolean;
  /** entry.publish of a project or workshop: its city (a workshop's venue city) and fields of action. */
  cityId?: string | null;
  actionFieldIds?: string[];
}

/** Types whose publications the forum announces live to portals (`contentPublished`). */
const ANNOUNCED = new Set(['api::project.project', 'api::workshop.workshop']);

interface Reference {
  documentId: string;
}
/** What the lookups below read of a published project or workshop. */
interface PublishedEntry {
  city?: Reference | null;
  venue?: { city?: Reference | null } | null;
  actionFields?: Reference[];
}
type PublishedRead = {
  findOne(params: Record<string, unknown>): Promise<PublishedEntry | null>;
};

async function publishedVersion(strapi: Core.Strapi, uid: string, documentId: string, locale: unknown) {
  const documents = strapi.documents(uid as never) as unknown as PublishedRead;
  return documents.findOne({
    documentId,
    status: 'published',
    ...(typeof locale === 'string' ? { locale } : {}),
    populate:
      uid === 'api::project.project'
        ? { city: { fields: ['documentId'] }, actionFields: { fields: ['documentId'] } }
        : {
            venue: { populate: { city: { fields: ['documentId'] } } },
            actionFields: { fields: ['documentId'] },
          },
  });
}

type Action = 'create' | 'update' | 'delete' | 'publish' | 'unpublish' | string;

interface DocumentContext {
  uid: string;
  action: Action;
  params: { documentId?: string; locale?: string; status?: string } & Record<string, unknown>;
}

export type ContentEventListener = (event: ContentEvent) => void;

const listeners = new Set<ContentEventListener>();

/** In-process subscription, used by tests and anything else inside the CMS that wants to know. */
export function onContentEvent(listener: ContentEventListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function eventsFor(action: Action, status: unknown): ContentEvent['event'][] {
  switch (action) {
    case 'create':
      return status === 'published' ? ['entry.create', 'entry.publish'] : ['entry.create'];
    case 'update':
      return status === 'published' ? ['entry.update', 'entry.publish'] : ['entry.update'];
    case 'delete':
      return ['entry.delete'];
    case 'publish':
      return ['entry.publish'];
    case 'unpublish':
      return ['entry.unpublish'];
    default:
      return [];
  }
}

const deliveries = new WeakMap<Core.Strapi, WebhookDelivery>();

/** Every event already due is delivered (retries included); the CMS waits for this before it shuts down. */
export async function contentEventsDelivered(strapi: Core.Strapi): Promise<void> {
  await deliveries.get(strapi)?.drain();
}

/**
 * Announces create/update/delete/publish/unpublish of our content types: POSTs a JSON ContentEvent to each URL
 * in CMS_CONTENT_WEBHOOK_URLS. A Document Service middleware sees every change, whether it comes from the
 * admin, the API or a script, and knows the documentId (database lifecycles only see rows). Delivery does not
 * block the editor; a failed delivery is logged.
 */
export function registerContentEvents(strapi: Core.Strapi): void {
  const { contentWebhookUrls, webhookTimeoutMs, webhookSecret } = settings(strapi);
  const delivery = new WebhookDelivery({
    urls: contentWebhookUrls,
    timeoutMs: webhookTimeoutMs,
    secret: webhookSecret,
    log: strapi.log,
  });
  deliveries.set(strapi, delivery);
  strapi.documents.use(async (context, next) => {
    const { uid, action, params } = context as unknown as DocumentContext;
    const publishing = ANNOUNCED.has(uid) && eventsFor(action, params.status).includes('entry.publish');
    // Whether it was public before this change (a newly published document or a new version of a public one).
    const before =
      publishing && params.documentId
        ? await publishedVersion(strapi, uid, params.documentId, params.locale)
        : null;
    const result = await next();
    if (!PUBLIC_TYPE_UIDS.includes(uid)) return result;
    const events = eventsFor(action, params.status);
    if (events.length === 0) return result;
    const documentId = params.documentId ?? (result as { documentId?: string } | null)?.documentId;
    if (!documentId) return result;
    const published = publishing ? await publishedVersion(strapi, uid, documentId, params.locale) : null;
    const announced = published
      ? {
          republished: before !== null,
          cityId: (published.city ?? published.venue?.city)?.documentId ?? null,
          actionFieldIds: (published.actionFields ?? []).map((field) => field.documentId),
        }
      : {};
    const model = strapi.getModel(uid as never) as { info: { singularName: string } };
    const announce: ContentEvent[] = [];
    for (const name of events) {
      const event: ContentEvent = {
        id: randomUUID(),
        event: name,
        model: model.info.singularName,
        uid,
        documentId,
        locale: (params.locale as string | undefined) ?? null,
        at: new Date().toISOString(),
        ...(name === 'entry.publish' ? announced : {}),
      };
      announce.push(event);
    }
    // Only once the change is committed and in the read model: the admin publishes inside a transaction of its
    // own, and a receiver that reads at once (the forum announcing it, the gateway refilling its cache) must find
    // the change in every list — a refill that read the list before the read model had it would keep the old
    // page. Outside a transaction this runs at once; inside one, after it commits (never, if it rolls back).
    const send = () => {
      for (const event of announce) {
        for (const listener of listeners) listener(event);
        delivery.send(event);
      }
    };
    await strapi.db.transaction(async ({ onCommit }) => {
      // After every commit callback has run (the read model's schedules the change), once it is written.
      onCommit(() =>
        delivery.track(
          new Promise<void>((resolve) =>
            setImmediate(() => void readModelIdle(strapi).then(send).finally(resolve)),
          ),
        ),
      );
    });
    return result;
  });
}

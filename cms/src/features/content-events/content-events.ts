import type { Core } from '@strapi/strapi';
import { CONTENT_TYPE_UIDS, settings, type ContentTypeUid } from '../settings';

/** What downstream caches (the gateway, the frontend) receive when content changes. */
export interface ContentEvent {
  event: 'entry.create' | 'entry.update' | 'entry.delete' | 'entry.publish' | 'entry.unpublish';
  /** The content type's singular name: project, workshop, city, action-field, organisation */
  model: string;
  uid: ContentTypeUid;
  documentId: string;
  locale: string | null;
  at: string;
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

async function deliver(
  strapi: Core.Strapi,
  urls: string[],
  timeoutMs: number,
  secret: string,
  event: ContentEvent,
) {
  const body = JSON.stringify(event);
  await Promise.all(
    urls.map(async (url) => {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'stadtnetz-cms',
            ...(secret ? { 'x-webhook-secret': secret } : {}),
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!response.ok)
          strapi.log.warn(`content webhook ${url} answered ${response.status} for ${event.event}`);
      } catch (error) {
        strapi.log.warn(`content webhook ${url} failed for ${event.event}: ${(error as Error).message}`);
      }
    }),
  );
}

/**
 * Announces create/update/delete/publish/unpublish of our content types: POSTs a JSON ContentEvent to each URL
 * in CMS_CONTENT_WEBHOOK_URLS. A Document Service middleware sees every change, whether it comes from the
 * admin, the API or a script, and knows the documentId (database lifecycles only see rows). Delivery does not
 * block the editor; a failed delivery is logged.
 */
export function registerContentEvents(strapi: Core.Strapi): void {
  const { contentWebhookUrls, webhookTimeoutMs, webhookSecret } = settings(strapi);
  strapi.documents.use(async (context, next) => {
    const result = await next();
    const { uid, action, params } = context as unknown as DocumentContext;
    if (!CONTENT_TYPE_UIDS.includes(uid as ContentTypeUid)) return result;
    const events = eventsFor(action, params.status);
    if (events.length === 0) return result;
    const documentId = params.documentId ?? (result as { documentId?: string } | null)?.documentId;
    if (!documentId) return result;
    const model = strapi.getModel(uid as never) as { info: { singularName: string } };
    for (const name of events) {
      const event: ContentEvent = {
        event: name,
        model: model.info.singularName,
        uid: uid as ContentTypeUid,
        documentId,
        locale: (params.locale as string | undefined) ?? null,
        at: new Date().toISOString(),
      };
      for (const listener of listeners) listener(event);
      if (contentWebhookUrls.length > 0)
        void deliver(strapi, contentWebhookUrls, webhookTimeoutMs, webhookSecret, event);
    }
    return result;
  });
}

// Live for portals: projects and workshops as editors publish them. The CMS announces every publication to
// `POST /webhooks/cms` (its content events, CMS_CONTENT_WEBHOOK_URLS, with the shared CMS_WEBHOOK_SECRET or from
// loopback when none is set; received once per event id in server.ts); the forum passes them on through its PubSub (Redis with several replicas) to the
// public subscription `contentPublished`, filterable by type, city and field of action. The payload is a reference:
// the gateway resolves the project's or workshop's fields at the CMS, under the same API-key and rate rules as the
// rest of the API.
import { DOCUMENT_ID } from '../federation/cms-references.js';
import type { ForumPubSub } from '../live/pubsub.js';

// No type-graphql here: the server imports this module before the schema is built, and decorators running early
// would reorder the served SDL (content-published.resolver.ts holds the GraphQL side).

export enum PublishedContentType {
  PROJECT = 'PROJECT',
  WORKSHOP = 'WORKSHOP',
}
export enum PublicationKind {
  NEW = 'NEW',
  UPDATED = 'UPDATED',
}
/** What travels through the PubSub (plain JSON). */
export interface ContentPublishedEvent {
  type: PublishedContentType;
  documentId: string;
  kind: PublicationKind;
  at: string;
  cityId: string | null;
  actionFieldIds: string[];
}

export interface ContentPublishedArgs {
  types?: PublishedContentType[] | null;
  cityId?: string | null;
  actionFieldId?: string | null;
  includeUpdates?: boolean | null;
}

export function matches(event: ContentPublishedEvent, args: ContentPublishedArgs): boolean {
  if (args.types && args.types.length > 0 && !args.types.includes(event.type)) return false;
  if (args.cityId && event.cityId !== args.cityId) return false;
  if (args.actionFieldId && !event.actionFieldIds.includes(args.actionFieldId)) return false;
  if (!args.includeUpdates && event.kind === PublicationKind.UPDATED) return false;
  return true;
}

export const ALL_CONTENT = '*';

const TYPES: Record<string, PublishedContentType> = {
  project: PublishedContentType.PROJECT,
  workshop: PublishedContentType.WORKSHOP,
};

/**
 * A content event of the CMS (`POST /webhooks/cms`, authenticated by the route that receives it): a publication
 * of a project or workshop goes live to `contentPublished`. Returns whether it was announced.
 */
export function announcePublication(pubSub: ForumPubSub, body: unknown): boolean {
  const event = (body ?? {}) as Record<string, unknown>;
  const type = TYPES[String(event['model'] ?? '')];
  const documentId = String(event['documentId'] ?? '');
  if (event['event'] !== 'entry.publish' || !type || !DOCUMENT_ID.test(documentId)) return false;
  const ids = (value: unknown) =>
    Array.isArray(value)
      ? value.filter((id): id is string => typeof id === 'string' && DOCUMENT_ID.test(id))
      : [];
  const cityId =
    typeof event['cityId'] === 'string' && DOCUMENT_ID.test(event['cityId']) ? event['cityId'] : null;
  const published: ContentPublishedEvent = {
    type,
    documentId,
    kind: event['republished'] === true ? PublicationKind.UPDATED : PublicationKind.NEW,
    at:
      typeof event['at'] === 'string' && !Number.isNaN(Date.parse(event['at']))
        ? event['at']
        : new Date().toISOString(),
    cityId,
    actionFieldIds: ids(event['actionFieldIds']),
  };
  pubSub.publish('CONTENT_PUBLISHED', ALL_CONTENT, published);
  return true;
}

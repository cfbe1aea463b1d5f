import type { Core } from '@strapi/strapi';

/** The shape of config/stadtnetz.ts, read through Strapi's config once it is loaded. */
export interface StadtnetzSettings {
  forumUrl: string;
  forumJwksUrl: string;
  tokenIssuer: string;
  tokenAudience: string;
  submissionRateLimit: { points: number; durationSeconds: number };
  /** Empty: the submission limit counts in memory, per instance. */
  redisUrl: string;
  contentWebhookUrls: string[];
  webhookTimeoutMs: number;
  /** Sent as `x-webhook-secret` with each content event, so receivers can tell the CMS from anybody else. */
  webhookSecret: string;
  seedDemo: boolean;
  /** Serve the public `projects` list through the fast path (features/project-list); off: Strapi's resolver. */
  projectListFastPath: boolean;
  admin: { email: string; password: string; firstname: string; lastname: string };
}

export function settings(strapi: Core.Strapi): StadtnetzSettings {
  return strapi.config.get('stadtnetz') as StadtnetzSettings;
}

/** The content types this CMS owns, by GraphQL type name. */
export const CONTENT_TYPES = {
  Project: 'api::project.project',
  Workshop: 'api::workshop.workshop',
  City: 'api::city.city',
  ActionField: 'api::action-field.action-field',
  Organisation: 'api::organisation.organisation',
} as const;

export type ContentTypeName = keyof typeof CONTENT_TYPES;
export type ContentTypeUid = (typeof CONTENT_TYPES)[ContentTypeName];
export const CONTENT_TYPE_UIDS = Object.values(CONTENT_TYPES) as ContentTypeUid[];

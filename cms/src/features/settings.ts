import type { Core } from '@strapi/strapi';

/** The shape of config/stadtnetz.ts, read through Strapi's config once it is loaded. */
export interface StadtnetzSettings {
  forumUrl: string;
  forumJwksUrl: string;
  /** Shared with the forum's editor API (workshop registrations in the admin); empty: not available. */
  forumEditorSecret: string;
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
  /** The everyday editor account (Editor role), created once when both are set. */
  editor: { email: string; password: string; firstname: string; lastname: string };
  /** The website's preview of drafts (Strapi's preview button). */
  preview: PreviewSettings;
  graphqlLimits: GraphqlLimits;
}

export interface PreviewSettings {
  /** The website's address (where the preview opens); empty: no preview button. */
  websiteUrl: string;
  /** Signs preview links; shared with the website. Empty: no preview. */
  secret: string;
  /** How long a preview link is valid. */
  ttlSeconds: number;
}

/** Limits of the CMS's own GraphQL endpoint (see README, "Limits"). */
export interface GraphqlLimits {
  /** Aliased fields per operation (TOO_MANY_ALIASES). */
  maxAliases: number;
  /** Estimated cost per operation, multiplied by the list sizes asked for (QUERY_TOO_COMPLEX). */
  maxCost: number;
  /** Extra cost of each `Project.similar` and each `searchProjects`. */
  similarCost: number;
  searchCost: number;
  /** Work per request stops after this (REQUEST_TIMEOUT). */
  timeoutMs: number;
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

/**
 * The site's own pages, one single type each, edited by editors and read by the public (published only): what a
 * German public platform must have (Impressum § 5 DDG, Datenschutzerklärung Art. 13 DSGVO, Erklärung zur
 * Barrierefreiheit and Leichte Sprache per BITV 2.0).
 */
export const PAGE_TYPES = {
  LegalNotice: 'api::legal-notice.legal-notice',
  PrivacyPolicy: 'api::privacy-policy.privacy-policy',
  AccessibilityStatement: 'api::accessibility-statement.accessibility-statement',
  EasyLanguage: 'api::easy-language.easy-language',
} as const;
export type PageTypeUid = (typeof PAGE_TYPES)[keyof typeof PAGE_TYPES];
export const PAGE_TYPE_UIDS = Object.values(PAGE_TYPES) as PageTypeUid[];

/** Feedback on accessibility sent through the website's form: editors read it, the public never does. */
export const FEEDBACK_TYPE_UID = 'api::accessibility-feedback.accessibility-feedback';

/** The licence and publisher of the website's open data (one entry, no drafts: what editors save applies). */
export const OPEN_DATA_TYPE_UID = 'api::open-data.open-data';

/** Everything editors work on in the content manager. */
export const EDITORIAL_TYPE_UIDS: string[] = [
  ...Object.values(CONTENT_TYPES),
  ...PAGE_TYPE_UIDS,
  OPEN_DATA_TYPE_UID,
  FEEDBACK_TYPE_UID,
];

/** What the public reads (published versions only) and whose changes are announced to the gateway's cache. */
export const PUBLIC_TYPE_UIDS: string[] = [
  ...Object.values(CONTENT_TYPES),
  ...PAGE_TYPE_UIDS,
  OPEN_DATA_TYPE_UID,
];

export type ContentTypeName = keyof typeof CONTENT_TYPES;
export type ContentTypeUid = (typeof CONTENT_TYPES)[ContentTypeName];
export const CONTENT_TYPE_UIDS = Object.values(CONTENT_TYPES) as ContentTypeUid[];

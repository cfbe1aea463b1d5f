import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring preview links. Strapi's preview button asks `config/admin.ts` for a URL; it points at the
 * website's `/vorschau/<type>/<documentId>` with these parameters. The website checks the signature and passes the
 * same parameters to the CMS's `GET /preview/<type>/<documentId>`, which checks it again and only then reads the
 * draft. Whoever lacks the secret (PREVIEW_SECRET, shared by the CMS and the website) cannot make a link, and a
 * link is good for one document, one locale and one status until it expires.
 */

/** What a preview can show, by the website's short name. */
export const PREVIEW_TYPES = {
  project: 'api::project.project',
  workshop: 'api::workshop.workshop',
  impressum: 'api::legal-notice.legal-notice',
  datenschutz: 'api::privacy-policy.privacy-policy',
  barrierefreiheit: 'api::accessibility-statement.accessibility-statement',
  'leichte-sprache': 'api::easy-language.easy-language',
} as const;
export type PreviewType = keyof typeof PREVIEW_TYPES;

export function previewTypeOf(uid: string): PreviewType | undefined {
  return (Object.keys(PREVIEW_TYPES) as PreviewType[]).find((type) => PREVIEW_TYPES[type] === uid);
}

export interface PreviewTarget {
  type: PreviewType;
  documentId: string;
  locale: string;
  status: 'draft' | 'published';
}

const payload = (target: PreviewTarget, expires: number) =>
  [target.type, target.documentId, target.locale, target.status, expires].join('\n');

export function signPreview(secret: string, target: PreviewTarget, expires: number): string {
  return createHmac('sha256', secret).update(payload(target, expires)).digest('base64url');
}

/** The website's preview URL for a document, valid for `ttlSeconds`. */
export function previewUrl(
  websiteUrl: string,
  secret: string,
  target: PreviewTarget,
  ttlSeconds: number,
  now = Date.now(),
): string {
  const expires = Math.floor(now / 1000) + ttlSeconds;
  const query = new URLSearchParams({
    locale: target.locale,
    status: target.status,
    expires: String(expires),
    signature: signPreview(secret, target, expires),
  });
  return `${websiteUrl}/vorschau/${target.type}/${encodeURIComponent(target.documentId)}?${query}`;
}

export type PreviewCheck = { ok: true; target: PreviewTarget } | { ok: false; reason: 'invalid' | 'expired' };

/** Checks a link's parameters; a link without a valid signature is `invalid`, an old one `expired`. */
export function verifyPreview(
  secret: string,
  params: {
    type?: string;
    documentId?: string;
    locale?: unknown;
    status?: unknown;
    expires?: unknown;
    signature?: unknown;
  },
  now = Date.now(),
): PreviewCheck {
  const { type, documentId, locale, status, expires, signature } = params;
  if (
    !secret ||
    !type ||
    !(type in PREVIEW_TYPES) ||
    !documentId ||
    typeof locale !== 'string' ||
    !/^[a-z]{2}(-[A-Z]{2})?$/.test(locale) ||
    (status !== 'draft' && status !== 'published') ||
    typeof expires !== 'string' ||
    !/^\d{1,12}$/.test(expires) ||
    typeof signature !== 'string'
  )
    return { ok: false, reason: 'invalid' };
  const target: PreviewTarget = { type: type as PreviewType, documentId, locale, status };
  const expected = Buffer.from(signPreview(secret, target, Number(expires)));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'invalid' };
  if (Number(expires) * 1000 < now) return { ok: false, reason: 'expired' };
  return { ok: true, target };
}

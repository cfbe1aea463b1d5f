// The website's side of Strapi's preview button: the CMS signs a link to /vorschau/<type>/<documentId> with
// PREVIEW_SECRET (shared by both); the website checks it and reads the draft from the CMS's GET /preview with the
// same signed parameters — never through the public gateway, which refuses drafts. See cms/src/features/preview.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { env } from '$env/dynamic/private';
import { cmsUrl } from './cms';

export const PREVIEW_TYPES = [
  'project',
  'workshop',
  'impressum',
  'datenschutz',
  'barrierefreiheit',
  'leichte-sprache',
] as const;
export type PreviewType = (typeof PREVIEW_TYPES)[number];

export interface PreviewParams {
  type: string;
  documentId: string;
  locale: string | null;
  status: string | null;
  expires: string | null;
  signature: string | null;
}

export type PreviewCheck = { ok: true } | { ok: false; reason: 'invalid' | 'expired' };

/** The same check as the CMS's (cms/src/features/preview/preview-link.ts). */
export function checkPreview(
  params: PreviewParams,
  secret = env['PREVIEW_SECRET'] ?? '',
  now = Date.now(),
): PreviewCheck {
  const { type, documentId, locale, status, expires, signature } = params;
  if (
    !secret ||
    !(PREVIEW_TYPES as readonly string[]).includes(type) ||
    !documentId ||
    !locale ||
    !/^[a-z]{2}(-[A-Z]{2})?$/.test(locale) ||
    (status !== 'draft' && status !== 'published') ||
    !expires ||
    !/^\d{1,12}$/.test(expires) ||
    !signature
  )
    return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(
    createHmac('sha256', secret)
      .update([type, documentId, locale, status, Number(expires)].join('\n'))
      .digest('base64url'),
  );
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'invalid' };
  if (Number(expires) * 1000 < now) return { ok: false, reason: 'expired' };
  return { ok: true };
}

export type PreviewAnswer =
  | { ok: true; document: Record<string, unknown>; status: 'draft' | 'published' }
  | { ok: false; status: number; code: string };

/** Reads the document from the CMS with the signed parameters (the CMS checks them again). */
export async function fetchPreview(
  params: PreviewParams,
  fetcher: typeof fetch = fetch,
): Promise<PreviewAnswer> {
  const query = new URLSearchParams({
    locale: params.locale ?? '',
    status: params.status ?? '',
    expires: params.expires ?? '',
    signature: params.signature ?? '',
  });
  const url = `${cmsUrl()}/preview/${encodeURIComponent(params.type)}/${encodeURIComponent(params.documentId)}?${query}`;
  const response = await fetcher(url, { signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
  if (!response) return { ok: false, status: 503, code: 'UPSTREAM_UNAVAILABLE' };
  const body = (await response.json().catch(() => null)) as {
    data?: { document: Record<string, unknown>; status: 'draft' | 'published' };
    error?: { code?: string };
  } | null;
  if (!response.ok || !body?.data)
    return { ok: false, status: response.status, code: body?.error?.code ?? 'UNKNOWN' };
  return { ok: true, document: body.data.document, status: body.data.status };
}

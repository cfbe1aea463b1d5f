import { error } from '@sveltejs/kit';
import { checkPreview, fetchPreview, type PreviewParams } from '$lib/server/preview';
import type { PageServerLoad } from './$types';

/**
 * Strapi's preview button opens this page with a signed, expiring link. Without a valid one: 403 (or 404 for a
 * document that does not exist) and nothing of the draft. Never cached, never indexed.
 */
export const load: PageServerLoad = async ({ params, url, fetch, setHeaders }) => {
  setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex, nofollow' });
  const preview: PreviewParams = {
    type: params.type,
    documentId: params.id,
    locale: url.searchParams.get('locale'),
    status: url.searchParams.get('status'),
    expires: url.searchParams.get('expires'),
    signature: url.searchParams.get('signature'),
  };
  const check = checkPreview(preview);
  if (!check.ok)
    error(403, { message: check.reason === 'expired' ? 'error.previewExpired' : 'error.previewInvalid' });
  const answer = await fetchPreview(preview, fetch);
  if (!answer.ok) {
    if (answer.status === 404) error(404, { message: 'error.notFound' });
    if (answer.status === 403)
      error(403, {
        message: answer.code === 'PREVIEW_EXPIRED' ? 'error.previewExpired' : 'error.previewInvalid',
      });
    error(503, { message: 'error.unavailable' });
  }
  return { type: params.type, status: answer.status, document: answer.document };
};

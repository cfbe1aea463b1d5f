import { cmsUrl, isUploadName } from '$lib/server/cms';
import { errorResponse } from '$lib/server/error-response';
import type { RequestHandler } from './$types';

const PASSED_ON = ['content-type', 'content-length', 'last-modified', 'etag'];

/**
 * Downloads of the media library (workshop documentation, project documents): Strapi answers `/uploads/<file>`
 * on its own host, which visitors do not reach; the website passes the file on from the CMS.
 */
export const GET: RequestHandler = async ({ params, fetch, locals }) => {
  if (!isUploadName(params.file)) return errorResponse(404, 'error.notFound', locals.locale);
  const upstream = await fetch(`${cmsUrl()}/uploads/${params.file}`, {
    signal: AbortSignal.timeout(15_000),
  }).catch(() => undefined);
  if (upstream?.status === 404) return errorResponse(404, 'error.notFound', locals.locale);
  if (!upstream?.ok || !upstream.body) return errorResponse(503, 'error.unavailable', locals.locale);
  const headers = new Headers({
    'cache-control': 'public, max-age=3600',
    'x-content-type-options': 'nosniff',
  });
  for (const name of PASSED_ON) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(upstream.body, { status: 200, headers });
};

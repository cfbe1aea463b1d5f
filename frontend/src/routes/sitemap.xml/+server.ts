import { Api } from '$lib/server/api';
import { UpstreamError } from '$lib/server/open-data/datasets';
import { plainText } from '$lib/server/open-data/request';
import { sitemap } from '$lib/server/sitemap';
import { siteOrigin } from '$lib/server/public-gateway';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, getClientAddress }) => {
  try {
    const body = await sitemap(new Api(undefined, getClientAddress()), siteOrigin(url));
    return new Response(body, {
      headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' },
    });
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    return plainText(503, 'Die Sitemap ist gerade nicht erreichbar.\nThe sitemap is unavailable right now.');
  }
};

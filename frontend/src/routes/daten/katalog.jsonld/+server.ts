// The DCAT-AP.de catalogue of the open data as JSON-LD (for GovData and other harvesters).
import { Api } from '$lib/server/api';
import { siteCatalogue } from '$lib/server/open-data/catalogue';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, getClientAddress }) => {
  const catalogue = await siteCatalogue(new Api(undefined, getClientAddress()), url);
  return new Response(JSON.stringify(catalogue, null, 2), {
    headers: {
      'content-type': 'application/ld+json; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'access-control-allow-origin': '*',
    },
  });
};

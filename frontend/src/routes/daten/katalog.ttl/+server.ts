// The DCAT-AP.de catalogue of the open data as Turtle: the same graph as katalog.jsonld.
import { Api } from '$lib/server/api';
import { catalogueTurtle, siteCatalogue } from '$lib/server/open-data/catalogue';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, getClientAddress }) => {
  const catalogue = await siteCatalogue(new Api(undefined, getClientAddress()), url);
  return new Response(await catalogueTurtle(catalogue), {
    headers: {
      'content-type': 'text/turtle; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'access-control-allow-origin': '*',
    },
  });
};

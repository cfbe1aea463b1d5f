import { errorResponse } from '$lib/server/error-response';
import { icsHeaders, workshopCalendar } from '$lib/server/workshops';
import { siteOrigin } from '$lib/server/public-gateway';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
  const { body, count } = await workshopCalendar(locals.api, siteOrigin(url), params.id);
  if (count === 0) return errorResponse(404, 'error.notFound', locals.locale);
  return new Response(body, { headers: icsHeaders(`workshop-${params.id}.ics`) });
};

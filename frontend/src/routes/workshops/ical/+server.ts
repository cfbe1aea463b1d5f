import { icsHeaders, workshopCalendar } from '$lib/server/workshops';
import { siteOrigin } from '$lib/server/public-gateway';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
  const { body } = await workshopCalendar(locals.api, siteOrigin(url));
  return new Response(body, { headers: icsHeaders('stadtnetz-workshops.ics') });
};

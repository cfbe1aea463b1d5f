import { icsHeaders, workshopCalendar } from '$lib/server/workshops';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
  const { body } = await workshopCalendar(locals.api, url.origin);
  return new Response(body, { headers: icsHeaders('stadtnetz-workshops.ics') });
};

import { error } from '@sveltejs/kit';
import { icsHeaders, workshopCalendar } from '$lib/server/workshops';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
  const { body, count } = await workshopCalendar(locals.api, url.origin, params.id);
  if (count === 0) error(404, { message: 'error.notFound' });
  return new Response(body, { headers: icsHeaders(`workshop-${params.id}.ics`) });
};

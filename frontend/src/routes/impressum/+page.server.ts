import { loadSitePage } from '$lib/server/site-pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
  page: await loadSitePage(locals.api, 'impressum', locals.locale),
});

import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { applyTranslations, translationVariables } from '$lib/translation';
import { followActions, isFollowing } from '$lib/server/follows';
import type { Actions, PageServerLoad } from './$types';

const CityPage = graphql(`
  query CityPage($slug: String!, $locale: I18NLocaleCode!, $translate: Boolean!) {
    cities(filters: { slug: { eq: $slug } }, pagination: { pageSize: 1 }) {
      documentId
      name
      federalState
      population
      memberCount
      members(first: 20) {
        id
        displayName
        sector
        organisation
      }
      projects(pagination: { pageSize: 50 }, sort: ["title:asc"]) {
        documentId
        title
        summary
        projectStatus
        discussions(first: 1) {
          id
          title
          postCount
        }
        translation(locale: $locale) @include(if: $translate) {
          title
          summary
          fallbackFields
          fallbackLocale
        }
      }
    }
  }
`);

export const load: PageServerLoad = async ({ locals, params }) => {
  const data = applyTranslations(
    await locals.api.load(CityPage, { slug: params.slug, ...translationVariables(locals.locale) }),
  );
  const city = data.cities[0];
  if (!city) error(404, { message: 'error.notFound' });
  const projects = city.projects.filter((p) => p !== null);
  const following = await isFollowing(locals, 'cityId', city.documentId);
  return { city, projects, threads: projects.flatMap((p) => p.discussions), following };
};

export const actions: Actions = followActions('cityId');

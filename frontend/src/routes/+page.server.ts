import { graphql } from '$lib/graphql';
import { ProjectCardFields } from '$lib/projects/fragments';
import { applyTranslations, translationVariables } from '$lib/translation';
import type { PageServerLoad } from './$types';

const Home = graphql(
  `
    query Home($now: DateTime!, $locale: I18NLocaleCode!, $translate: Boolean!) {
      projects(sort: ["publishedAt:desc"], pagination: { pageSize: 4 }) {
        ...ProjectCardFields
      }
      workshops(filters: { startsAt: { gte: $now } }, sort: ["startsAt:asc"], pagination: { pageSize: 1 }) {
        documentId
        title
        number
        startsAt
        guidingQuestion
        venue {
          name
          city {
            name
          }
        }
        translation(locale: $locale) @include(if: $translate) {
          title
          guidingQuestion
          fallbackFields
          fallbackLocale
        }
      }
      threads(first: 5) {
        nodes {
          id
          title
          postCount
          lastActivityAt
          category {
            name
          }
        }
      }
      cities(pagination: { pageSize: 100 }, sort: ["name:asc"]) {
        documentId
        name
        slug
        latitude
        longitude
        projects(pagination: { pageSize: 100 }) {
          documentId
        }
      }
    }
  `,
  [ProjectCardFields],
);

export const load: PageServerLoad = async ({ locals, url }) => {
  const data = await locals.api.load(Home, {
    now: new Date().toISOString(),
    ...translationVariables(locals.locale),
  });
  return { ...applyTranslations(data), signedOut: url.searchParams.has('abgemeldet') };
};

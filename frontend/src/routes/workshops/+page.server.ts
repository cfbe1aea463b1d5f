import { graphql } from '$lib/graphql';
import { applyTranslations, translationVariables } from '$lib/translation';
import type { PageServerLoad } from './$types';

const Workshops = graphql(`
  query Workshops($locale: I18NLocaleCode!, $translate: Boolean!) {
    workshops(sort: ["startsAt:asc"], pagination: { pageSize: 100 }) {
      documentId
      title
      number
      startsAt
      guidingQuestion
      registration {
        open
        deadline
      }
      translation(locale: $locale) @include(if: $translate) {
        title
        guidingQuestion
        fallbackFields
        fallbackLocale
      }
      venue {
        name
        city {
          name
        }
      }
    }
  }
`);

export const load: PageServerLoad = async ({ locals }) =>
  applyTranslations(await locals.api.load(Workshops, translationVariables(locals.locale)));

import { graphql } from '$lib/graphql';
import { applyTranslations, translationVariables } from '$lib/translation';
import type { PageServerLoad } from './$types';

const Fields = graphql(`
  query ActionFields($locale: I18NLocaleCode!, $translate: Boolean!) {
    actionFields(sort: ["name:asc"], pagination: { pageSize: 100 }) {
      documentId
      slug
      name
      description
      projects(pagination: { pageSize: 100 }) {
        documentId
      }
      translation(locale: $locale) @include(if: $translate) {
        name
        description
        fallbackFields
        fallbackLocale
      }
    }
  }
`);

export const load: PageServerLoad = async ({ locals }) => {
  const data = await locals.api.load(Fields, translationVariables(locals.locale));
  return { fields: applyTranslations(data.actionFields.filter((f) => f !== null)) };
};

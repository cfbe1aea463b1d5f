import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { applyTranslations, translationVariables } from '$lib/translation';
import { followActions, isFollowing } from '$lib/server/follows';
import type { Actions, PageServerLoad } from './$types';

const FieldPage = graphql(`
  query ActionFieldPage($slug: String!, $locale: I18NLocaleCode!, $translate: Boolean!) {
    actionFields(filters: { slug: { eq: $slug } }, pagination: { pageSize: 1 }) {
      documentId
      name
      description
      threads(first: 10) {
        id
        title
        postCount
      }
      projects(pagination: { pageSize: 50 }, sort: ["title:asc"]) {
        documentId
        title
        summary
        projectStatus
        city {
          name
        }
        translation(locale: $locale) @include(if: $translate) {
          title
          summary
          fallbackFields
          fallbackLocale
        }
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

const FieldMembers = graphql(`
  query ActionFieldMembers($interest: ID!) {
    members(filter: { interest: $interest }, first: 20) {
      nodes {
        id
        displayName
        sector
        organisation
      }
    }
  }
`);

export const load: PageServerLoad = async ({ locals, params }) => {
  const data = await locals.api.load(FieldPage, {
    slug: params.slug,
    ...translationVariables(locals.locale),
  });
  const field = applyTranslations(data.actionFields[0]);
  if (!field) error(404, { message: 'error.notFound' });
  const members = await locals.api.run(FieldMembers, { interest: field.documentId });
  const following = await isFollowing(locals, 'actionFieldId', field.documentId);
  return { field, members: members.data?.members.nodes ?? [], following };
};

export const actions: Actions = followActions('actionFieldId');

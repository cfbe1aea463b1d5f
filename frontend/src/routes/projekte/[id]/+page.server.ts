import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { PostFields, ThreadFields } from '$lib/forum/fragments';
import { markdownHtml, withoutLeadingSummary } from '$lib/server/content';
import { threadActions } from '$lib/server/forum';
import { applyTranslations, translationVariables } from '$lib/translation';
import { followActions, isFollowing } from '$lib/server/follows';
import type { Actions, PageServerLoad } from './$types';

const ProjectPage = graphql(
  `
    query ProjectPage($id: ID!, $locale: I18NLocaleCode!, $translate: Boolean!) {
      project(documentId: $id) {
        documentId
        title
        summary
        description
        outcomes
        transferability
        projectStatus
        source
        district
        startDate
        endDate
        budgetRange
        funding
        website
        city {
          name
          slug
          federalState
          latitude
          longitude
        }
        actionFields {
          name
          slug
          translation(locale: $locale) @include(if: $translate) {
            name
            fallbackFields
            fallbackLocale
          }
        }
        targetGroups {
          group
        }
        leadOrganisation {
          name
          website
        }
        partners {
          name
        }
        contacts {
          id
          name
          role
          organisation
          email
          phone
        }
        documents {
          documentId
          name
          url
          ext
          size
        }
        similar(limit: 4) {
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
          title
          summary
          description
          outcomes
          transferability
          funding
          fallbackFields
          fallbackLocale
        }
        threadList: discussions(first: 5) {
          id
          title
          postCount
        }
        discussions(first: 1) {
          ...ThreadFields
          posts(first: 50) {
            nodes {
              ...PostFields
            }
          }
        }
      }
      categories {
        id
        slug
      }
    }
  `,
  [ThreadFields, PostFields],
);

export const load: PageServerLoad = async ({ params, locals }) => {
  const data = await locals.api.load(ProjectPage, { id: params.id, ...translationVariables(locals.locale) });
  if (!data.project) error(404, { message: 'error.notFound' });
  const project = applyTranslations(data.project);
  return {
    project,
    html: {
      description: markdownHtml(withoutLeadingSummary(project.description, project.summary)),
      outcomes: markdownHtml(project.outcomes),
      transferability: markdownHtml(project.transferability),
    },
    following: await isFollowing(locals, 'projectId', project.documentId),
    projectCategory: data.categories.find((c) => c.slug === 'projekte')?.id ?? data.categories[0]?.id,
  };
};

export const actions: Actions = { ...threadActions, ...followActions('projectId') };

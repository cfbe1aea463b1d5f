import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { PostFields, ThreadFields } from '$lib/forum/fragments';
import { threadActions } from '$lib/server/forum';
import type { Actions, PageServerLoad } from './$types';

const ProjectPage = graphql(
  `
    query ProjectPage($id: ID!) {
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
        }
        actionFields {
          name
          slug
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
  const data = await locals.api.load(ProjectPage, { id: params.id });
  if (!data.project) error(404, { message: 'error.notFound' });
  return {
    project: data.project,
    projectCategory: data.categories.find((c) => c.slug === 'projekte')?.id ?? data.categories[0]?.id,
  };
};

export const actions: Actions = threadActions;

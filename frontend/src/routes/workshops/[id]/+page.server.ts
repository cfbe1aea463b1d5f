import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { PostFields, ThreadFields } from '$lib/forum/fragments';
import { threadActions } from '$lib/server/forum';
import type { Actions, PageServerLoad } from './$types';

const WorkshopPage = graphql(
  `
    query WorkshopPage($id: ID!) {
      workshop(documentId: $id) {
        documentId
        title
        number
        guidingQuestion
        startsAt
        endsAt
        documentation
        venue {
          name
          address
          city {
            name
            slug
          }
        }
        registration {
          open
          deadline
          capacity
          url
        }
        programme {
          id
          time
          title
          speakers
        }
        documentationFiles {
          documentId
          name
          url
          ext
          size
        }
        relatedProjects {
          documentId
          title
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
  const data = await locals.api.load(WorkshopPage, { id: params.id });
  if (!data.workshop) error(404, { message: 'error.notFound' });
  return {
    workshop: data.workshop,
    workshopCategory: data.categories.find((c) => c.slug === 'workshops')?.id ?? data.categories[0]?.id,
  };
};

export const actions: Actions = threadActions;

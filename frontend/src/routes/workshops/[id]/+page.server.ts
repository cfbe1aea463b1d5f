import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { PostFields, ThreadFields } from '$lib/forum/fragments';
import { markdownHtml } from '$lib/server/content';
import { threadActions } from '$lib/server/forum';
import { signupActions } from '$lib/server/workshop-signup';
import { applyTranslations, translationVariables } from '$lib/translation';
import type { Actions, PageServerLoad } from './$types';

const WorkshopPage = graphql(
  `
    query WorkshopPage($id: ID!, $locale: I18NLocaleCode!, $translate: Boolean!) {
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
            latitude
            longitude
          }
        }
        registration {
          open
          deadline
          capacity
          url
        }
        signup {
          workshopId
          status
          opensAt
          closesAt
          capacity
          seatsLeft
          confirmedCount
          waitlistCount
          waitlistEnabled
          approvalRequired
          questions {
            key
            label
            labelEn
            required
          }
          myStatus
          myWaitlistPosition
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
          mime
          size
        }
        relatedProjects {
          documentId
          title
          translation(locale: $locale) @include(if: $translate) {
            title
            fallbackFields
            fallbackLocale
          }
        }
        translation(locale: $locale) @include(if: $translate) {
          title
          guidingQuestion
          documentation
          programme {
            id
            time
            title
            speakers
          }
          fallbackFields
          fallbackLocale
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
  const data = await locals.api.load(WorkshopPage, { id: params.id, ...translationVariables(locals.locale) });
  if (!data.workshop) error(404, { message: 'error.notFound' });
  const workshop = applyTranslations(data.workshop);
  return {
    workshop,
    documentationHtml: markdownHtml(workshop.documentation),
    workshopCategory: data.categories.find((c) => c.slug === 'workshops')?.id ?? data.categories[0]?.id,
  };
};

export const actions: Actions = { ...threadActions, ...signupActions };

import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import type { Actions, PageServerLoad } from './$types';

const Notifications = graphql(`
  query Notifications {
    notifications(first: 50) {
      nodes {
        id
        kind
        readAt
        createdAt
        actor {
          displayName
        }
        thread {
          id
          title
        }
        post {
          id
        }
        cmsType
        cmsDocumentId
        conversationId
      }
    }
  }
`);

const MarkRead = graphql(`
  mutation MarkNotificationsRead {
    markNotificationsRead
  }
`);

export const load: PageServerLoad = async ({ locals }) => {
  if (!locals.user) redirect(303, '/anmelden?weiter=/benachrichtigungen');
  const data = await locals.api.load(Notifications, {});
  return { notifications: data.notifications.nodes };
};

export const actions: Actions = {
  default: async ({ locals }) => {
    if (!locals.user) redirect(303, '/anmelden?weiter=/benachrichtigungen');
    await locals.api.mutate(MarkRead, {});
    return { done: true };
  },
};

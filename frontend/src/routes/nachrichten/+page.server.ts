import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import type { PageServerLoad } from './$types';

const Conversations = graphql(`
  query Conversations {
    conversations(first: 50) {
      nodes {
        id
        lastMessageAt
        unreadCount
        participants {
          id
          displayName
        }
      }
    }
  }
`);

export const load: PageServerLoad = async ({ locals }) => {
  if (!locals.user) redirect(303, '/anmelden?weiter=/nachrichten');
  const data = await locals.api.load(Conversations, {});
  return { conversations: data.conversations.nodes };
};

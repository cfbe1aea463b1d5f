import { fail, redirect } from '@sveltejs/kit';
import { toFormError, type FormError } from '$lib/errors';
import { graphql } from '$lib/graphql';
import type { Actions, PageServerLoad } from './$types';

const MessageFields = graphql(`
  fragment MessageFields on Message {
    id
    conversationId
    bodyHtml
    createdAt
    cursor
    author {
      id
      displayName
    }
  }
`);

const ConversationPage = graphql(
  `
    query ConversationPage($id: ID!) {
      conversation(id: $id) {
        id
        participants {
          id
          displayName
        }
        messages(first: 100) {
          nodes {
            ...MessageFields
          }
        }
      }
    }
  `,
  [MessageFields],
);

const MarkRead = graphql(`
  mutation MarkConversationRead($id: ID!) {
    markConversationRead(id: $id) {
      id
    }
  }
`);

const UnreadMessages = graphql(`
  query UnreadMessages {
    unreadMessageCount
  }
`);

const Send = graphql(`
  mutation SendMessage($input: SendMessageInput!) {
    sendMessage(input: $input) {
      id
    }
  }
`);

export const load: PageServerLoad = async ({ locals, params }) => {
  if (!locals.user) redirect(303, `/anmelden?weiter=/nachrichten/${params.id}`);
  const data = await locals.api.load(ConversationPage, { id: params.id });
  await locals.api.mutate(MarkRead, { id: params.id });
  // Read now: the header's count without this conversation (the hook counted before it was read).
  const unread = await locals.api.run(UnreadMessages, {});
  return {
    conversation: data.conversation,
    unreadMessages: unread.data?.unreadMessageCount ?? locals.unreadMessages,
  };
};

export const actions: Actions = {
  default: async ({ locals, request, params }) => {
    if (!locals.user) redirect(303, `/anmelden?weiter=/nachrichten/${params.id}`);
    const form = await request.formData();
    const body = String(form.get('message') ?? '').trim();
    const clientId = String(form.get('clientId') ?? '') || undefined;
    if (!body)
      return fail(400, {
        error: {
          message: 'error.input',
          fields: { message: { key: 'error.field.required' } },
        } satisfies FormError,
      });
    const result = await locals.api.mutate(Send, { input: { conversationId: params.id, body, clientId } });
    if (!result.data) return fail(400, { error: toFormError(result.errors, { body: 'message' }) });
    return { sent: true };
  },
};

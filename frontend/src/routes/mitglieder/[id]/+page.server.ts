import { error, fail, redirect } from '@sveltejs/kit';
import { toFormError, type FormError } from '$lib/errors';
import { graphql } from '$lib/graphql';
import type { Actions, PageServerLoad } from './$types';

const MemberPage = graphql(`
  query MemberPage($id: ID!) {
    member(id: $id) {
      id
      displayName
      handle
      sector
      organisation
      bio
      role
      createdAt
      city {
        name
        slug
      }
      interests {
        name
        slug
      }
    }
  }
`);

const StartConversation = graphql(`
  mutation StartConversation($input: StartConversationInput!) {
    startConversation(input: $input) {
      conversationId
    }
  }
`);

export const load: PageServerLoad = async ({ locals, params }) => {
  const data = await locals.api.load(MemberPage, { id: params.id });
  if (!data.member) error(404, { message: 'error.notFound' });
  return { member: data.member };
};

export const actions: Actions = {
  write: async ({ locals, request, params, url }) => {
    if (!locals.user) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
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
    const result = await locals.api.mutate(StartConversation, {
      input: { memberId: params.id, body, clientId },
    });
    if (!result.data) return fail(400, { error: toFormError(result.errors, { body: 'message' }) });
    redirect(303, `/nachrichten/${result.data.startConversation.conversationId}`);
  },
};

import { fail, redirect } from '@sveltejs/kit';
import { toFormError } from '$lib/errors';
import { graphql } from '$lib/graphql';
import type { Actions, PageServerLoad } from './$types';

const Settings = graphql(`
  query NotificationSettingsPage {
    notificationSettings {
      kind
      frequency
    }
    me {
      id
      email
      emailVerified
      follows {
        targetType
        targetId
        createdAt
        city {
          documentId
          name
          slug
        }
        actionField {
          documentId
          name
          slug
        }
        project {
          documentId
          title
        }
        thread {
          id
          title
        }
        category {
          id
          name
          slug
        }
      }
    }
  }
`);

const Update = graphql(`
  mutation UpdateNotificationSettings($input: UpdateNotificationSettingsInput!) {
    updateNotificationSettings(input: $input) {
      kind
      frequency
    }
  }
`);

const Unfollow = graphql(`
  mutation UnfollowFromSettings($input: FollowInput!) {
    unfollow(input: $input)
  }
`);

const Resend = graphql(`
  mutation ResendVerification {
    resendVerification
  }
`);

const ChangeEmail = graphql(`
  mutation ChangeEmail($input: ChangeEmailInput!) {
    changeEmail(input: $input)
  }
`);

const KINDS = ['REPLY', 'MENTION', 'DIRECT_MESSAGE', 'FOLLOWED_THREAD', 'FOLLOWED_CONTENT'] as const;
const FREQUENCIES = ['IMMEDIATELY', 'DAILY', 'WEEKLY', 'NEVER'] as const;
type Frequency = (typeof FREQUENCIES)[number];

const FIELD_OF = {
  CITY: 'cityId',
  ACTION_FIELD: 'actionFieldId',
  PROJECT: 'projectId',
  THREAD: 'threadId',
  CATEGORY: 'categoryId',
} as const;

export const load: PageServerLoad = async ({ locals, url }) => {
  if (!locals.user) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
  const data = await locals.api.load(Settings, {});
  return { settings: data.notificationSettings, me: data.me! };
};

export const actions: Actions = {
  settings: async ({ request, locals }) => {
    const form = await request.formData();
    const settings = KINDS.flatMap((kind) => {
      const frequency = String(form.get(kind) ?? '');
      return FREQUENCIES.includes(frequency as Frequency)
        ? [{ kind, frequency: frequency as Frequency }]
        : [];
    });
    const result = await locals.api.mutate(Update, { input: { settings } });
    if (!result.data) return fail(400, { error: toFormError(result.errors) });
    return { saved: true };
  },
  unfollow: async ({ request, locals }) => {
    const form = await request.formData();
    const type = String(form.get('targetType') ?? '') as keyof typeof FIELD_OF;
    const field = FIELD_OF[type];
    if (!field) return fail(400, { error: toFormError([]) });
    const result = await locals.api.mutate(Unfollow, {
      input: { [field]: String(form.get('targetId') ?? '') },
    });
    if (!result.data) return fail(400, { error: toFormError(result.errors) });
    return { unfollowed: true };
  },
  resend: async ({ locals }) => {
    if (!locals.user) redirect(303, '/anmelden');
    const result = await locals.api.mutate(Resend, {});
    if (!result.data) return fail(400, { error: toFormError(result.errors) });
    return { resent: true };
  },
  email: async ({ request, locals }) => {
    const form = await request.formData();
    const newEmail = String(form.get('newEmail') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const result = await locals.api.mutate(ChangeEmail, { input: { newEmail, password } });
    if (!result.data) return fail(400, { newEmail, emailError: toFormError(result.errors) });
    return { emailRequested: newEmail };
  },
};

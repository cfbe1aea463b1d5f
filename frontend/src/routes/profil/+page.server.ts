import { fail, redirect } from '@sveltejs/kit';
import { toFormError } from '$lib/errors';
import { graphql } from '$lib/graphql';
import { isSector } from '$lib/members';
import { formOptions } from '$lib/server/options';
import type { Actions, PageServerLoad } from './$types';

const MyProfile = graphql(`
  query MyProfile {
    me {
      id
      displayName
      email
      sector
      organisation
      cityId
      bio
      interestIds
    }
  }
`);

const UpdateProfile = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      id
    }
  }
`);

export const load: PageServerLoad = async ({ locals, url }) => {
  if (!locals.user) redirect(303, '/anmelden?weiter=/profil');
  const [data, options] = await Promise.all([
    locals.api.load(MyProfile, {}),
    formOptions(locals.api, locals.locale),
  ]);
  if (!data.me) redirect(303, '/anmelden?weiter=/profil');
  const welcome = url.searchParams.has('bestaetigt')
    ? 'bestaetigt'
    : url.searchParams.has('passwort')
      ? 'passwort'
      : url.searchParams.has('willkommen')
        ? 'willkommen'
        : null;
  return { me: data.me, options, welcome };
};

export const actions: Actions = {
  default: async ({ request, locals }) => {
    if (!locals.user) redirect(303, '/anmelden?weiter=/profil');
    const form = await request.formData();
    const get = (name: string) => String(form.get(name) ?? '').trim();
    const sector = get('sector');
    const result = await locals.api.mutate(UpdateProfile, {
      input: {
        displayName: get('displayName'),
        organisation: get('organisation'),
        bio: get('bio'),
        cityId: get('cityId') || undefined,
        sector: isSector(sector) ? sector : undefined,
        interests: form.getAll('interests').map(String),
      },
    });
    if (!result.data) return fail(400, { error: toFormError(result.errors) });
    return { saved: true };
  },
};

import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import type { PageServerLoad } from './$types';

const MySubmissions = graphql(`
  query MySubmissions {
    mySubmissions {
      documentId
      title
      status
      submittedAt
      publishedAt
    }
  }
`);

export const load: PageServerLoad = async ({ locals, url }) => {
  if (!locals.user) redirect(303, '/anmelden?weiter=/meine-einreichungen');
  const data = await locals.api.load(MySubmissions, {});
  return { submissions: data.mySubmissions, submitted: url.searchParams.get('eingereicht') };
};

import { graphql } from '$lib/graphql';
import type { PageServerLoad } from './$types';

const Home = graphql(`
  query Home($now: DateTime!) {
    projects(sort: ["publishedAt:desc"], pagination: { pageSize: 4 }) {
      documentId
      title
      summary
      projectStatus
      city {
        name
      }
      actionFields {
        name
      }
    }
    workshops(filters: { startsAt: { gte: $now } }, sort: ["startsAt:asc"], pagination: { pageSize: 1 }) {
      documentId
      title
      number
      startsAt
      guidingQuestion
      venue {
        name
        city {
          name
        }
      }
    }
    threads(first: 5) {
      nodes {
        id
        title
        postCount
        lastActivityAt
        category {
          name
        }
      }
    }
    cities(pagination: { pageSize: 100 }, sort: ["name:asc"]) {
      documentId
      name
      slug
      latitude
      longitude
      projects(pagination: { pageSize: 100 }) {
        documentId
      }
    }
  }
`);

export const load: PageServerLoad = async ({ locals, url }) => {
  const data = await locals.api.load(Home, { now: new Date().toISOString() });
  return { ...data, signedOut: url.searchParams.has('abgemeldet') };
};

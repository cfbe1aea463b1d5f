import { graphql } from '$lib/graphql';
import { isSector } from '$lib/members';
import { formOptions } from '$lib/server/options';
import type { PageServerLoad } from './$types';

const Members = graphql(`
  query Members($filter: MemberFilter, $after: String) {
    members(filter: $filter, first: 24, after: $after) {
      nodes {
        id
        displayName
        sector
        organisation
        city {
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const load: PageServerLoad = async ({ locals, url }) => {
  const get = (name: string) => (url.searchParams.get(name) ?? '').trim().slice(0, 100);
  const query = {
    suche: get('suche'),
    bereich: get('bereich'),
    stadt: get('stadt'),
    schwerpunkt: get('schwerpunkt'),
  };
  const [data, options] = await Promise.all([
    locals.api.load(Members, {
      filter: {
        search: query.suche || undefined,
        sector: isSector(query.bereich) ? query.bereich : undefined,
        cityId: query.stadt || undefined,
        interest: query.schwerpunkt || undefined,
      },
      after: url.searchParams.get('nach'),
    }),
    formOptions(locals.api, locals.locale),
  ]);
  return { query, members: data.members, options };
};

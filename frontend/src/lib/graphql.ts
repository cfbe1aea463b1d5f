// Typed GraphQL documents: gql.tada infers each operation's result and variables from the introspection
// of ../schema/public.graphql in graphql-env.d.ts (regenerate with `npm run codegen`).
import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env';

export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; DateTimeISO: string; Date: string; JSON: unknown };
  // Fragments are for sharing selections between operations, not for hiding data from components.
  disableMasking: true;
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';

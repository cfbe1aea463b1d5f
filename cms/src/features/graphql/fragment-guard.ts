import { GraphQLError, Kind, parse, visit, type DocumentNode } from 'graphql';

/**
 * What is wrong with a document's fragments, if anything: a fragment that spreads itself (directly or through
 * others) or a spread of a fragment that does not exist. Strapi's depth rule (graphql-depth-limit) runs before
 * graphql's own validation and follows spreads without end — `fragment A on Query { ...A } { ...A }` overflowed
 * the stack and answered 500 — or into a fragment that is not there; so such documents are refused first.
 */
export function fragmentProblem(source: string): string | undefined {
  // Only documents with spreads can loop; others pass without a second parse.
  if (!source.includes('...')) return undefined;
  let document: DocumentNode;
  try {
    document = parse(source);
  } catch {
    return undefined; // Apollo's own parse answers it
  }
  const spreads = new Map<string, string[]>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) spreads.set(definition.name.value, []);
  for (const definition of document.definitions) {
    const own =
      definition.kind === Kind.FRAGMENT_DEFINITION ? spreads.get(definition.name.value)! : undefined;
    let unknown: string | undefined;
    visit(definition, {
      FragmentSpread(node) {
        if (!spreads.has(node.name.value)) unknown ??= node.name.value;
        own?.push(node.name.value);
      },
    });
    if (unknown) return `Unknown fragment "${unknown}".`;
  }
  const done = new Set<string>();
  const cycleFrom = (name: string, path: Set<string>): string | undefined => {
    if (path.has(name)) return name;
    if (done.has(name)) return undefined;
    path.add(name);
    for (const next of spreads.get(name) ?? []) {
      const found = cycleFrom(next, path);
      if (found) return found;
    }
    path.delete(name);
    done.add(name);
    return undefined;
  };
  for (const name of spreads.keys()) {
    const cycle = cycleFrom(name, new Set());
    if (cycle) return `Cannot spread fragment "${cycle}" within itself.`;
  }
  return undefined;
}

/** The CMS has no subscriptions (live updates come from the forum through the gateway). */
export const noSubscriptionsPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }: { operation?: { operation: string } }) {
        if (operation?.operation === 'subscription')
          throw new GraphQLError('The CMS offers no subscriptions', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
      },
    };
  },
};

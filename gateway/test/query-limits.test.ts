import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createQueryLimits } from '../src/plugins/query-limits.js';

// The WebSocket path's parse-validate-check: without Apollo's document store, each of five thousand readers
// subscribing with one document would parse and validate it again.
const SDL = `
  type Post { id: ID! body: String! }
  type Query { posts(first: Int): [Post!]! }
  type Subscription { postAdded(threadId: ID!, first: Int): Post! }
`;
const subscription = 'subscription ($t: ID!, $n: Int) { postAdded(threadId: $t, first: $n) { id body } }';

describe('operations over WebSocket (prepare)', () => {
  const limits = () => createQueryLimits(loadConfig({}).limits);

  it('validates a document once per schema, and still checks every operation’s variables', () => {
    const queryLimits = limits();
    const schema = buildSchema(SDL);
    const first = queryLimits.prepare(schema, { query: subscription, variables: { t: '1', n: 10 } });
    const second = queryLimits.prepare(schema, { query: subscription, variables: { t: '2', n: 20 } });
    expect('document' in first && 'document' in second).toBe(true);
    // The same parsed and validated document, not a new parse.
    expect((second as { document: unknown }).document).toBe((first as { document: unknown }).document);
    // The page size depends on the variables: refused although the document is known.
    const tooLarge = queryLimits.prepare(schema, { query: subscription, variables: { t: '3', n: 5_000 } });
    expect(tooLarge).toMatchObject({ errors: [{ extensions: { code: 'PAGE_SIZE_TOO_LARGE' } }] });
  });

  it('keeps no refused document, and validates again for a new schema', () => {
    const queryLimits = limits();
    const schema = buildSchema(SDL);
    const unknownField = 'subscription { postAdded(threadId: "1") { id title } }';
    for (let i = 0; i < 2; i++)
      expect(queryLimits.prepare(schema, { query: unknownField })).toMatchObject({
        errors: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
      });
    expect(queryLimits.prepare(schema, { query: subscription, variables: { t: '1' } })).toHaveProperty(
      'document',
    );
    // A new supergraph without the field: the known document is validated against it, and refused.
    const without = buildSchema(SDL.replace(' body: String!', ''));
    expect(queryLimits.prepare(without, { query: subscription, variables: { t: '1' } })).toMatchObject({
      errors: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    });
  });
});

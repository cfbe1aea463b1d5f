import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { toSubgraphSdl } from '../src/plugins/federation/server/subgraph-sdl';

const schema = buildSchema(`
  type Query { things: [Thing!]! secretThings: [Secret!]! me: Me _service: _Service! }
  type Mutation { createThing(data: ThingInput!): Thing submitThing(title: String!): Thing }
  type Thing { documentId: ID! title: String internal: Internal }
  type Secret { id: ID! }
  type Internal { id: ID! }
  type Me { id: ID! }
  type _Service { sdl: String }
  input ThingInput { title: String }
`);

const sdl = toSubgraphSdl(schema, {
  entityTypes: ['Thing'],
  publicMutations: ['submitThing'],
  hiddenQueryField: (name) => name.startsWith('secret'),
  hiddenFields: ['Thing.internal'],
  omittedFields: ['Query.me'],
});

describe('the subgraph SDL printer', () => {
  it('links federation and keys the entity types by documentId', () => {
    expect(sdl).toMatch(
      /^extend schema @link\(url: "https:\/\/specs.apollo.dev\/federation\/v2.7", import: \["@key", "@inaccessible", "@shareable"\]\)/,
    );
    expect(sdl).toContain('type Thing @key(fields: "documentId") {');
  });

  it('hides write mutations, listed fields and whatever only they reach', () => {
    expect(sdl).toContain('createThing(data: ThingInput!): Thing @inaccessible');
    expect(sdl).toMatch(/submitThing\(title: String!\): Thing\n/);
    expect(sdl).toContain('secretThings: [Secret!]! @inaccessible');
    expect(sdl).toContain('type Secret @inaccessible');
    expect(sdl).toContain('input ThingInput @inaccessible');
    expect(sdl).toContain('internal: Internal @inaccessible');
    expect(sdl).toContain('type Internal @inaccessible');
  });

  it('leaves out federation internals and omitted fields', () => {
    expect(sdl).not.toContain('_service');
    expect(sdl).not.toContain('_Service');
    expect(sdl).not.toMatch(/\bme: Me/);
    expect(sdl).toContain('type Me @inaccessible');
  });
});

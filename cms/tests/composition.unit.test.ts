import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';

const SCHEMA_DIR = path.resolve(import.meta.dirname, '..', '..', 'schema');
const cmsSdl = readFileSync(path.join(SCHEMA_DIR, 'cms.graphql'), 'utf8');
const forumPath = path.join(SCHEMA_DIR, 'forum.graphql');

function compose(services: { name: string; sdl: string }[]) {
  const result = composeServices(
    services.map(({ name, sdl }) => ({ name, typeDefs: parse(sdl), url: `http://${name}` })),
  );
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return printSchema(result.schema.toAPISchema().toGraphQLJSSchema());
}

describe('composition of schema/cms.graphql', () => {
  it('composes on its own, and the public API keeps reads and submissions but not Strapi internals', () => {
    const api = compose([{ name: 'cms', sdl: cmsSdl }]);
    expect(api).toMatch(/projects\(/);
    expect(api).toMatch(/searchProjects\(/);
    expect(api).toMatch(/submitProject\(\s*(?:"""[^"]*"""\s*)?input: SubmitProjectInput!\s*\)/);
    expect(api).toMatch(/similar\(\s*(?:"""[^"]*"""\s*)?limit: Int = 5\s*\): \[Project!\]!/);
    for (const hidden of [
      'createProject',
      'updateProject',
      'deleteProject',
      'usersPermissions',
      'UsersPermissionsUser',
      'uploadFiles',
      'provider_metadata',
      'register(',
      'login(',
    ]) {
      expect(api).not.toContain(hidden);
    }
  });

  it('composes with the forum subgraph, which extends the CMS entities', () => {
    const api = compose([
      { name: 'cms', sdl: cmsSdl },
      { name: 'forum', sdl: readFileSync(forumPath, 'utf8') },
    ]);
    const project = /\ntype Project \{\n.*?\n\}/s.exec(api)?.[0] ?? '';
    expect(project).toContain('documentId: ID!');
    expect(project).toContain('title: String!');
    expect(api).not.toContain('createProject');
  });
});

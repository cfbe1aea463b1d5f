import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import {
  BreakingChangeType,
  buildSchema,
  findBreakingChanges,
  parse,
  printSchema,
  type BreakingChange,
} from 'graphql';

/** Where the subgraphs listen by default; the gateway replaces these with CMS_URL and FORUM_URL at run time. */
export const SUBGRAPHS = [
  { name: 'cms', file: 'cms.graphql', url: 'http://127.0.0.1:1337/graphql' },
  { name: 'forum', file: 'forum.graphql', url: 'http://127.0.0.1:4001/graphql' },
] as const;

export const schemaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schema');

export interface Composition {
  supergraphSdl: string;
  publicSdl: string;
}

/** Composes the two subgraph SDLs with @apollo/composition; throws with every composition error. */
export async function compose(dir = schemaDir): Promise<Composition> {
  const services = await Promise.all(
    SUBGRAPHS.map(async ({ name, file, url }) => ({
      name,
      url,
      typeDefs: parse(await readFile(path.join(dir, file), 'utf8')),
    })),
  );
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(
      `composition failed:\n${result.errors.map((error) => `  - ${error.message}`).join('\n')}`,
    );
  }
  // The API schema is what clients see: @inaccessible elements and federation internals are gone.
  const publicSdl = printSchema(result.schema.toAPISchema().toGraphQLJSSchema());
  return { supergraphSdl: result.supergraphSdl, publicSdl };
}

/**
 * Breaking changes of the public API against the last commit, minus those listed as intended in
 * schema/intended-breaking-changes.txt (one "Type.field" or type name per line, as the report names them).
 */
export async function unintendedBreakingChanges(
  publicSdl: string,
  dir = schemaDir,
): Promise<BreakingChange[]> {
  let previous: string;
  try {
    previous = execFileSync('git', ['show', 'HEAD:schema/public.graphql'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return []; // first commit of the public schema
  }
  const intended = await readFile(path.join(dir, 'intended-breaking-changes.txt'), 'utf8')
    .then((text) =>
      text
        .split('\n')
        .map((line) => line.replace(/#.*/, '').trim())
        .filter(Boolean),
    )
    .catch(() => [] as string[]);
  return findBreakingChanges(buildSchema(previous), buildSchema(publicSdl)).filter(
    (change) =>
      !intended.some(
        (name) => change.description.startsWith(`${name} `) || change.description.startsWith(`${name}.`),
      ),
  );
}

/** Fields and arguments the public API marks `@deprecated`: kept, and removing one stays a breaking change. */
export function deprecatedFields(publicSdl: string): string[] {
  const schema = buildSchema(publicSdl);
  const found: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !('getFields' in type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.deprecationReason) found.push(`${type.name}.${field.name}: ${field.deprecationReason}`);
      for (const argument of 'args' in field ? field.args : [])
        if (argument.deprecationReason)
          found.push(`${type.name}.${field.name}(${argument.name}): ${argument.deprecationReason}`);
    }
  }
  return found.sort();
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { supergraphSdl, publicSdl } = await compose();
  await writeFile(path.join(schemaDir, 'supergraph.graphql'), supergraphSdl.trim() + '\n');
  await writeFile(path.join(schemaDir, 'public.graphql'), publicSdl.trim() + '\n');
  console.log('wrote schema/supergraph.graphql and schema/public.graphql');
  const deprecated = deprecatedFields(publicSdl);
  if (deprecated.length > 0) {
    // Still served; removing one is a breaking change like any other (list it in intended-breaking-changes.txt).
    console.log(`deprecated, still served (${deprecated.length}):`);
    for (const line of deprecated) console.log(`  - ${line}`);
  }
  const breaking = await unintendedBreakingChanges(publicSdl);
  if (breaking.length > 0) {
    console.error('Breaking changes of the public API against the last commit:');
    for (const change of breaking)
      console.error(
        `  - ${change.type === BreakingChangeType.FIELD_REMOVED ? 'removed: ' : ''}${change.description}`,
      );
    console.error('If they are intended, list them in schema/intended-breaking-changes.txt.');
    process.exit(1);
  }
}

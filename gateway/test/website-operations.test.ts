import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  specifiedRules,
  typeFromAST,
  validate,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { costError } from '../src/guards/query-cost.js';
import { costOptions, limitRules, pageSizeError } from '../src/guards/query-limits.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const schema = buildSchema(readFileSync(path.join(root, 'schema/public.graphql'), 'utf8'));
const config = loadConfig({});
/** The website's page size for project lists, read from its source (it is not a module of this workspace). */
const PAGE_SIZE = Number(
  /export const PAGE_SIZE = (\d+)/.exec(
    readFileSync(path.join(root, 'frontend/src/lib/projects/filters.ts'), 'utf8'),
  )?.[1],
);

/** Every `graphql(\`…\`)` document of the website's source (gql.tada), with the fragments each one spreads. */
function websiteOperations() {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.(ts|svelte)$/.test(name) && !/\.test\.ts$/.test(name)) files.push(file);
    }
  };
  walk(path.join(root, 'frontend/src'));
  const operations: { file: string; operation: OperationDefinitionNode }[] = [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(/graphql\(\s*`([^`]*)`/g)) {
      for (const definition of parse(match[1]!).definitions) {
        if (definition.kind === Kind.OPERATION_DEFINITION)
          operations.push({ file: path.relative(root, file), operation: definition });
        else if (definition.kind === Kind.FRAGMENT_DEFINITION)
          fragments.set(definition.name.value, definition);
      }
    }
  }
  const withFragments = (operation: OperationDefinitionNode): DocumentNode => {
    const needed = new Map<string, FragmentDefinitionNode>();
    const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
      visit(node, {
        FragmentSpread(spread) {
          const fragment = fragments.get(spread.name.value);
          if (fragment && !needed.has(fragment.name.value)) {
            needed.set(fragment.name.value, fragment);
            collect(fragment);
          }
        },
      });
    collect(operation);
    return { kind: Kind.DOCUMENT, definitions: [operation, ...needed.values()] };
  };
  return operations.map(({ file, operation }) => ({ file, operation, document: withFragments(operation) }));
}

/** Variables as the website sends them: its page size for the list sizes, plausible values elsewhere. */
const SIZE_VARIABLES: Record<string, unknown> = { pageSize: PAGE_SIZE, limit: PAGE_SIZE, page: 3, start: 24 };
function realisticValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return realisticValue(type.ofType);
  if (isListType(type)) return [realisticValue(type.ofType)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]!.value;
  if (isInputObjectType(named)) return {};
  return (
    ({ Int: 1, Float: 1, Boolean: true, DateTime: new Date().toISOString() } as Record<string, unknown>)[
      named.name
    ] ?? 'd2f6c8a0'
  );
}
function variablesFor(operation: OperationDefinitionNode, schema: GraphQLSchema) {
  return Object.fromEntries(
    (operation.variableDefinitions ?? []).map((definition) => {
      const name = definition.variable.name.value;
      const type = typeFromAST(schema, definition.type as never) as GraphQLInputType;
      return [name, name in SIZE_VARIABLES ? SIZE_VARIABLES[name] : realisticValue(type)];
    }),
  );
}

/**
 * The default limits must let every page of the website through: the website is the main client. The
 * heaviest is the home page (100 cities with up to 100 projects each: cost 10,202 of 20,000).
 */
describe('the website’s own operations', () => {
  const operations = websiteOperations();
  const cost = costOptions(config.limits);

  it('are all found', () => {
    expect(operations.length).toBeGreaterThan(40);
  });

  it.each(operations.map((entry) => [`${entry.operation.name?.value} (${entry.file})`, entry] as const))(
    '%s passes every guard with the default limits',
    (_label, { operation, document }) => {
      const variables = variablesFor(operation, schema);
      expect(validate(schema, document, [...specifiedRules, ...limitRules(config.limits)])).toEqual([]);
      expect(pageSizeError(document, variables, config.limits.maxPageSize)).toBeUndefined();
      expect(costError(schema, document, variables, operation.name?.value, cost)).toBeUndefined();
    },
  );
});

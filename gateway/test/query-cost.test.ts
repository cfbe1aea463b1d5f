import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { costError } from '../src/guards/query-cost.js';
import { costOptions } from '../src/guards/query-limits.js';

const schema = buildSchema(
  readFileSync(path.resolve(import.meta.dirname, '../../schema/public.graphql'), 'utf8'),
);
const options = costOptions(loadConfig({}).limits);

/** The cost the limit computes, read from its error when the limit is set to its floor. */
function costOf(query: string, variables: Record<string, unknown> = {}, operationName?: string) {
  const document = parse(query);
  expect(validate(schema, document)).toEqual([]);
  const error = costError(schema, document, variables, operationName, { ...options, maxCost: 0 });
  return (error?.extensions['cost'] as number | undefined) ?? 0;
}
const refusal = (query: string, variables: Record<string, unknown> = {}) =>
  costError(schema, parse(query), variables, undefined, options);

describe('the cost limit multiplies by list sizes', () => {
  it('refuses the nested lists the probe sent (2,784 real nodes, accepted before), naming cost and limit', () => {
    const query =
      '{ projects(pagination:{pageSize:100}) { city { projects(pagination:{pageSize:100}) { actionFields(pagination:{pageSize:100}) { projects(pagination:{pageSize:100}) { title } } } } } }';
    const error = refusal(query);
    expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 20_000 });
    // 100 projects, 100 cities, 10,000 projects, 1,000,000 fields of action, 100,000,000 projects.
    expect(error?.extensions['cost']).toBe(101_010_200);
    expect(error?.message).toContain('101,010,200');
    expect(error?.message).toContain('20,000');
  });

  it('refuses nested similar projects (11 s of CMS work before), with the extra cost of each call', () => {
    const error = refusal(
      '{ projects(pagination:{pageSize:100}) { similar(limit:20) { similar(limit:20) { title } } } }',
    );
    expect(error?.extensions['code']).toBe('QUERY_TOO_COMPLEX');
    // Objects: 100 + 2,000 + 40,000; calls of similar: 100 + 2,000, at 500 each.
    expect(error?.extensions['cost']).toBe(42_100 + 2_100 * 500);
  });

  it('counts each alias', () => {
    const one = costOf('{ projects(pagination:{pageSize:10}) { title } }');
    const ten = costOf(
      `{ ${Array.from({ length: 10 }, (_, i) => `a${i}: projects(pagination:{pageSize:10}) { title }`).join(' ')} }`,
    );
    expect(ten).toBe(10 * one);
  });

  it('reads sizes from every argument that bounds a list, literal or variable', () => {
    expect(costOf('{ threads(first: 7) { nodes { id } } }')).toBe(1 + 7);
    expect(costOf('query ($n: Int) { threads(first: $n) { nodes { id } } }', { n: 9 })).toBe(1 + 9);
    expect(costOf('{ projects(pagination: { limit: 30 }) { title } }')).toBe(30);
    expect(
      costOf('query ($p: PaginationArg) { projects(pagination: $p) { title } }', { p: { pageSize: 40 } }),
    ).toBe(40);
    expect(costOf('query ($s: Int) { projects(pagination: { pageSize: $s }) { title } }', { s: 50 })).toBe(
      50,
    );
    // A variable's default applies when the variable is not sent.
    expect(costOf('query ($n: Int = 11) { threads(first: $n) { nodes { id } } }')).toBe(1 + 11);
    expect(costOf('{ project(documentId: "x") { similar(limit: 3) { title } } }')).toBe(1 + 500 + 3);
  });

  it('takes the source’s default page size when no size is given', () => {
    // Strapi's default page size (20), the schema's own defaults (threads: 10, similar: 5).
    expect(costOf('{ projects { title } }')).toBe(20);
    expect(costOf('{ actionFields(pagination: { pageSize: 1 }) { threads { id } } }')).toBe(1 + 10);
    expect(costOf('{ project(documentId: "x") { similar { title } } }')).toBe(1 + 500 + 5);
    // A forum connection without `first`: its nodes are one default page.
    expect(costOf('query ($t: ID!) { posts(threadId: $t) { nodes { id } } }', { t: 'x' })).toBe(1 + 20);
  });

  it('passes a connection’s page size on to its nodes and edges', () => {
    expect(
      costOf(
        'query ($t: ID!) { posts(threadId: $t, first: 50) { nodes { id author { id } } pageInfo { hasNextPage } } }',
        {
          t: 'x',
        },
      ),
    ).toBe(1 + 50 + 50 + 1);
    expect(
      costOf('{ projects_connection(pagination: { pageSize: 12 }) { nodes { title city { name } } } }'),
    ).toBe(1 + 12 + 12);
  });

  it('gives the expensive fields their extra cost per call', () => {
    expect(
      costOf('{ searchProjects(query: "Sprache", pagination: { limit: 10 }) { nodes { title } } }'),
    ).toBe(500 + 1 + 10);
    expect(costOf('{ search(query: "Sprache", first: 10) { __typename } }')).toBe(500 + 10);
    // A post's position in its thread is one count per post: cheap for one post, priced for a list.
    expect(costOf('{ post(id: "1") { position } }')).toBe(500 + 1);
    expect(costOf('{ posts(threadId: "1", first: 10) { nodes { position } } }')).toBe(1 + 10 * 501);
  });

  it('costs fragments where they are spread, and a fragment bomb in linear time', () => {
    expect(
      costOf('{ projects(pagination: { pageSize: 10 }) { ...P } } fragment P on Project { city { name } }'),
    ).toBe(10 + 10);
    // Each fragment spreads the next one twice: 2^40 selections if expanded naively.
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1
        ? `fragment F${i} on Query { threads(first: 1) { nodes { id } } }`
        : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    ).join(' ');
    const bomb = `{ ...F0 } ${fragments}`;
    expect(costOf(bomb)).toBeGreaterThan(20_000);
    expect(refusal(bomb)?.extensions['code']).toBe('QUERY_TOO_COMPLEX');
  });

  it('leaves introspection free (the gateway answers it from memory)', () => {
    expect(
      costOf('{ __schema { types { name fields { name args { name type { name ofType { name } } } } } } }'),
    ).toBe(0);
  });

  it('counts only the operation that runs', () => {
    const document =
      '{ projects(pagination:{pageSize:100}) { similar(limit:20) { similar(limit:20) { title } } } }';
    const query = `query Cheap { threads(first: 1) { nodes { id } } } query Dear ${document}`;
    expect(costError(schema, parse(query), {}, 'Cheap', options)).toBeUndefined();
    expect(costError(schema, parse(query), {}, 'Dear', options)?.extensions['code']).toBe(
      'QUERY_TOO_COMPLEX',
    );
  });
});

import type { ClassType } from 'type-graphql';
import { Field, Int, ObjectType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from './errors.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType()
export class PageInfo {
  @Field({ description: 'Whether there is another page after this one' })
  hasNextPage: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of this page’s last entry: pass it as after: for the next page',
  })
  endCursor: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  /** Counted only when a client asks for it (one COUNT over the list's conditions, without the cursor). */
  totalCount?: number | Promise<number>;
}

/** A Relay-style connection type named after its node: `ThreadConnection`, `ThreadEdge`. */
export function ConnectionType<T extends object>(node: ClassType<T>, name = node.name) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field({ description: 'Where this entry is (pass as after:)' })
    cursor: string;

    @Field(() => node, { description: 'The entry' })
    node: T;
  }

  @ObjectType(`${name}Connection`)
  abstract class ConnectionClass implements Connection<T> {
    @Field(() => [Edge], { description: 'The entries with their cursors' })
    edges: Edge[];

    @Field(() => [node], { description: 'The entries' })
    nodes: T[];

    @Field(() => PageInfo, { description: 'Whether there are more, and the cursor to continue from' })
    pageInfo: PageInfo;

    @Field(() => Int, {
      description:
        'How many entries the list has over all its pages (the same conditions, without the cursor)',
    })
    totalCount: number;
  }
  return ConnectionClass;
}

export function pageSize(first: number | null | undefined) {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badInput('first', `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return size;
}

export function encodeCursor(parts: (string | number)[]) {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** Decodes a cursor into its parts, checking their count; a cursor we did not make is bad input. */
export function decodeCursor(cursor: string, arity: number, argument = 'after'): string[] {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parts) &&
      parts.length === arity &&
      parts.every((p) => typeof p === 'string' || typeof p === 'number')
    ) {
      return parts.map(String);
    }
  } catch {
    // fall through
  }
  throw badInput(argument, 'is not a cursor from this API');
}

/**
 * The count of a list's query as it stands (take it before the cursor's condition is added): run only when a client
 * asks for `totalCount`, once per connection.
 */
export function countOf<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): () => Promise<number> {
  const counted = query.clone();
  return () => counted.getCount();
}

/**
 * Builds the connection from `size + 1` fetched rows: the extra row only tells that there is a next page. `count`
 * answers `totalCount` (a getter, so nothing is counted unless a client selects it).
 */
export function toConnection<T>(
  rows: T[],
  size: number,
  cursorOf: (row: T) => string,
  count: () => Promise<number>,
): Connection<T> {
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ node, cursor: cursorOf(node) }));
  let total: Promise<number> | undefined;
  return {
    edges,
    nodes,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    get totalCount() {
      total ??= count();
      return total;
    },
  };
}

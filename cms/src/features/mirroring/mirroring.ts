// Mirroring for portals that keep a copy: what changed since a moment (`updatedSince` on every public list: changed
// or published after it), and what left the public API (`removedDocuments`: tombstones of
// published documents that editors deleted or unpublished). A tombstone holds the type, the documentId, the locale
// and the moment — never content — and only documents that were public get one (a deleted draft was never seen).
import type { Core } from '@strapi/strapi';
import { GraphQLError, GraphQLScalarType, type GraphQLArgument, type GraphQLSchema } from 'graphql';
import { CONTENT_TYPES, type ContentTypeName } from '../settings';

export const REMOVALS_TABLE = 'stadtnetz_removals';
/** The gateway's largest page (GATEWAY_MAX_PAGE_SIZE) too. */
const MAX_REMOVALS = 100;

const TYPE_BY_UID = new Map<string, ContentTypeName>(
  Object.entries(CONTENT_TYPES).map(([name, uid]) => [uid, name as ContentTypeName]),
);

/** The tombstone table, created once (SQLite and PostgreSQL alike). */
export async function ensureRemovalsTable(strapi: Core.Strapi): Promise<void> {
  const knex = strapi.db.connection;
  if (await knex.schema.hasTable(REMOVALS_TABLE)) return;
  await knex.schema.createTable(REMOVALS_TABLE, (table) => {
    table.increments('id');
    table.string('type_name', 40).notNullable();
    table.string('document_id', 255).notNullable();
    table.string('locale', 20).nullable();
    table.string('reason', 20).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.index(['at']);
  });
}

interface DocumentContext {
  uid: string;
  action: string;
  params: { documentId?: string; locale?: string } & Record<string, unknown>;
}

type PublishedLookup = {
  findOne(params: Record<string, unknown>): Promise<{ documentId: string } | null>;
};

/**
 * A Document Service middleware: after a delete or unpublish of a document that had a published version (in that
 * locale, or in any when none is named), a tombstone. Whatever the change came from: the admin, the API, a script.
 */
export function registerRemovals(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const { uid, action, params } = context as unknown as DocumentContext;
    const type = TYPE_BY_UID.get(uid);
    if (!type || (action !== 'delete' && action !== 'unpublish') || !params.documentId) return next();
    const locale = typeof params.locale === 'string' && params.locale !== '*' ? params.locale : null;
    const documents = strapi.documents(uid as never) as unknown as PublishedLookup;
    const wasPublic = await documents.findOne({
      documentId: params.documentId,
      status: 'published',
      ...(locale ? { locale } : { locale: '*' }),
    });
    const result = await next();
    if (wasPublic) {
      // In the change's own transaction when it has one (the admin's actions do): on SQLite a second connection
      // would wait for the first to finish, which waits for this.
      await strapi.db.transaction(({ trx }) =>
        trx(REMOVALS_TABLE).insert({
          type_name: type,
          document_id: params.documentId,
          locale,
          reason: action === 'delete' ? 'DELETED' : 'UNPUBLISHED',
          at: new Date(),
        }),
      );
    }
    return result;
  });
}

export const mirroringTypeDefs = /* GraphQL */ `
  enum RemovalReason {
    "The editors deleted it"
    DELETED
    "The editors withdrew it (it may be published again: it then shows in updatedSince)"
    UNPUBLISHED
  }

  "A published document that left the public API (a tombstone): remove it from your copy"
  type RemovedDocument {
    "The GraphQL type: Project, Workshop, City, ActionField or Organisation"
    type: String!
    "The document that went"
    documentId: ID!
    "The locale that went; null: every locale"
    locale: String
    "Why it went"
    reason: RemovalReason!
    "When it went"
    at: DateTime!
    "Pass as after: to continue exactly after this one"
    cursor: String!
  }

  extend type Query {
    """
    Published documents that were deleted or unpublished, oldest first: with since, those after that moment; with
    after, those after that cursor. Apply them before the changes of the same period (updatedSince).
    """
    removedDocuments(
      "Only removals after this moment"
      since: DateTime
      "Continue after this cursor (the last entry's cursor)"
      after: String
      "Only these types (Project, Workshop, City, ActionField, Organisation)"
      types: [String!]
      "How many, 1 to 100"
      first: Int = 100
    ): [RemovedDocument!]!
  }
`;

interface RemovalsArgs {
  since?: string | null;
  after?: string | null;
  types?: string[] | null;
  first?: number | null;
}

const badInput = (field: string, message: string) =>
  new GraphQLError(`${field} ${message}`, { extensions: { code: 'BAD_USER_INPUT', field } });

export function mirroringResolvers(strapi: Core.Strapi) {
  return {
    Query: {
      async removedDocuments(_parent: unknown, args: RemovalsArgs) {
        const first = args.first ?? 100;
        if (!Number.isInteger(first) || first < 1 || first > MAX_REMOVALS)
          throw badInput('first', `must be between 1 and ${MAX_REMOVALS}`);
        const query = strapi.db.connection(REMOVALS_TABLE).orderBy('id', 'asc').limit(first);
        if (args.after) {
          if (!/^\d{1,12}$/.test(args.after)) throw badInput('after', 'is not a cursor from this API');
          query.where('id', '>', Number(args.after));
        }
        if (args.since) {
          const since = new Date(args.since);
          if (Number.isNaN(since.getTime())) throw badInput('since', 'is not a date-time');
          query.where('at', '>', since);
        }
        if (args.types) {
          const unknown = args.types.filter((type) => !(type in CONTENT_TYPES));
          if (unknown.length > 0) throw badInput('types', `has unknown types: ${unknown.join(', ')}`);
          query.whereIn('type_name', args.types);
        }
        const rows: {
          id: number;
          type_name: string;
          document_id: string;
          locale: string | null;
          reason: string;
          at: unknown;
        }[] = await query;
        return rows.map((row) => ({
          type: row.type_name,
          documentId: row.document_id,
          locale: row.locale,
          reason: row.reason,
          at: new Date(row.at as string | number | Date).toISOString(),
          cursor: String(row.id),
        }));
      },
    },
  };
}

const LIST_FIELDS = (Object.keys(CONTENT_TYPES) as ContentTypeName[]).flatMap((name) => {
  const plural = name === 'City' ? 'cities' : `${name[0]!.toLowerCase()}${name.slice(1)}s`;
  return [plural, `${plural}_connection`];
});

/**
 * `updatedSince: DateTime` on every public list of our content types (`projects`, `projects_connection`, …):
 * entries changed or published after that moment, joined to the filters given. Added to the
 * built schema (as the page-size clamp wraps it) because Strapi generates these fields.
 */
export function addUpdatedSince(schema: GraphQLSchema): number {
  const query = schema.getQueryType();
  const dateTime = schema.getType('DateTime');
  if (!query || !(dateTime instanceof GraphQLScalarType)) return 0;
  let added = 0;
  for (const name of LIST_FIELDS) {
    const field = query.getFields()[name];
    if (!field || field.args.some((arg) => arg.name === 'updatedSince')) continue;
    const argument: GraphQLArgument = {
      name: 'updatedSince',
      description:
        'Only entries changed or published after this moment (updatedAt or publishedAt later): for mirroring, with removedDocuments for what went.',
      type: dateTime,
      defaultValue: undefined,
      deprecationReason: undefined,
      extensions: {},
      astNode: undefined,
    };
    (field.args as GraphQLArgument[]).push(argument);
    const resolve = field.resolve;
    if (resolve) {
      field.resolve = (parent, args, context, info) => {
        const { updatedSince, ...rest } = (args ?? {}) as Record<string, unknown>;
        if (updatedSince === undefined || updatedSince === null) return resolve(parent, rest, context, info);
        // Published again counts as changed: publishing copies the draft, whose updatedAt may be older.
        const since = { or: [{ updatedAt: { gt: updatedSince } }, { publishedAt: { gt: updatedSince } }] };
        const filters = rest['filters'] ? { and: [rest['filters'], since] } : since;
        return resolve(parent, { ...rest, filters }, context, info);
      };
    }
    added += 1;
  }
  return added;
}

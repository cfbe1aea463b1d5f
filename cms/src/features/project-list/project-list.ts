import type { Core } from '@strapi/strapi';
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { attachPreloaded, BATCHED_RELATIONS } from '../relations/batched-relations';
import { pagination as paginationUtils } from '@strapi/utils';
import { planProjectList, type ListPlan, type PageWindow } from './list-plan';
import { joinedRelation, loadPage, PROJECT } from './page-query';
import { isScalarType } from './rows';

/**
 * The public project list, served without Strapi's per-request overhead.
 *
 * Strapi answers `projects(filters, pagination, sort)` through query validation and sanitisation, a Document
 * Service transaction (BEGIN, a SELECT DISTINCT over LEFT JOINs, COMMIT) and then the page's relations. For the
 * filters the public uses (see list-plan.ts) this middleware answers instead, with one SQL statement (see
 * page-query.ts): the page of published rows ordered and cut as Strapi orders and cuts (its pagination tie-break
 * on id included), with the relations the query selects for the whole page, handed to the per-request relation
 * loaders so that the field resolvers find them there. One statement per request, whatever the page size.
 *
 * Everything else — drafts, publication filters, other filters or sorts, locale '*' — goes to Strapi's resolver
 * unchanged, as do requests whose caller may not read the filtered relations (Strapi's validation then answers).
 * Document Service middlewares and database lifecycles do not run for the fast list; this CMS has none that
 * changes what a read returns.
 */

type Next = (parent: unknown, args: unknown, context: unknown, info: unknown) => unknown;
type Middleware = (
  next: Next,
  parent: unknown,
  args: Record<string, unknown>,
  context: { state?: { auth?: unknown } },
  info: GraphQLResolveInfo,
) => unknown;

export interface ProjectListOptions {
  /** Off: every call goes to Strapi's resolver (the benchmark's and the tests' side-by-side comparison). */
  enabled: () => boolean;
  /**
   * `projects_connection`: the page becomes `nodes`, and Strapi's own resolver computes `pageInfo` from the same
   * arguments, as it does for its connection.
   */
  connection?: boolean;
}

/** Fields of Project that read nothing but the entry's keys (id, documentId, locale). */
const NEEDS_KEYS_ONLY = new Set(['__typename', 'similar']);
const NEEDS_NOTHING = new Set(['__typename']);

/** The fields of some selection sets, fragments spread. */
function fieldsOf(
  info: GraphQLResolveInfo,
  selectionSets: readonly (SelectionSetNode | undefined)[],
): FieldNode[] {
  const fields: FieldNode[] = [];
  const seen = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === 'Field') fields.push(selection);
      else if (selection.kind === 'InlineFragment') visit(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const selectionSet of selectionSets) visit(selectionSet);
  return fields;
}

interface Attributes {
  attributes: Record<string, { type: string; target?: string }>;
}

/**
 * The attributes of a model that these fields read: its scalar attributes; relations, components and media are
 * read by the entry's keys, which every entry carries. Null — all of them — when a field's needs are not known.
 */
function attributesRead(
  meta: Attributes,
  fields: FieldNode[],
  knownFields: ReadonlySet<string>,
): string[] | null {
  const attributes = new Set<string>();
  for (const field of fields) {
    const name = field.name.value;
    const type = meta.attributes[name.replace(/_connection$/, '')]?.type;
    if (type && isScalarType(type)) attributes.add(name);
    else if (!type && !knownFields.has(name)) return null;
  }
  return [...attributes];
}

/**
 * What the selection on the list's projects needs: the attributes of the projects, and the relations asked for
 * without arguments (the page brings those along) with the attributes their selections read. A connection's
 * projects are its `nodes`.
 */
function selectionOf(strapi: Core.Strapi, info: GraphQLResolveInfo, connection: boolean) {
  const meta = strapi.db.metadata.get(PROJECT as never) as unknown as Attributes;
  const batched = new Set(
    BATCHED_RELATIONS.filter((spec) => spec.uid === PROJECT).map((spec) => spec.attribute),
  );
  let fields = fieldsOf(
    info,
    info.fieldNodes.map((node) => node.selectionSet),
  );
  if (connection)
    fields = fieldsOf(
      info,
      fields.filter((field) => field.name.value === 'nodes').map((field) => field.selectionSet),
    );
  // Every selection of a relation is served by the same loaded value: read what all of them read.
  const occurrences = new Map<string, FieldNode[]>();
  for (const field of fields) {
    const name = field.name.value;
    if (batched.has(name) && (field.arguments ?? []).length === 0)
      occurrences.set(name, [...(occurrences.get(name) ?? []), field]);
  }
  const relations: Record<string, string[] | null> = {};
  for (const [attribute, selections] of occurrences) {
    const target = meta.attributes[attribute]?.target as string;
    relations[attribute] = attributesRead(
      strapi.db.metadata.get(target as never) as unknown as Attributes,
      fieldsOf(
        info,
        selections.map((field) => field.selectionSet),
      ),
      NEEDS_NOTHING,
    );
  }
  return { relations, attributes: attributesRead(meta, fields, NEEDS_KEYS_ONLY) };
}

/** May the caller read this content type's entries (the scope Strapi's relation fields and filters check)? */
async function mayRead(strapi: Core.Strapi, auth: unknown, uid: string): Promise<boolean> {
  try {
    await strapi.auth.verify(auth as never, { scope: [`${uid}.find`] } as never);
    return true;
  } catch {
    return false;
  }
}

/**
 * The selected relations whose field Strapi lets this caller read: a relation to a content type needs its
 * `find` scope (Strapi gives each relation field `auth: { scope: [target.find] }`), a component needs nothing.
 */
async function readableRelations(
  strapi: Core.Strapi,
  auth: unknown,
  attributes: string[],
): Promise<string[]> {
  const model = strapi.getModel(PROJECT as never) as unknown as {
    attributes: Record<string, { type: string; target?: string }>;
  };
  const readable: string[] = [];
  for (const attribute of attributes) {
    const definition = model.attributes[attribute];
    if (definition?.type === 'relation' && !(await mayRead(strapi, auth, definition.target as string)))
      continue;
    readable.push(attribute);
  }
  return readable;
}

/** May this caller filter through these relations? Strapi's query validation asks the same. */
async function mayFilterThrough(strapi: Core.Strapi, auth: unknown, plan: ListPlan): Promise<boolean> {
  const targets = new Set<string>();
  for (const condition of plan.conditions) {
    if (condition.kind !== 'linked') continue;
    const relation = joinedRelation(strapi, condition.attribute);
    if (!relation) return false;
    // Components (target "project.target-group") have no permission of their own.
    const model = strapi.getModel(relation.target.uid as never) as { modelType?: string } | undefined;
    if (model?.modelType === 'contentType') targets.add(relation.target.uid);
  }
  for (const target of targets) if (!(await mayRead(strapi, auth, target))) return false;
  return true;
}

async function defaultLocale(strapi: Core.Strapi): Promise<string> {
  return (await strapi.plugin('i18n').service('locales').getDefaultLocale()) as string;
}

/** Start and limit of the page exactly as Strapi's GraphQL plugin computes them (its limits included). */
function pageWindow(strapi: Core.Strapi, pagination: unknown): PageWindow {
  const config = strapi.plugin('graphql').config as (key: string) => number;
  const defaultLimit = config('defaultLimit');
  return paginationUtils.withDefaultPagination((pagination ?? {}) as Record<string, number>, {
    maxLimit: config('maxLimit'),
    defaults: { offset: { limit: defaultLimit }, page: { pageSize: defaultLimit } },
  }) as PageWindow;
}

/** Resolver middleware for `Query.projects` (and, with `connection`, `Query.projects_connection`). */
export function projectListMiddleware(strapi: Core.Strapi, options: ProjectListOptions): Middleware {
  return async (next, parent, args, context, info) => {
    if (!options.enabled()) return next(parent, args, context, info);
    let plan: ListPlan | null;
    try {
      plan = planProjectList(args, pageWindow(strapi, args.pagination));
    } catch {
      // Invalid pagination and the like: Strapi's resolver gives its own error.
      plan = null;
    }
    if (!plan || !(await mayFilterThrough(strapi, context?.state?.auth, plan)))
      return next(parent, args, context, info);

    const locale = plan.locale ?? (await defaultLocale(strapi));
    const selection = selectionOf(strapi, info, options.connection === true);
    // Relations this caller may not read are left to Strapi's field resolvers (which refuse them as it does).
    const readable = await readableRelations(strapi, context?.state?.auth, Object.keys(selection.relations));
    const relations = Object.fromEntries(
      readable.map((attribute) => [attribute, selection.relations[attribute] ?? null]),
    );
    const page = await loadPage(strapi, plan, locale, relations, selection.attributes);
    const nodes = page.map(({ entry, relations: loaded }) => {
      attachPreloaded(entry, loaded);
      return entry;
    });
    if (!options.connection) return nodes;
    const { transformArgs } = strapi.plugin('graphql').service('builders').utils;
    const { toEntityResponseCollection } = strapi.plugin('graphql').service('format').returnTypes;
    return toEntityResponseCollection(nodes, {
      args: transformArgs(args, { contentType: strapi.getModel(PROJECT as never), usePagination: true }),
      resourceUID: PROJECT,
    });
  };
}

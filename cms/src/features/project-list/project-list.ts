import type { Core } from '@strapi/strapi';
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { BATCHED_RELATIONS, primeRelation } from '../relations/batched-relations';
import { pagination as paginationUtils } from '@strapi/utils';
import { planProjectList, type ListPlan, type PageWindow } from './list-plan';
import { joinedRelation, loadPage, PROJECT } from './page-query';
import { isScalarType } from './rows';

interface PageEntry {
  id: number;
  publishedAt?: string | null;
}

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
}

/** Fields of Project that read nothing but the row's id, documentId and locale (besides relations). */
const NEEDS_KEYS_ONLY = new Set(['__typename', 'similar']);

/**
 * What the selection on the list's projects needs: the relations asked for without arguments (the relation
 * loaders serve those; the page brings them along) and the attributes to read. `attributes` is null — every
 * column — as soon as a field is selected whose needs are not known here.
 */
function selectionOf(strapi: Core.Strapi, info: GraphQLResolveInfo) {
  const meta = strapi.db.metadata.get(PROJECT as never) as unknown as {
    attributes: Record<string, { type: string }>;
  };
  const batched = new Set(
    BATCHED_RELATIONS.filter((spec) => spec.uid === PROJECT).map((spec) => spec.attribute),
  );
  const relations = new Set<string>();
  let attributes: Set<string> | null = new Set();
  const visit = (selectionSet: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === 'Field') {
        const name = selection.name.value;
        const type = meta.attributes[name.replace(/_connection$/, '')]?.type;
        if (batched.has(name) && (selection.arguments ?? []).length === 0) relations.add(name);
        if (type && isScalarType(type)) attributes?.add(name);
        // Relations, components and media are read by the entry's id; anything unknown may read any column.
        else if (!type && !NEEDS_KEYS_ONLY.has(name)) attributes = null;
      } else if (selection.kind === 'InlineFragment') {
        visit(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet, seen);
      }
    }
  };
  for (const node of info.fieldNodes as readonly FieldNode[]) visit(node.selectionSet, new Set());
  return { relations: [...relations], attributes: attributes ? [...attributes] : null };
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
  for (const target of targets) {
    try {
      await strapi.auth.verify(auth as never, { scope: [`${target}.find`] } as never);
    } catch {
      return false;
    }
  }
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

/** Resolver middleware for `Query.projects`. */
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
    const { relations, attributes } = selectionOf(strapi, info);
    const page = await loadPage(strapi, plan, locale, relations, attributes);
    return page.map(({ entry, relations: loaded }) => {
      for (const [attribute, value] of Object.entries(loaded))
        primeRelation(strapi, context, PROJECT, entry as unknown as PageEntry, attribute, value);
      return entry;
    });
  };
}

import type { Core } from '@strapi/strapi';
import { primeRelations } from '../relations/batched-relations';
import { PROJECT } from '../read-model/project-listing';
import { loadProjectPage } from '../read-model/project-page';
import { planProjectList, type ListPlan } from './list-plan';

/**
 * The public project list, served from the CMS's read model (read-model/project-page.ts).
 *
 * Strapi answers `projects(filters, pagination, sort)` through a Document Service transaction and then loads the
 * page's relations. For the published lists the public asks for (see list-plan.ts) this middleware answers
 * instead with one statement over the read model, with Strapi's own argument handling: its pagination (limits
 * included) and its query validation, which refuses filters through relations the caller may not read. The
 * relations the rows bring along go to the relation fields' loaders; those fields keep Strapi's wrapper and its
 * permission check.
 *
 * Everything else — drafts, publication filters, other filters or sorts, locale '*', refused queries — goes to
 * Strapi's resolver unchanged, which answers or refuses as it does.
 */

type Next = (parent: unknown, args: unknown, context: unknown, info: unknown) => unknown;
type Middleware = (
  next: Next,
  parent: unknown,
  args: Record<string, unknown>,
  context: { state?: { auth?: unknown } },
  info: unknown,
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

interface StrapiQuery {
  start?: number;
  limit?: number;
  [argument: string]: unknown;
}

/** The arguments as Strapi's resolver turns them into a query: pagination with its defaults and limits. */
function strapiQueryOf(strapi: Core.Strapi, args: Record<string, unknown>): StrapiQuery | null {
  const { transformArgs } = strapi.plugin('graphql').service('builders').utils;
  try {
    return transformArgs(args, { contentType: strapi.getModel(PROJECT), usePagination: true }) as StrapiQuery;
  } catch {
    // Invalid pagination and the like: Strapi's resolver gives its own error.
    return null;
  }
}

/** Does Strapi's query validation let this caller ask this (filters through readable relations, …)? */
async function isAllowed(strapi: Core.Strapi, query: StrapiQuery, auth: unknown): Promise<boolean> {
  try {
    await strapi.contentAPI.validate.query(query, strapi.getModel(PROJECT), { auth });
    return true;
  } catch {
    return false;
  }
}

async function defaultLocale(strapi: Core.Strapi): Promise<string> {
  return (await strapi.plugin('i18n').service('locales').getDefaultLocale()) as string;
}

/** Resolver middleware for `Query.projects` (and, with `connection`, `Query.projects_connection`). */
export function projectListMiddleware(strapi: Core.Strapi, options: ProjectListOptions): Middleware {
  return async (next, parent, args, context, info) => {
    if (!options.enabled()) return next(parent, args, context, info);
    const query = strapiQueryOf(strapi, args);
    const plan: ListPlan | null = query && planProjectList(args, { start: query.start, limit: query.limit });
    if (!query || !plan || !(await isAllowed(strapi, query, context?.state?.auth)))
      return next(parent, args, context, info);

    const nodes = await loadProjectPage(strapi, plan, plan.locale ?? (await defaultLocale(strapi)));
    primeRelations(strapi, context, PROJECT, nodes);
    if (!options.connection) return nodes;
    const { toEntityResponseCollection } = strapi.plugin('graphql').service('format').returnTypes;
    return toEntityResponseCollection(nodes, { args: query, resourceUID: PROJECT });
  };
}

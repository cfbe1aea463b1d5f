import type { Core } from '@strapi/strapi';
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import type { Knex } from 'knex';
import { BATCHED_RELATIONS, primeRelation } from '../relations/batched-relations';
import { planProjectList, type Condition, type FieldTest, type ListPlan } from './list-plan';

/**
 * The public project list, served without Strapi's per-request overhead.
 *
 * Strapi answers `projects(filters, pagination, sort)` through query validation and sanitisation, a Document
 * Service transaction (BEGIN, a SELECT DISTINCT over LEFT JOINs, COMMIT) and then the page's relations. For the
 * filters the public uses (see list-plan.ts) this middleware answers instead, with one Query Engine call: the
 * page of published rows whose ids pass an EXISTS subquery per filter, ordered and cut as Strapi orders and
 * cuts (its pagination tie-break on id included), with the relations the query selects populated for the whole
 * page and handed to the per-request relation loaders. Rows come from the same Query Engine mapping as Strapi's,
 * so field values are identical; statements per request do not grow with the page size.
 *
 * Everything else — drafts, publication filters, other filters or sorts, locale '*' — goes to Strapi's resolver
 * unchanged, as do requests whose caller may not read the filtered relations (Strapi's validation then answers).
 * Document Service middlewares do not run for the fast list; this CMS has none that changes what a read returns.
 */

const PROJECT = 'api::project.project';
/** The alias of the projects table in the id subquery (distinct from Strapi's t0, t1, … and its "p"). */
export const LISTED = 'listed';

type Next = (parent: unknown, args: unknown, context: unknown, info: unknown) => unknown;
type Middleware = (
  next: Next,
  parent: unknown,
  args: Record<string, unknown>,
  context: { state?: { auth?: unknown } },
  info: GraphQLResolveInfo,
) => unknown;

interface JoinTable {
  name: string;
  joinColumn: { name: string; referencedColumn: string };
  inverseJoinColumn: { name: string; referencedColumn: string };
  on?: Record<string, unknown>;
}

interface AttributeMeta {
  type: string;
  target?: string;
  columnName?: string;
  joinTable?: JoinTable;
}

interface ModelMeta {
  tableName: string;
  attributes: Record<string, AttributeMeta>;
}

interface PageRow {
  id: number;
  publishedAt?: string | null;
}

export interface ProjectListOptions {
  /** Off: every call goes to Strapi's resolver (the benchmark's and the tests' side-by-side comparison). */
  enabled: () => boolean;
}

const column = (meta: ModelMeta, attribute: string) => meta.attributes[attribute]?.columnName ?? attribute;

function applyTest(qb: Knex.QueryBuilder, meta: ModelMeta, alias: string, test: FieldTest) {
  const name = `${alias}.${column(meta, test.attribute)}`;
  // Same SQL as Strapi's $eq / $in.
  if (test.values.length === 1) qb.where(name, test.values[0] as string);
  else qb.whereIn(name, test.values);
}

/** The ids of the published projects of one locale that pass every condition. */
function matchingIds(strapi: Core.Strapi, plan: ListPlan, locale: string): Knex.QueryBuilder {
  const knex = strapi.db.connection;
  const meta = strapi.db.metadata.get(PROJECT) as unknown as ModelMeta;
  const ids = knex(`${meta.tableName} as ${LISTED}`)
    .select(`${LISTED}.id`)
    .whereNotNull(`${LISTED}.${column(meta, 'publishedAt')}`)
    .andWhere(`${LISTED}.${column(meta, 'locale')}`, locale);
  plan.conditions.forEach((condition: Condition, index) => {
    if (condition.kind === 'field') {
      applyTest(ids, meta, LISTED, condition.test);
      return;
    }
    const attribute = meta.attributes[condition.attribute] as AttributeMeta;
    const joinTable = attribute.joinTable as JoinTable;
    const target = strapi.db.metadata.get(attribute.target as never) as unknown as ModelMeta;
    // The same pivot join Strapi builds for a relation filter, as a correlated EXISTS.
    const link = `l${index}`;
    const row = `r${index}`;
    ids.whereExists((sub) => {
      sub
        .select(knex.raw('1'))
        .from(`${joinTable.name} as ${link}`)
        .join(
          `${target.tableName} as ${row}`,
          `${row}.${joinTable.inverseJoinColumn.referencedColumn}`,
          `${link}.${joinTable.inverseJoinColumn.name}`,
        )
        .whereRaw('?? = ??', [
          `${link}.${joinTable.joinColumn.name}`,
          `${LISTED}.${joinTable.joinColumn.referencedColumn}`,
        ]);
      for (const [key, value] of Object.entries(joinTable.on ?? {}))
        sub.andWhere(`${link}.${key}`, value as string);
      for (const test of condition.tests) applyTest(sub, target, row, test);
    });
  });
  return ids;
}

/** The Project relations this selection asks for without arguments (those the relation loaders serve). */
function selectedRelations(info: GraphQLResolveInfo): Set<string> {
  const batched = new Set(
    BATCHED_RELATIONS.filter((spec) => spec.uid === PROJECT).map((spec) => spec.attribute),
  );
  const found = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === 'Field') {
        const name = selection.name.value;
        if (batched.has(name) && (selection.arguments ?? []).length === 0) found.add(name);
      } else if (selection.kind === 'InlineFragment') {
        visit(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet, seen);
      }
    }
  };
  for (const node of info.fieldNodes as readonly FieldNode[]) visit(node.selectionSet, new Set());
  return found;
}

/** A relation's populate for a published project: the published versions of draft & publish targets. */
function populateFor(strapi: Core.Strapi, attribute: string): unknown {
  const meta = strapi.db.metadata.get(PROJECT) as unknown as ModelMeta;
  const target = meta.attributes[attribute]?.target;
  const model = target
    ? (strapi.getModel(target as never) as unknown as { options?: { draftAndPublish?: boolean } } | undefined)
    : undefined;
  return model?.options?.draftAndPublish ? { where: { publishedAt: { $notNull: true } } } : true;
}

/** May this caller filter through these relations? Strapi's query validation asks the same. */
async function mayFilterThrough(strapi: Core.Strapi, auth: unknown, plan: ListPlan): Promise<boolean> {
  const meta = strapi.db.metadata.get(PROJECT) as unknown as ModelMeta;
  const targets = new Set<string>();
  for (const condition of plan.conditions) {
    if (condition.kind !== 'linked') continue;
    const attribute = meta.attributes[condition.attribute];
    if (!attribute?.joinTable || !attribute.target) return false;
    // Components (target "project.target-group") have no permission of their own.
    const model = strapi.getModel(attribute.target as never) as { modelType?: string } | undefined;
    if (model?.modelType === 'contentType') targets.add(attribute.target);
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

/** Resolver middleware for `Query.projects`. */
export function projectListMiddleware(strapi: Core.Strapi, options: ProjectListOptions): Middleware {
  return async (next, parent, args, context, info) => {
    if (!options.enabled()) return next(parent, args, context, info);
    let plan: ListPlan | null;
    try {
      const { transformArgs } = strapi.plugin('graphql').service('builders').utils;
      plan = planProjectList(
        transformArgs(args, { contentType: strapi.getModel(PROJECT as never), usePagination: true }),
      );
    } catch {
      // Invalid pagination and the like: Strapi's resolver gives its own error.
      plan = null;
    }
    if (!plan || !(await mayFilterThrough(strapi, context?.state?.auth, plan)))
      return next(parent, args, context, info);

    const locale = plan.locale ?? (await defaultLocale(strapi));
    const relations = [...selectedRelations(info)];
    const rows = (await strapi.db.query(PROJECT as never).findMany({
      where: { id: { $in: matchingIds(strapi, plan, locale) } },
      orderBy: plan.sort.map((key) => ({ [key.attribute]: key.order })),
      offset: plan.start,
      limit: plan.limit,
      populate: Object.fromEntries(relations.map((attribute) => [attribute, populateFor(strapi, attribute)])),
    } as never)) as Record<string, unknown>[];

    for (const row of rows) {
      for (const attribute of relations) {
        primeRelation(strapi, context, PROJECT, row as unknown as PageRow, attribute, row[attribute]);
        // Strapi's list rows carry no relations; neither do these.
        delete row[attribute];
      }
    }
    return rows;
  };
}

import type { Core, UID } from '@strapi/strapi';
import { contentTypes } from '@strapi/utils';
import DataLoader from 'dataloader';

/**
 * Batched loading of relations and components for lists.
 *
 * Strapi resolves `project.city`, `project.actionFields`, … once per parent row, so a page of 20 projects
 * costs 20 queries per relation. These resolver middlewares collect the parents of one request and load each
 * relation for all of them at once, so the number of SQL statements per request no longer grows with the
 * page size. A relation field called with its own arguments (filters, pagination, sort, status) goes to
 * Strapi's resolver unchanged.
 */

interface Parent {
  id: number;
  publishedAt?: string | Date | null;
}

type Middleware = (
  next: (parent: unknown, args: unknown, context: unknown, info: unknown) => unknown,
  parent: Parent,
  args: Record<string, unknown>,
  context: object,
  info: unknown,
) => unknown;

interface RelationSpec {
  /** GraphQL type and field, e.g. Project.city */
  path: string;
  uid: UID.ContentType;
  attribute: string;
  kind: 'relation' | 'component';
  many: boolean;
}

export const BATCHED_RELATIONS: RelationSpec[] = [
  { path: 'Project.city', uid: 'api::project.project', attribute: 'city', kind: 'relation', many: false },
  {
    path: 'Project.actionFields',
    uid: 'api::project.project',
    attribute: 'actionFields',
    kind: 'relation',
    many: true,
  },
  {
    path: 'Project.leadOrganisation',
    uid: 'api::project.project',
    attribute: 'leadOrganisation',
    kind: 'relation',
    many: false,
  },
  {
    path: 'Project.partners',
    uid: 'api::project.project',
    attribute: 'partners',
    kind: 'relation',
    many: true,
  },
  {
    path: 'Project.contacts',
    uid: 'api::project.project',
    attribute: 'contacts',
    kind: 'component',
    many: true,
  },
  {
    path: 'Project.targetGroups',
    uid: 'api::project.project',
    attribute: 'targetGroups',
    kind: 'component',
    many: true,
  },
  {
    path: 'Workshop.actionFields',
    uid: 'api::workshop.workshop',
    attribute: 'actionFields',
    kind: 'relation',
    many: true,
  },
  {
    path: 'Workshop.venue',
    uid: 'api::workshop.workshop',
    attribute: 'venue',
    kind: 'component',
    many: false,
  },
  {
    path: 'Workshop.programme',
    uid: 'api::workshop.workshop',
    attribute: 'programme',
    kind: 'component',
    many: true,
  },
  {
    path: 'Organisation.city',
    uid: 'api::organisation.organisation',
    attribute: 'city',
    kind: 'relation',
    many: false,
  },
];

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** Only argument-free uses are batched; anything else keeps Strapi's exact semantics. */
function hasNoArgs(args: Record<string, unknown>): boolean {
  return Object.values(args).every(isEmpty);
}

type Loader = DataLoader<string, unknown>;
const loadersByRequest = new WeakMap<object, Map<string, Loader>>();

/** How a relation is populated for a published (or a draft) parent. */
export function populateFor(strapi: Core.Strapi, spec: RelationSpec, published: boolean): unknown {
  if (spec.kind !== 'relation') return true;
  const attributes: Record<string, { type: string; target?: string }> = strapi.getModel(spec.uid).attributes;
  const targetUid = attributes[spec.attribute]?.target;
  const target = Object.values(strapi.contentTypes).find((model) => model.uid === targetUid);
  // A published entry links to the published versions of its targets, a draft to the drafts.
  return target && contentTypes.hasDraftAndPublish(target)
    ? { where: { publishedAt: published ? { $notNull: true } : { $null: true } } }
    : true;
}

/**
 * One loader per request, parent type and publication state. Its keys are "attribute|id", so the city, the
 * fields of action and the contacts of a whole page are loaded by a single findMany with three populates.
 */
function loaderFor(strapi: Core.Strapi, context: object, uid: string, published: boolean): Loader {
  let loaders = loadersByRequest.get(context);
  if (!loaders) {
    loaders = new Map();
    loadersByRequest.set(context, loaders);
  }
  const key = `${uid}:${published ? 'published' : 'draft'}`;
  let loader = loaders.get(key);
  if (!loader) {
    loader = new DataLoader<string, unknown>(
      async (keys) => {
        const requests = keys.map((entry) => {
          const [attribute, id] = entry.split('|') as [string, string];
          return { attribute, id: Number(id) };
        });
        const attributes = [...new Set(requests.map((request) => request.attribute))];
        const populate = Object.fromEntries(
          attributes.map((attribute) => {
            const spec = BATCHED_RELATIONS.find(
              (candidate) => candidate.uid === uid && candidate.attribute === attribute,
            ) as RelationSpec;
            return [attribute, populateFor(strapi, spec, published)];
          }),
        );
        const rows = (await strapi.db.query(uid).findMany({
          where: { id: { $in: [...new Set(requests.map((request) => request.id))] } },
          select: ['id'],
          populate,
        })) as Record<string, unknown>[];
        const byId = new Map(rows.map((row) => [row.id as number, row]));
        return requests.map(({ attribute, id }) => {
          const spec = BATCHED_RELATIONS.find(
            (candidate) => candidate.uid === uid && candidate.attribute === attribute,
          );
          return byId.get(id)?.[attribute] ?? (spec?.many ? [] : null);
        });
      },
      { maxBatchSize: 1000 },
    );
    loaders.set(key, loader);
  }
  return loader;
}

/**
 * Hands the relations that came with a page of entries (the read model's list) to this request's loaders, so the
 * relation fields — still behind Strapi's wrapper, its permission check included — answer without a query. The
 * relations leave the entries: they are read through the fields only.
 */
export function primeRelations(
  strapi: Core.Strapi,
  context: object,
  uid: string,
  entries: Record<string, unknown>[],
): void {
  for (const entry of entries) {
    const loader = loaderFor(strapi, context, uid, Boolean(entry.publishedAt));
    for (const spec of BATCHED_RELATIONS) {
      if (spec.uid !== uid || !(spec.attribute in entry)) continue;
      loader.prime(`${spec.attribute}|${String(entry.id)}`, entry[spec.attribute] ?? (spec.many ? [] : null));
      delete entry[spec.attribute];
    }
  }
}

export function batchedRelationsConfig(strapi: Core.Strapi): Record<string, { middlewares: Middleware[] }> {
  const config: Record<string, { middlewares: Middleware[] }> = {};
  for (const spec of BATCHED_RELATIONS) {
    const middleware: Middleware = (next, parent, args, context, info) => {
      if (!parent || typeof parent.id !== 'number' || !hasNoArgs(args ?? {}))
        return next(parent, args, context, info);
      return loaderFor(strapi, context, spec.uid, Boolean(parent.publishedAt)).load(
        `${spec.attribute}|${parent.id}`,
      );
    };
    config[spec.path] = { middlewares: [middleware] };
  }
  return config;
}

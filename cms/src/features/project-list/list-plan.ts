/**
 * Which `projects(…)` calls the fast list serves, and what they mean.
 *
 * The plan is made from the GraphQL arguments as the resolver receives them (filters with `eq`, `in`, `and`) and
 * the pagination Strapi's own `withDefaultPagination` computes from them. Only the filters the public uses are
 * planned; anything else returns null and goes to Strapi's resolver unchanged.
 *
 * Why only `eq` and `in` with non-null values: Strapi filters relations through LEFT JOINs, so `null`, `ne` or
 * `not` also match projects without any related row. For `eq`/`in` with real values a null-extended row
 * never matches, and "some joined row matches" is exactly an EXISTS over that relation — which is how the fast
 * list filters. Every filter object on a relation gets its own join in Strapi (and its own EXISTS here), so
 * conditions inside one object hold for the same related row, conditions in separate `$and` entries may hold for
 * different ones (`and`).
 */

/** `attribute = value` (eq, one value) or `attribute IN (values)` (in) on one row. */
export interface FieldTest {
  attribute: string;
  operator: 'eq' | 'in';
  values: string[];
}

export type Condition =
  | { kind: 'field'; test: FieldTest }
  /** Some row linked through `attribute` (a relation or component) passes every test. */
  | { kind: 'linked'; attribute: string; tests: FieldTest[] };

export interface SortKey {
  attribute: string;
  order: 'asc' | 'desc';
}

export interface ListPlan {
  /** null: the default locale */
  locale: string | null;
  conditions: Condition[];
  sort: SortKey[];
  start: number;
  limit: number;
}

/** Filterable fields of a project, and of what it links to, that the fast list knows. */
export const PROJECT_FIELDS = new Set(['projectStatus', 'slug', 'documentId']);
export const LINKED_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = {
  actionFields: new Set(['slug', 'documentId']),
  city: new Set(['slug', 'federalState', 'documentId']),
  targetGroups: new Set(['group']),
};
/** Plain columns of the project that a list may be sorted by. */
export const SORTABLE = new Set([
  'title',
  'slug',
  'projectStatus',
  'startDate',
  'endDate',
  'publishedAt',
  'createdAt',
  'updatedAt',
  'documentId',
]);

/** The GraphQL arguments of `projects`. */
export interface ListArgs {
  filters?: unknown;
  pagination?: unknown;
  sort?: unknown;
  status?: unknown;
  locale?: unknown;
  hasPublishedVersion?: unknown;
  publicationFilter?: unknown;
  [other: string]: unknown;
}

/** Where the page starts and how long it is, as Strapi's withDefaultPagination computes them. */
export interface PageWindow {
  start: unknown;
  limit: unknown;
}

const KNOWN_ARGS = new Set([
  'filters',
  'pagination',
  'sort',
  'status',
  'locale',
  'hasPublishedVersion',
  'publicationFilter',
]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isNil = (value: unknown) => value === undefined || value === null;

/** `{ eq: "x", in: ["y"] }` → tests on one attribute; null when it uses anything else. */
function fieldTests(attribute: string, operators: unknown): FieldTest[] | null {
  if (!isRecord(operators)) return null;
  const keys = Object.keys(operators);
  if (keys.length === 0) return null;
  const tests: FieldTest[] = [];
  for (const key of keys) {
    const value = operators[key];
    if (key === 'eq' && typeof value === 'string') tests.push({ attribute, operator: 'eq', values: [value] });
    else if (
      key === 'in' &&
      Array.isArray(value) &&
      value.length > 0 &&
      value.every((item) => typeof item === 'string')
    )
      tests.push({ attribute, operator: 'in', values: value as string[] });
    else return null;
  }
  return tests;
}

function conditionsOf(filters: unknown): Condition[] | null {
  if (!isRecord(filters)) return null;
  const conditions: Condition[] = [];
  for (const [key, value] of Object.entries(filters)) {
    if (key === 'and') {
      if (!Array.isArray(value)) return null;
      for (const entry of value) {
        const nested = conditionsOf(entry);
        if (!nested) return null;
        conditions.push(...nested);
      }
    } else if (PROJECT_FIELDS.has(key)) {
      const tests = fieldTests(key, value);
      if (!tests) return null;
      conditions.push(...tests.map((test) => ({ kind: 'field' as const, test })));
    } else if (key in LINKED_FIELDS) {
      const allowed = LINKED_FIELDS[key] as ReadonlySet<string>;
      if (!isRecord(value) || Object.keys(value).length === 0) return null;
      const tests: FieldTest[] = [];
      for (const [attribute, operators] of Object.entries(value)) {
        if (!allowed.has(attribute)) return null;
        const found = fieldTests(attribute, operators);
        if (!found) return null;
        tests.push(...found);
      }
      conditions.push({ kind: 'linked', attribute: key, tests });
    } else {
      return null;
    }
  }
  return conditions;
}

/** "title:asc,startDate:desc" or ["title", "publishedAt:desc"] → sort keys; null for anything else. */
function sortOf(sort: unknown): SortKey[] | null {
  if (isNil(sort)) return [];
  const items = typeof sort === 'string' ? [sort] : sort;
  if (!Array.isArray(items)) return null;
  const keys: SortKey[] = [];
  for (const item of items) {
    if (typeof item !== 'string') return null;
    for (const segment of item.split(',')) {
      const trimmed = segment.trim();
      if (trimmed === '') continue;
      const match = /^([A-Za-z]+)(?::(asc|desc))?$/.exec(trimmed);
      if (!match || !SORTABLE.has(match[1] as string)) return null;
      keys.push({ attribute: match[1] as string, order: (match[2] ?? 'asc') as 'asc' | 'desc' });
    }
  }
  return keys;
}

/** The fast list's plan for these arguments, or null when Strapi's resolver must answer them. */
export function planProjectList(args: ListArgs, window: PageWindow): ListPlan | null {
  if (Object.keys(args).some((key) => !KNOWN_ARGS.has(key))) return null;
  // Published versions only; drafts and publication filters stay with Strapi (and the draft guard).
  if (!isNil(args.status) && args.status !== 'published') return null;
  if (!isNil(args.hasPublishedVersion) || !isNil(args.publicationFilter)) return null;
  // '*' (all locales) is rare and answered by Strapi.
  if (!isNil(args.locale) && (typeof args.locale !== 'string' || args.locale === '' || args.locale === '*'))
    return null;
  const { start, limit } = window;
  if (typeof start !== 'number' || !Number.isInteger(start) || start < 0) return null;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) return null;
  const conditions = isNil(args.filters) ? [] : conditionsOf(args.filters);
  if (!conditions) return null;
  const sort = sortOf(args.sort);
  if (!sort) return null;
  return {
    locale: typeof args.locale === 'string' ? args.locale : null,
    conditions,
    sort,
    start,
    limit,
  };
}

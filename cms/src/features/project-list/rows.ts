/**
 * Database rows → the objects Strapi's Query Engine returns.
 *
 * The fast list reads with plain SQL, so it maps columns to attributes itself, value by value as
 * @strapi/database's `fromRow` does (its field classes are not exported). Relations arrive as JSON built by the
 * database; JSON carries the same values as the driver for every column type (a timestamp is an ISO text
 * without zone, which both the driver and `new Date` read as local time), so one mapping serves both. The
 * equivalence tests compare every exposed field with Strapi's own answer on SQLite and PostgreSQL.
 */

export interface ColumnMeta {
  columnToAttribute: Record<string, string>;
  attributes: Record<string, { type: string }>;
}

const STRING_TYPES = new Set(['string', 'text', 'richtext', 'enumeration', 'uid', 'email', 'password']);
const NUMBER_TYPES = new Set(['integer', 'float', 'decimal']);
const AS_STORED = new Set(['increments', 'date', 'time']);
const SCALAR_TYPES = new Set([
  ...STRING_TYPES,
  ...NUMBER_TYPES,
  ...AS_STORED,
  'boolean',
  'datetime',
  'timestamp',
  'biginteger',
  'json',
  'blocks',
]);

const asString = (value: unknown) => (typeof value === 'string' ? value : String(value));

function asBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  const text = asString(value);
  return text === '1' ? true : text === '0' ? false : null;
}

function asDate(value: unknown): Date | null {
  const date = value instanceof Date ? value : new Date(value as string | number);
  return Number.isNaN(date.getTime()) ? null : date;
}

function asBigInteger(value: unknown): string {
  const text = asString(value).trim();
  return /^[+-]?\d+$/.test(text) ? BigInt(text).toString() : asString(value);
}

function asJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    const parsed: unknown = JSON.parse(value);
    // Early Strapi 5 versions stored some values stringified twice.
    return typeof parsed === 'string' ? JSON.parse(parsed) : parsed;
  } catch {
    return value;
  }
}

export const isScalarType = (type: string) => SCALAR_TYPES.has(type);

/** The columns of a model that hold scalar values (the rest of columnToAttribute are relations). */
export function scalarColumns(meta: ColumnMeta): string[] {
  return Object.entries(meta.columnToAttribute)
    .filter(([, attribute]) => SCALAR_TYPES.has(meta.attributes[attribute]?.type ?? ''))
    .map(([name]) => name);
}

/** One scalar column value as Strapi reads it (json and blocks last). */
export function scalarValue(type: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (STRING_TYPES.has(type)) return asString(value);
  if (NUMBER_TYPES.has(type)) return typeof value === 'number' ? value : Number(value);
  if (AS_STORED.has(type)) return value;
  switch (type) {
    case 'boolean':
      return asBoolean(value);
    case 'datetime':
      return asDate(value)?.toISOString() ?? null;
    case 'timestamp': {
      const date = asDate(value);
      return date ? String(date.getTime()) : null;
    }
    case 'biginteger':
      return asBigInteger(value);
    default:
      return asJson(value); // json, blocks
  }
}

type Reader = [column: string, attribute: string, type: string | null];

/** Per model: the mapped columns, each with its attribute and scalar type (null: passed through). */
const readers = new WeakMap<ColumnMeta, Map<string, Reader>>();

function readersOf(meta: ColumnMeta): Map<string, Reader> {
  let found = readers.get(meta);
  if (!found) {
    found = new Map();
    for (const [column, attribute] of Object.entries(meta.columnToAttribute)) {
      const type = meta.attributes[attribute]?.type ?? '';
      if (SCALAR_TYPES.has(type)) found.set(column, [column, attribute, type]);
      // A relation's own column (created_by_id → createdBy) is passed through, like Strapi does.
      else if (type === 'relation') found.set(column, [column, attribute, null]);
    }
    readers.set(meta, found);
  }
  return found;
}

/** A row (or a JSON object with the same keys) → an entry: mapped columns only, scalars converted. */
export function fromColumns(meta: ColumnMeta, row: Record<string, unknown>): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  const columns = readersOf(meta);
  for (const column in row) {
    const reader = columns.get(column);
    if (!reader) continue;
    const value = row[column];
    entry[reader[1]] = reader[2] === null ? value : scalarValue(reader[2], value);
  }
  return entry;
}

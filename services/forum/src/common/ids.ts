const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Our ids are UUIDs; anything else cannot name a row (and must not reach a uuid column as SQL). */
export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && uuidPattern.test(value);

/** Loads rows by id in one statement and returns them in key order, null where missing or malformed. */
export async function loadInKeyOrder<T extends { id: string }>(
  ids: readonly string[],
  fetch: (validIds: string[]) => Promise<T[]>,
): Promise<(T | null)[]> {
  const valid = [...new Set(ids.filter(isUuid))];
  const rows = valid.length > 0 ? await fetch(valid) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

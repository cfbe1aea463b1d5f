import { createHash } from 'node:crypto';

export interface RequestShapeError {
  message: string;
  code: 'BAD_REQUEST';
}

const bad = (message: string): RequestShapeError => ({ message, code: 'BAD_REQUEST' });

/**
 * Checks `extensions.persistedQuery` (Apollo's automatic persisted queries) before Apollo reads it: Apollo
 * answers a wrong type, a missing version or a hash that does not match the query with an error without a
 * code, which would leave the gateway as "Internal server error". A well-formed hash that the gateway does
 * not know is left to Apollo: that is PERSISTED_QUERY_NOT_FOUND, the protocol's cue to send the query.
 *
 * `extensions` is the parsed POST body's member, or the GET parameter (a JSON string).
 */
export function persistedQueryError(extensions: unknown, query: unknown): RequestShapeError | undefined {
  if (extensions === undefined || extensions === null) return undefined;
  let parsed = extensions;
  if (typeof extensions === 'string') {
    try {
      parsed = JSON.parse(extensions);
    } catch {
      return bad('`extensions` is not valid JSON');
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return bad('`extensions` must be an object');
  const persisted = (parsed as Record<string, unknown>)['persistedQuery'];
  if (persisted === undefined) return undefined;
  const shape = '`extensions.persistedQuery` must be { "version": 1, "sha256Hash": "<64 hex digits>" }';
  if (typeof persisted !== 'object' || persisted === null || Array.isArray(persisted)) return bad(shape);
  const { version, sha256Hash } = persisted as Record<string, unknown>;
  if (version !== 1)
    return bad(
      `${shape}; ${typeof version === 'number' ? `version ${version} is not supported` : 'the version is missing'}`,
    );
  // Lower-case hex, as Apollo compares it.
  if (typeof sha256Hash !== 'string' || !/^[0-9a-f]{64}$/.test(sha256Hash)) return bad(shape);
  if (typeof query === 'string' && createHash('sha256').update(query).digest('hex') !== sha256Hash)
    return bad('`extensions.persistedQuery.sha256Hash` is not the SHA-256 of the query sent with it');
  return undefined;
}

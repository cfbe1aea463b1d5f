import type { ApiErrorLike } from '$lib/errors';

/** `invalid`, `expired` or `used` when the gateway refused a mail link's token; null for other errors. */
export function tokenProblem(errors: readonly ApiErrorLike[]): string | null {
  const refused = errors.find((error) => error.extensions?.['field'] === 'token');
  return refused ? String(refused.extensions?.['reason'] ?? 'invalid') : null;
}

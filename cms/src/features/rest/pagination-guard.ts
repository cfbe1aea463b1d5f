import { errors } from '@strapi/utils';
import { clampPagination } from '../graphql/operation-limits';

const KEYS = ['page', 'pageSize', 'start', 'limit'];

/**
 * REST list routes serve the same pages as GraphQL: sizes clamped to 1 … maximum, where -1, 0 and negative
 * sizes mean the default page size (Strapi reads `pagination[limit]=-1` as "as many as allowed"); anything that
 * is not a whole number is refused with 400 (BAD_USER_INPUT).
 */
export async function restPaginationGuard(
  ctx: { query?: Record<string, unknown> },
  next: () => Promise<unknown>,
) {
  const raw = ctx.query?.pagination;
  if (raw === undefined) return next();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new errors.ValidationError('pagination must be given as pagination[page], pagination[pageSize], …');
  const pagination: Record<string, number> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === 'withCount') continue;
    if (!KEYS.includes(key))
      throw new errors.ValidationError(`pagination[${key}] is not a pagination parameter`);
    if (typeof value !== 'string' || !/^-?\d{1,10}$/.test(value))
      throw new errors.ValidationError(`pagination[${key}] must be a whole number`);
    pagination[key] = Number(value);
  }
  const served = clampPagination(pagination, {
    maxLimit: strapi.config.get('api.rest.maxLimit', 100) as number,
    defaultLimit: strapi.config.get('api.rest.defaultLimit', 20) as number,
  });
  const query = ctx.query as Record<string, unknown>;
  query.pagination = {
    ...(raw as Record<string, unknown>),
    ...Object.fromEntries(Object.entries(served).map(([key, value]) => [key, String(value)])),
  };
  return next();
}

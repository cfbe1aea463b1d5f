import type { Core } from '@strapi/strapi';

export interface PaginationArg {
  page?: number | null;
  pageSize?: number | null;
  start?: number | null;
  limit?: number | null;
}

/**
 * Turns GraphQL `filters` and `pagination` into Document Service parameters with Strapi's own mappers, so that
 * custom queries accept exactly what `projects(filters, pagination)` accepts and obey the same page limits.
 */
export function toDocumentParams(
  strapi: Core.Strapi,
  uid: string,
  args: { filters?: unknown; pagination?: PaginationArg | null },
): { filters?: Record<string, unknown>; start: number; limit: number } {
  const { transformArgs } = strapi.plugin('graphql').service('builders').utils;
  const transformed = transformArgs(
    { filters: args.filters ?? undefined, pagination: args.pagination ?? {} },
    { contentType: strapi.getModel(uid as never), usePagination: true },
  ) as {
    filters?: Record<string, unknown>;
    start?: number;
    limit?: number;
    page?: number;
    pageSize?: number;
  };
  const limit = transformed.limit ?? transformed.pageSize ?? 20;
  const start = transformed.start ?? ((transformed.page ?? 1) - 1) * limit;
  return { filters: transformed.filters, start: Math.max(0, start), limit };
}

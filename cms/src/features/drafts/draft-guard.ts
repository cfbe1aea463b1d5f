import { errors } from '@strapi/utils';

/**
 * Strapi 5 lets anyone with read permission ask for drafts (`status: DRAFT` in GraphQL, `?status=draft` in
 * REST). Drafts are unreviewed — submissions from practitioners among them — so the public never reads them:
 * only requests with a content-API token (the frontend's preview, editorial tools) may. Editors read drafts
 * in the admin, which is not the content API.
 */
const DRAFT_READERS = new Set(['content-api-token', 'api-token']);

export function mayReadDrafts(auth: unknown): boolean {
  const name = (auth as { strategy?: { name?: string } } | undefined)?.strategy?.name;
  return name !== undefined && DRAFT_READERS.has(name);
}

function asksForDrafts(status: unknown): boolean {
  return typeof status === 'string' && status.toLowerCase() === 'draft';
}

const refusal = () => new errors.ForbiddenError('Drafts are not public');

/** Route middleware for the REST find/findOne routes. */
export async function restDraftGuard(
  ctx: { query?: Record<string, unknown>; state?: { auth?: unknown } },
  next: () => Promise<unknown>,
) {
  if (asksForDrafts(ctx.query?.status) && !mayReadDrafts(ctx.state?.auth)) throw refusal();
  return next();
}

type ResolverMiddleware = (
  next: (parent: unknown, args: unknown, context: unknown, info: unknown) => unknown,
  parent: unknown,
  args: { status?: unknown },
  context: { state?: { auth?: unknown } },
  info: unknown,
) => unknown;

/** Resolver middleware for the generated GraphQL queries of our content types. */
export const graphqlDraftGuard: ResolverMiddleware = (next, parent, args, context, info) => {
  if (asksForDrafts(args?.status) && !mayReadDrafts(context?.state?.auth)) throw refusal();
  return next(parent, args, context, info);
};

/** The generated query fields of a content type: `project`, `projects`, `projects_connection`. */
export function queryFieldsOf(singular: string, plural: string): string[] {
  const camel = (name: string) => name.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
  return [camel(singular), camel(plural), `${camel(plural)}_connection`];
}

import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * Drafts are unreviewed — practitioners' submissions with their contact persons among them — so anonymous callers
 * and forum members read published content only, by every route.
 *
 * Strapi 5 reads any `status` other than `published` as "draft" (`status=xyz`, `status[0]=draft`,
 * `status=draft%20` all return drafts), and also takes `publicationFilter` / `hasPublishedVersion`. So there are
 * two layers:
 * - at the edge (REST route middleware, GraphQL resolver middleware) a request that asks for anything but published
 *   content at all — whatever the spelling — is refused with 403 / FORBIDDEN, so that it is visible as refused;
 * - underneath, a Document Service middleware makes every read in a request that is not an editor's or an API
 *   token's a published read, whatever the parameters, whichever route or custom resolver it came through.
 * Editors read drafts in the admin (content-manager, auth strategy `admin`); the website's preview and editorial
 * tools use a content-API token.
 */
const DRAFT_READERS = new Set(['content-api-token', 'api-token']);
/** A request that carries a valid signed preview link (features/preview): it reads the one document it names. */
export const PREVIEW_STRATEGY = 'preview-link';
const EDITORIAL = new Set([...DRAFT_READERS, 'admin', 'admin-token', PREVIEW_STRATEGY]);

/** Parameters by which Strapi chooses between published and draft versions. */
const PUBLICATION_PARAMETERS = ['publicationFilter', 'hasPublishedVersion', 'publicationState'];
const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

function strategyOf(auth: unknown): string | undefined {
  return (auth as { strategy?: { name?: string } } | undefined)?.strategy?.name;
}

/** A content-API token (preview, editorial tools) may ask for drafts through the content API. */
export function mayReadDrafts(auth: unknown): boolean {
  const name = strategyOf(auth);
  return name !== undefined && DRAFT_READERS.has(name);
}

/** Editors in the admin, and content-API tokens. */
function isEditorial(auth: unknown): boolean {
  const name = strategyOf(auth);
  return name !== undefined && EDITORIAL.has(name);
}

const isGiven = (value: unknown) => value !== undefined && value !== null;

/** Does a set of query parameters or GraphQL arguments ask for anything but the published versions? */
export function asksForUnpublished(params: Record<string, unknown> | undefined): boolean {
  if (!params) return false;
  if (isGiven(params.status) && params.status !== 'published') return true;
  return PUBLICATION_PARAMETERS.some((name) => isGiven(params[name]));
}

const refusal = () => new errors.ForbiddenError('Drafts are not public');

/** Route middleware for the REST find/findOne routes. */
export async function restDraftGuard(
  ctx: { query?: Record<string, unknown>; state?: { auth?: unknown } },
  next: () => Promise<unknown>,
) {
  if (asksForUnpublished(ctx.query) && !mayReadDrafts(ctx.state?.auth)) throw refusal();
  return next();
}

type ResolverMiddleware = (
  next: (parent: unknown, args: unknown, context: unknown, info: unknown) => unknown,
  parent: unknown,
  args: Record<string, unknown>,
  context: { state?: { auth?: unknown } },
  info: unknown,
) => unknown;

/** Resolver middleware for the generated GraphQL queries of our content types. */
export const graphqlDraftGuard: ResolverMiddleware = (next, parent, args, context, info) => {
  if (asksForUnpublished(args) && !mayReadDrafts(context?.state?.auth)) throw refusal();
  return next(parent, args, context, info);
};

/** The generated query fields of a content type: `project`, `projects`, `projects_connection`. */
export function queryFieldsOf(singular: string, plural: string): string[] {
  const camel = (name: string) => name.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
  return [camel(singular), camel(plural), `${camel(plural)}_connection`];
}

interface DocumentContext {
  action: string;
  params?: Record<string, unknown>;
}

/**
 * Every Document Service read during a request that is neither an editor's nor an API token's reads published
 * versions only. Reads outside a request (start-up, seeding, webhooks) are left alone; code that must read a
 * member's own drafts during a request uses the Query Engine explicitly (see mySubmissions).
 */
export function registerPublishedOnlyReads(strapi: Core.Strapi): void {
  strapi.documents.use(async (documentContext, next) => {
    const context = documentContext as unknown as DocumentContext;
    if (!READ_ACTIONS.has(context.action)) return next();
    const request = strapi.requestContext.get() as { state?: { auth?: unknown } } | undefined;
    if (!request || isEditorial(request.state?.auth)) return next();
    const params = { ...(context.params ?? {}) };
    for (const name of PUBLICATION_PARAMETERS) delete params[name];
    context.params = { ...params, status: 'published' };
    return next();
  });
}

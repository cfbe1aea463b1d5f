import type { Core } from '@strapi/strapi';
import { settings } from '../../../features/settings';

interface Ctx {
  params: { documentId?: string; registrationId?: string };
  state: { userAbility?: { can(action: string, subject: string): boolean } };
  request: { body?: unknown };
  status: number;
  body: unknown;
  set(name: string, value: string): void;
}

const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function problem(ctx: Ctx, status: number, message: string) {
  ctx.status = status;
  ctx.body = { error: { status, message } };
}

const WORKSHOP = 'api::workshop.workshop';
const READ = 'plugin::content-manager.explorer.read';
const UPDATE = 'plugin::content-manager.explorer.update';

/** Passes an editor's request to the forum's editor API with the shared secret, and its answer back. */
export function registrationsController(strapi: Core.Strapi) {
  async function forward(ctx: Ctx, path: string, init: RequestInit = {}) {
    const needed = init.method === 'POST' ? UPDATE : READ;
    if (!ctx.state.userAbility?.can(needed, WORKSHOP)) {
      return problem(ctx, 403, 'Your role may not see or change the registrations of workshops');
    }
    const { forumUrl, forumEditorSecret } = settings(strapi);
    if (!forumEditorSecret) {
      return problem(
        ctx,
        503,
        'FORUM_EDITOR_SECRET is not set: the CMS cannot read registrations from the forum',
      );
    }
    const documentId = ctx.params.documentId ?? '';
    if (!DOCUMENT_ID.test(documentId)) return problem(ctx, 400, 'not a documentId');
    let response: Response;
    try {
      response = await fetch(`${forumUrl}/editor/workshops/${documentId}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${forumEditorSecret}`, 'content-type': 'application/json' },
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      strapi.log.warn(`workshop registrations: the forum did not answer (${(error as Error).message})`);
      return problem(
        ctx,
        502,
        'The forum, which keeps the registrations, cannot be reached; please try again later',
      );
    }
    ctx.status = response.status;
    ctx.set('cache-control', 'no-store');
    const type = response.headers.get('content-type') ?? 'application/json';
    ctx.set('content-type', type);
    const disposition = response.headers.get('content-disposition');
    if (disposition) ctx.set('content-disposition', disposition);
    ctx.body = type.startsWith('application/json')
      ? await response.json()
      : Buffer.from(await response.arrayBuffer());
  }

  return {
    list: (ctx: Ctx) => forward(ctx, '/registrations'),
    csv: (ctx: Ctx) => forward(ctx, '/registrations.csv'),
    act: (ctx: Ctx) => {
      const registrationId = ctx.params.registrationId ?? '';
      if (!UUID.test(registrationId)) return problem(ctx, 400, 'not a registration id');
      const action = (ctx.request.body as { action?: unknown } | undefined)?.action;
      return forward(ctx, `/registrations/${registrationId}`, {
        method: 'POST',
        body: JSON.stringify({ action }),
      });
    },
  };
}

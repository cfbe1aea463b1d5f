import type { Core } from '@strapi/strapi';
import { PREVIEW_STRATEGY } from '../drafts/draft-guard';
import { settings } from '../settings';
import { PREVIEW_TYPES, verifyPreview, type PreviewType } from './preview-link';

/** What each preview reads along with the document (what its website page shows). */
const POPULATE: Record<PreviewType, Record<string, unknown>> = {
  project: {
    city: true,
    actionFields: true,
    contacts: true,
    targetGroups: true,
    leadOrganisation: true,
    partners: true,
    images: true,
    documents: true,
  },
  workshop: {
    venue: { populate: { city: true } },
    programme: true,
    registration: true,
    documentationFiles: true,
    actionFields: true,
    relatedProjects: true,
  },
  impressum: { sections: true },
  datenschutz: { sections: true },
  barrierefreiheit: { sections: true },
  'leichte-sprache': { sections: true },
};

/** Fields never shown, not even in a preview: who submitted a project (a forum member's id). */
const PRIVATE_FIELDS = ['submittedBy', 'createdBy', 'updatedBy'];

interface Ctx {
  params: { type?: string; documentId?: string };
  query: Record<string, unknown>;
  state: { auth?: unknown };
  status: number;
  body: unknown;
  set(name: string, value: string): void;
}

/**
 * `GET /preview/:type/:documentId?locale&status&expires&signature` — the draft (or published version) of one
 * document, for the website's preview page, only with a valid, unexpired preview link (403 otherwise, 404 when
 * the document has no such version). No admin session or API token is involved: the link is the authorisation,
 * and it names exactly one document.
 */
export function registerPreviewRoute(strapi: Core.Strapi): void {
  strapi.server.routes([
    {
      method: 'GET',
      path: '/preview/:type/:documentId',
      handler: async (ctx: Ctx) => {
        ctx.set('cache-control', 'private, no-store');
        ctx.set('x-robots-tag', 'noindex');
        const check = verifyPreview(settings(strapi).preview.secret, {
          type: ctx.params.type,
          documentId: ctx.params.documentId,
          locale: ctx.query.locale,
          status: ctx.query.status,
          expires: ctx.query.expires,
          signature: ctx.query.signature,
        });
        if (!check.ok) {
          ctx.status = 403;
          ctx.body = {
            data: null,
            error: {
              status: 403,
              code: check.reason === 'expired' ? 'PREVIEW_EXPIRED' : 'FORBIDDEN',
              name: 'ForbiddenError',
              message:
                check.reason === 'expired' ? 'The preview link has expired' : 'Not a valid preview link',
            },
          };
          return;
        }
        const { type, documentId, locale, status } = check.target;
        // Marks this request as allowed to read drafts (the Document Service guard lets it through).
        ctx.state.auth = { strategy: { name: PREVIEW_STRATEGY }, credentials: null };
        const document = (await strapi.documents(PREVIEW_TYPES[type] as never).findOne({
          documentId,
          locale,
          status,
          populate: POPULATE[type],
        } as never)) as Record<string, unknown> | null;
        if (!document) {
          ctx.status = 404;
          ctx.body = {
            data: null,
            error: { status: 404, code: 'NOT_FOUND', name: 'NotFoundError', message: 'No such document' },
          };
          return;
        }
        for (const field of PRIVATE_FIELDS) delete document[field];
        ctx.status = 200;
        ctx.body = { data: { type, status, locale, document } };
      },
      config: { auth: false },
    },
  ] as never);
}

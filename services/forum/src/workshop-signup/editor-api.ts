import express, { Router, type Request, type Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import { GraphQLError } from 'graphql';
import type { ForumServices } from '../context.js';
import { sameSecret } from '../common/shared-secret.js';
import { sendJsonError } from '../http/json-errors.js';
import { signupOf } from './signup-view.js';
import { EDITOR_ACTIONS, type EditorAction, type EditorRow } from './signup.service.js';
import type { WorkshopSettings } from './workshop-settings.js';

/**
 * The editors' view of a workshop's registrations, for the CMS (its admin shows them beside the workshop):
 * the list with answers, the actions on one registration, and a CSV export. Not part of the public API: only
 * a caller holding `FORUM_EDITOR_SECRET` (the CMS, on behalf of a signed-in editor) gets an answer.
 */
export function editorApi(services: ForumServices): Router {
  const router = Router();
  const secret = services.config.editorSecret;

  router.use((request, response, next) => {
    if (!secret) return sendJsonError(response, 404, 'NOT_FOUND', 'The editor API is not configured');
    if (!sameSecret(request.headers.authorization?.replace(/^Bearer /, ''), secret)) {
      return sendJsonError(response, 401, 'BAD_REQUEST', 'The editor API needs the CMS’s secret');
    }
    response.set('Cache-Control', 'no-store');
    next();
  });

  async function settingsOr404(request: Request, response: Response): Promise<WorkshopSettings | null> {
    const [settings] = await services.workshopSettings.loadMany([String(request.params['workshopId'])]);
    if (!settings) sendJsonError(response, 404, 'NOT_FOUND', 'No published workshop has this documentId');
    return settings ?? null;
  }

  router.get('/workshops/:workshopId/registrations', async (request, response, next) => {
    try {
      const settings = await settingsOr404(request, response);
      if (!settings) return;
      const rows = await services.signups.listForEditors(settings.documentId);
      const counts = await services.signups.counts([settings.documentId]);
      response.json({
        signup: signupOf(settings, counts.get(settings.documentId)!),
        registrations: rows.map(toJson),
      });
    } catch (error) {
      next(error);
    }
  });

  router.get('/workshops/:workshopId/registrations.csv', async (request, response, next) => {
    try {
      const settings = await settingsOr404(request, response);
      if (!settings) return;
      const rows = await services.signups.listForEditors(settings.documentId);
      response
        .set('Content-Type', 'text/csv; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="anmeldungen-${settings.slug}.csv"`)
        // A byte-order mark, so spreadsheet programs read the umlauts as UTF-8.
        .send(`\uFEFF${registrationsCsv(settings, rows)}`);
    } catch (error) {
      next(error);
    }
  });

  router.post(
    '/workshops/:workshopId/registrations/:registrationId',
    express.json({ limit: '4kb' }),
    async (request, response, next) => {
      try {
        const action = (request.body as { action?: unknown } | undefined)?.action;
        if (!EDITOR_ACTIONS.includes(action as EditorAction)) {
          return sendJsonError(
            response,
            400,
            'BAD_REQUEST',
            `action must be one of ${EDITOR_ACTIONS.join(', ')}`,
          );
        }
        const settings = await settingsOr404(request, response);
        if (!settings) return;
        const transitions = await services.signups.editorAction(
          settings.documentId,
          String(request.params['registrationId']),
          action as EditorAction,
          settings,
        );
        services.mail.worker.wake();
        const counts = await services.signups.counts([settings.documentId]);
        const signup = signupOf(settings, counts.get(settings.documentId)!);
        services.pubSub.publish('WORKSHOP_SIGNUP_CHANGED', settings.documentId, {
          signup: JSON.parse(JSON.stringify(signup)) as Record<string, unknown>,
        });
        response.json({ changed: transitions.map((transition) => transition.registration.id) });
      } catch (error) {
        if (error instanceof GraphQLError) {
          const code = error.extensions['code'];
          return sendJsonError(
            response,
            code === 'NOT_FOUND' ? 404 : 400,
            code === 'NOT_FOUND' ? 'NOT_FOUND' : 'BAD_REQUEST',
            error.message,
          );
        }
        next(error);
      }
    },
  );

  return router;
}

function toJson(row: EditorRow) {
  return {
    id: row.id,
    status: row.status,
    waitlistPosition: row.waitlistPosition,
    name: row.name,
    email: row.email,
    organisation: row.organisation,
    answers: row.answers,
    registeredAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const STATUS_DE: Record<string, string> = {
  CONFIRMED: 'bestätigt',
  WAITLISTED: 'Warteliste',
  PENDING_APPROVAL: 'wartet auf Freigabe',
  CANCELLED: 'storniert',
};

/** A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is kept as text. */
const textCell = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** RFC 4180, one row per registration in queue order, a column per question. */
export function registrationsCsv(settings: WorkshopSettings, rows: EditorRow[]): string {
  const header = [
    'Status',
    'Platz auf der Warteliste',
    'Name',
    'E-Mail',
    'Organisation (Profil)',
    ...settings.questions.map((question) => textCell(question.label)),
    'Angemeldet am',
  ];
  return stringify(
    [
      header,
      ...rows.map((row) => [
        STATUS_DE[row.status] ?? row.status,
        row.waitlistPosition ?? '',
        textCell(row.name ?? '(gelöscht)'),
        textCell(row.email ?? ''),
        textCell(row.organisation ?? ''),
        ...settings.questions.map((question) => textCell(row.answers[question.key] ?? '')),
        row.createdAt.toISOString(),
      ]),
    ],
    { record_delimiter: '\r\n' },
  );
}

import express, { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { ContentCache } from '../cache/content-cache.js';
import type { GatewayConfig } from '../config.js';
import { CONTENT_TYPES } from '../engine/http-executor.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * `POST /webhooks/cms`: the CMS announces a content change; the cached answers that contain that content
 * type go at once. Believed with the shared secret, or — when none is configured — from this machine only.
 */
export function cmsWebhook(
  config: Pick<GatewayConfig, 'webhookSecret'>,
  cache: ContentCache | undefined,
  logger: Logger,
): Router {
  const router = Router();
  router.post(
    '/webhooks/cms',
    express.json({ limit: '16kb' }),
    async (request: Request, response: Response) => {
      const fromLoopback = LOOPBACK.has(request.socket.remoteAddress ?? '');
      const secretOk =
        config.webhookSecret !== undefined && request.header('x-webhook-secret') === config.webhookSecret;
      if (!secretOk && !(config.webhookSecret === undefined && fromLoopback)) {
        response.status(401).json({ error: 'unknown sender' });
        return;
      }
      const model = String(request.body?.model ?? '');
      const type = CONTENT_TYPES.find((name) => name.toLowerCase() === model.replace(/-/g, '').toLowerCase());
      if (!type) {
        response.status(400).json({ error: `unknown model "${model}"` });
        return;
      }
      await cache?.invalidate([type]);
      logger.info(
        { event: request.body?.event, model, documentId: request.body?.documentId },
        'content changed: cache invalidated',
      );
      response.json({ invalidated: type });
    },
  );
  return router;
}

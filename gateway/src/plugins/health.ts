import { Router } from 'express';
import type { GatewayConfig } from '../config.js';
import type { Metrics } from '../observability/metrics.js';

async function answers(subgraphUrl: string): Promise<boolean> {
  try {
    const answer = await fetch(`${subgraphUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
      signal: AbortSignal.timeout(2000),
    });
    return answer.ok;
  } catch {
    return false;
  }
}

/** `/health` (the process is up), `/ready` (both subgraphs answer) and `/metrics` (Prometheus). */
export function healthRoutes(config: Pick<GatewayConfig, 'cmsUrl' | 'forumUrl'>, metrics: Metrics): Router {
  const router = Router();
  router.get('/health', (_request, response) => {
    response.json({ status: 'ok', service: 'gateway' });
  });
  router.get('/ready', async (_request, response) => {
    const [cms, forum] = await Promise.all([answers(config.cmsUrl), answers(config.forumUrl)]);
    response
      .status(cms && forum ? 200 : 503)
      .json({ status: cms && forum ? 'ready' : 'degraded', cms, forum });
  });
  router.get('/metrics', async (_request, response) => {
    response.setHeader('content-type', metrics.registry.contentType);
    response.send(await metrics.registry.metrics());
  });
  return router;
}

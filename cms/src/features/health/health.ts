import type { Core } from '@strapi/strapi';

/** `GET /health` (the platform's contract for every service): 200 when the database answers, else 503. */
export function registerHealthRoute(strapi: Core.Strapi): void {
  strapi.server.routes([
    {
      method: 'GET',
      path: '/health',
      handler: async (ctx: { status: number; body: unknown }) => {
        try {
          await strapi.db.connection.raw('SELECT 1');
          ctx.status = 200;
          ctx.body = { status: 'ok', service: 'cms' };
        } catch {
          ctx.status = 503;
          ctx.body = { status: 'unavailable', service: 'cms' };
        }
      },
      config: { auth: false },
    },
  ] as never);
}

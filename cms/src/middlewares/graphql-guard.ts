import { createRequire } from 'node:module';
import { fragmentProblem } from '../features/graphql/fragment-guard';

type Middleware = (ctx: unknown, next: () => Promise<unknown>) => Promise<unknown>;
// The body parser the GraphQL plugin uses on its route: reading the body with it first leaves the plugin's own
// call nothing to do (it skips a request whose body is already read).
const bodyParser = createRequire(require.resolve('@strapi/plugin-graphql/package.json'))(
  'koa-bodyparser',
) as () => Middleware;

/**
 * `global::graphql-guard`, after `strapi::body`: refuses a GraphQL document whose fragments loop or are unknown
 * with 400 and GRAPHQL_VALIDATION_FAILED before Apollo (and Strapi's depth rule) sees it.
 */
interface Ctx {
  path: string;
  method: string;
  query: Record<string, unknown>;
  request: { body?: unknown };
  status: number;
  body: unknown;
}

export default () => {
  const parse = bodyParser();
  return async (ctx: Ctx, next: () => Promise<unknown>) => {
    if (ctx.path === '/graphql') {
      if (ctx.method === 'POST') await parse(ctx, async () => undefined);
      const body = ctx.request.body as { query?: unknown } | undefined;
      const source = ctx.method === 'GET' ? ctx.query['query'] : body?.query;
      const problem = typeof source === 'string' ? fragmentProblem(source) : undefined;
      if (problem) {
        ctx.status = 400;
        ctx.body = { errors: [{ message: problem, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] };
        return;
      }
    }
    await next();
  };
};

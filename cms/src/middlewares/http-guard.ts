/**
 * `global::http-guard`, first in the middleware list: hostile or malformed requests get a 4xx with a JSON body
 * carrying a code, never a 500, a stack trace or a file path.
 * - Request bodies must be sent as they are (no `content-encoding`): a compressed or unknown encoding would
 *   reach the body parsers' decompression, whose errors surface as 500 (gzip, deflate, br with a broken body).
 * - A body declared in a charset other than UTF-8 is refused (JSON is UTF-8, RFC 8259).
 * - Every error body Strapi writes (`{ data: null, error: { status, name, message } }`) gets `error.code`; a
 *   server error keeps only a generic message.
 */

interface Ctx {
  method: string;
  /** The response's content type. */
  type: string;
  status: number;
  body: unknown;
  get(header: string): string;
  set(header: string, value: string): void;
}

const CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  408: 'REQUEST_TIMEOUT',
  411: 'LENGTH_REQUIRED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};
const NAME_CODES: Record<string, string> = {
  ValidationError: 'BAD_USER_INPUT',
  PaginationError: 'BAD_USER_INPUT',
};

export function codeFor(status: number, name?: string): string {
  if (name && NAME_CODES[name]) return NAME_CODES[name];
  if (status >= 500) return 'INTERNAL_SERVER_ERROR';
  return CODES[status] ?? 'BAD_REQUEST';
}

function refuse(ctx: Ctx, status: number, code: string, message: string): void {
  ctx.status = status;
  ctx.body = { data: null, error: { status, code, name: 'BadRequestError', message } };
}

const UTF8 = new Set(['utf-8', 'utf8']);

/** Why this request's body cannot be read, if it cannot. */
function bodyProblem(ctx: Ctx): [number, string, string] | null {
  const encoding = ctx.get('content-encoding').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity')
    return [415, 'UNSUPPORTED_CONTENT_ENCODING', 'Send the request body uncompressed (no Content-Encoding)'];
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(ctx.get('content-type'))?.[1];
  if (charset !== undefined && !UTF8.has(charset.toLowerCase()))
    return [415, 'UNSUPPORTED_CHARSET', 'Request bodies must be UTF-8'];
  return null;
}

interface ErrorBody {
  data?: unknown;
  error?: { status?: number; name?: string; message?: string; code?: string; details?: unknown };
}

export default () =>
  async function httpGuard(ctx: Ctx, next: () => Promise<unknown>) {
    const problem = bodyProblem(ctx);
    if (problem) return refuse(ctx, ...problem);
    await next();
    if (ctx.status < 400) return;
    const body = ctx.body as ErrorBody | undefined;
    const bare = body === undefined || body === null || typeof body === 'string' || Buffer.isBuffer(body);
    // GraphQL answers its own errors as JSON text (with codes): those stay as they are.
    if (bare && !/json/i.test(ctx.type)) {
      // A bare status from the router (405) or a middleware: the same JSON shape as Strapi's errors.
      const status = ctx.status;
      const message = typeof body === 'string' && body ? body : 'Request failed';
      ctx.body = { data: null, error: { status, code: codeFor(status), name: 'HttpError', message } };
      ctx.status = status;
      return;
    }
    if (typeof body !== 'object' || !body.error || typeof body.error !== 'object') return;
    const status = body.error.status ?? ctx.status;
    body.error.code ??= codeFor(status, body.error.name);
    if (status >= 500) {
      body.error = {
        status,
        code: body.error.code,
        name: 'InternalServerError',
        message: 'Internal Server Error',
      };
    }
  };

import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Log } from '../log.js';

/** The HTTP-level codes a client can rely on, beside the GraphQL ones in common/errors.ts. */
export type HttpErrorCode =
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'REQUEST_TIMEOUT'
  | 'REQUEST_HEADER_FIELDS_TOO_LARGE'
  | 'INTERNAL_SERVER_ERROR';

/** GraphQL's error shape, so a client parses every answer of the forum the same way. */
const errorBody = (code: HttpErrorCode, message: string) =>
  JSON.stringify({ errors: [{ message, extensions: { code } }] });

export function sendJsonError(response: Response, status: number, code: HttpErrorCode, message: string) {
  response
    .status(status)
    .set('Content-Type', 'application/json; charset=utf-8')
    .set('X-Content-Type-Options', 'nosniff')
    .set('Cache-Control', 'no-store')
    .send(errorBody(code, message));
}

const isJsonMediaType = (contentType: string | undefined) =>
  contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';

/**
 * A POST to /graphql must be JSON (GraphQL over HTTP). Anything else is refused before it is read: 415, not
 * Apollo's "POST body missing", and a form or text/plain post from another site never runs.
 */
export const requireJsonBody: RequestHandler = (request, response, next) => {
  if (request.method !== 'POST' || isJsonMediaType(request.headers['content-type'])) return next();
  sendJsonError(
    response,
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    'Send the operation as JSON, with "Content-Type: application/json"',
  );
};

/** Whatever no route answered. */
export const notFound: RequestHandler = (_request, response) => {
  sendJsonError(response, 404, 'NOT_FOUND', 'No such resource; the GraphQL endpoint is /graphql');
};

interface BodyError {
  status?: number;
  statusCode?: number;
  type?: string;
  code?: string;
  message?: string;
}

/** What body-parser (and the router) report, as the client's mistake with a code; never the error itself. */
function describe(error: BodyError): { status: number; code: HttpErrorCode; message: string } | undefined {
  switch (error.type) {
    case 'entity.too.large':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' };
    case 'charset.unsupported':
      return {
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Unsupported charset; send the body as UTF-8',
      };
    case 'encoding.unsupported':
      return {
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Unsupported Content-Encoding; use gzip, deflate, br or none',
      };
    case 'entity.parse.failed':
      return { status: 400, code: 'BAD_REQUEST', message: 'The request body is not valid JSON' };
    case 'request.aborted':
      return { status: 400, code: 'BAD_REQUEST', message: 'The request was aborted' };
    case 'request.size.invalid':
      return { status: 400, code: 'BAD_REQUEST', message: 'The request body does not match its length' };
  }
  if (typeof error.code === 'string' && /^Z_|BROTLI/.test(error.code)) {
    return {
      status: 400,
      code: 'BAD_REQUEST',
      message: 'The request body is not encoded as its Content-Encoding says',
    };
  }
  const status = error.status ?? error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return { status, code: 'BAD_REQUEST', message: 'Malformed request' };
  }
  return undefined;
}

/**
 * The last handler: a client's mistake gets its 4xx, anything else a bare 500; both in GraphQL's shape,
 * never Express's HTML page with a stack and file paths, whatever NODE_ENV says.
 */
export function jsonErrorHandler(log: Log): ErrorRequestHandler {
  return (error: BodyError, _request, response, _next) => {
    const known = describe(error);
    if (!known) log.error({ error: String(error?.message ?? error) }, 'unexpected HTTP error');
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const { status, code, message } = known ?? {
      status: 500,
      code: 'INTERNAL_SERVER_ERROR' as const,
      message: 'Internal server error',
    };
    sendJsonError(response, status, code, message);
  };
}

/**
 * Bytes that are not HTTP never reach Express; Node would answer them with a bare status line. Answer them
 * in the same JSON shape.
 */
export function answerMalformedHttp(server: Server) {
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, reason, code]: [number, string, HttpErrorCode] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'REQUEST_HEADER_FIELDS_TOO_LARGE']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout', 'REQUEST_TIMEOUT']
          : [400, 'Bad Request', 'BAD_REQUEST'];
    const body = errorBody(code, status === 400 ? 'Malformed HTTP request' : reason);
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

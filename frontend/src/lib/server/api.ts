// The one way the server talks to the gateway: urql over HTTP (POST with JSON, which Apollo's CSRF
// protection accepts), with the member's token as a Bearer header and the visitor's address, so that the
// gateway's rate limit and the forum's sign-in limit count each visitor, not this server. The gateway
// believes that address only with the secret both share (CLIENT_ADDRESS_SECRET): anyone can send a header,
// only the website knows the secret. Without it the gateway counts every visitor as this server.
import {
  Client,
  fetchExchange,
  type AnyVariables,
  type CombinedError,
  type OperationContext,
  type TypedDocumentNode,
} from '@urql/core';
import { error as httpError } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import type { ApiErrorLike } from '$lib/errors';

export const gatewayUrl = () => (env['GATEWAY_URL'] ?? 'http://127.0.0.1:4000').replace(/\/$/, '');

/** The website's visitor address, for the gateway: believed there only with the secret beside it. */
function clientAddressHeaders(address: string | undefined): Record<string, string> {
  const secret = env['CLIENT_ADDRESS_SECRET'];
  if (!address || !secret) return {};
  return { 'x-client-address': address, 'x-client-address-secret': secret };
}

/**
 * A client per request, never one shared by the server: urql merges queries with the same document and
 * variables that are in flight at once into one, whatever their headers — a shared client answered one
 * member's page with another member's data (her registration, her `me`).
 */
function requestClient(): Client {
  return new Client({
    url: `${gatewayUrl()}/graphql`,
    exchanges: [fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'network-only',
  });
}

export interface ApiResult<D> {
  data: D | undefined;
  errors: ApiErrorLike[];
}

function errorsOf(error: CombinedError | undefined): ApiErrorLike[] {
  if (!error) return [];
  if (error.networkError)
    return [{ message: error.networkError.message, extensions: { code: 'UPSTREAM_UNAVAILABLE' } }];
  return error.graphQLErrors.map((e) => ({ message: e.message, extensions: e.extensions }));
}

export class Api {
  private readonly client = requestClient();

  constructor(
    private readonly token: string | undefined,
    private readonly clientAddress?: string,
  ) {}

  private context(): Partial<OperationContext> {
    const headers: Record<string, string> = {};
    if (this.token) headers['authorization'] = `Bearer ${this.token}`;
    return {
      fetchOptions: {
        headers: { ...headers, ...clientAddressHeaders(this.clientAddress) },
        signal: AbortSignal.timeout(15_000),
      },
    };
  }

  /** A query whose errors the caller shows. */
  async run<D, V extends AnyVariables>(
    document: TypedDocumentNode<D, V>,
    variables: V,
  ): Promise<ApiResult<D>> {
    const result = await this.client.query(document, variables, this.context()).toPromise();
    return { data: result.data ?? undefined, errors: errorsOf(result.error) };
  }

  async mutate<D, V extends AnyVariables>(
    document: TypedDocumentNode<D, V>,
    variables: V,
  ): Promise<ApiResult<D>> {
    const result = await this.client.mutation(document, variables, this.context()).toPromise();
    return { data: result.data ?? undefined, errors: errorsOf(result.error) };
  }

  /**
   * A page's data: partial data with errors is still shown (a failed upstream must not take the page down);
   * no data at all becomes an error page.
   */
  async load<D, V extends AnyVariables>(document: TypedDocumentNode<D, V>, variables: V): Promise<D> {
    const { data, errors } = await this.run(document, variables);
    if (data) return data;
    const code = errors[0]?.extensions?.['code'];
    console.error(`gateway answered without data: ${JSON.stringify(errors).slice(0, 500)}`);
    if (code === 'NOT_FOUND') httpError(404, { message: 'error.notFound', code: 'NOT_FOUND' });
    if (code === 'UNAUTHENTICATED')
      httpError(401, { message: 'error.unauthenticated', code: 'UNAUTHENTICATED' });
    if (code === 'FORBIDDEN') httpError(403, { message: 'error.forbidden', code: 'FORBIDDEN' });
    httpError(503, { message: 'error.unavailable', code: String(code ?? 'UPSTREAM_UNAVAILABLE') });
  }
}

// The one way the server talks to the gateway: urql over HTTP (POST with JSON, which Apollo's CSRF
// protection accepts), with the member's token as a Bearer header and the visitor's address as
// X-Forwarded-For (the gateway's rate limits are per visitor, not per frontend server).
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

let shared: Client | undefined;
function client(): Client {
  shared ??= new Client({
    url: `${gatewayUrl()}/graphql`,
    exchanges: [fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'network-only',
  });
  return shared;
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
  constructor(
    private readonly token: string | undefined,
    private readonly clientAddress?: string,
  ) {}

  private context(): Partial<OperationContext> {
    const headers: Record<string, string> = {};
    if (this.token) headers['authorization'] = `Bearer ${this.token}`;
    if (this.clientAddress) headers['x-forwarded-for'] = this.clientAddress;
    return { fetchOptions: { headers, signal: AbortSignal.timeout(15_000) } };
  }

  /** A query whose errors the caller shows. */
  async run<D, V extends AnyVariables>(
    document: TypedDocumentNode<D, V>,
    variables: V,
  ): Promise<ApiResult<D>> {
    const result = await client().query(document, variables, this.context()).toPromise();
    return { data: result.data ?? undefined, errors: errorsOf(result.error) };
  }

  async mutate<D, V extends AnyVariables>(
    document: TypedDocumentNode<D, V>,
    variables: V,
  ): Promise<ApiResult<D>> {
    const result = await client().mutation(document, variables, this.context()).toPromise();
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

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from 'gql.tada';

// A gateway stand-in that answers slowly with the member the request's token names, so that two members'
// identical page queries are in flight at once — as on the workshop page when both open it together.
let gateway: Server;
let Api: typeof import('./api').Api;
beforeAll(async () => {
  gateway = createServer((request, response) => {
    const token = request.headers.authorization?.replace(/^Bearer /, '') ?? null;
    request.resume().on('end', () =>
      setTimeout(() => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ data: { me: token && { displayName: token } } }));
      }, 100),
    );
  });
  await new Promise<void>((ready) => gateway.listen(0, '127.0.0.1', ready));
  // The environment the website was started with, pointed at the stand-in.
  const { env } = await import('$env/dynamic/private');
  env['GATEWAY_URL'] = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
  ({ Api } = await import('./api'));
});
afterAll(() => new Promise((closed) => gateway.close(closed)));

const Me = graphql(`
  query Me {
    me {
      displayName
    }
  }
`) as never;

describe('the server-side API', () => {
  it("answers each member with her own data, even when two members' identical queries overlap", async () => {
    const members = ['anna', 'dora', 'ben'];
    const answers = await Promise.all(
      members.map((token) => new Api(token).run<{ me: { displayName: string } | null }, object>(Me, {})),
    );
    expect(answers.map((answer) => answer.data?.me?.displayName)).toEqual(members);
    const visitor = await new Api(undefined).run<{ me: null }, object>(Me, {});
    expect(visitor.data?.me).toBeNull();
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import {
  TOKEN_ALGORITHM,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  remoteMemberKeys,
  verifyMemberToken,
} from './member-token.js';

let privateKey: CryptoKey;
let publicJwk: JWK;
let keys: ReturnType<typeof createLocalJWKSet>;

beforeAll(async () => {
  const pair = await generateKeyPair(TOKEN_ALGORITHM, { crv: 'Ed25519' });
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: TOKEN_ALGORITHM, use: 'sig' };
  keys = createLocalJWKSet({ keys: [publicJwk] });
});

interface TokenShape {
  sub?: string;
  issuer?: string;
  audience?: string;
  expires?: string | number;
  claims?: Record<string, unknown>;
  key?: CryptoKey;
}

async function token(shape: TokenShape = {}): Promise<string> {
  const jwt = new SignJWT(shape.claims ?? { role: 'MEMBER' })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: 'k1' })
    .setIssuer(shape.issuer ?? TOKEN_ISSUER)
    .setAudience(shape.audience ?? TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(shape.expires ?? '1h');
  if (shape.sub !== undefined) jwt.setSubject(shape.sub);
  return jwt.sign(shape.key ?? privateKey);
}

describe('verifyMemberToken', () => {
  it('accepts the forum’s token and reads member, role and the issue time in ms', async () => {
    const before = Date.now();
    const result = await verifyMemberToken(
      await token({ sub: 'member-1', claims: { role: 'MODERATOR', iat_ms: before } }),
      keys,
    );
    expect(result).toEqual({ claims: { sub: 'member-1', role: 'MODERATOR', issuedAtMs: before } });
  });

  it('takes iat in seconds and the member role for tokens without iat_ms and role', async () => {
    const result = await verifyMemberToken(await token({ sub: 'member-1', claims: {} }), keys);
    expect(result).toMatchObject({ claims: { role: 'MEMBER' } });
    const { issuedAtMs } = (result as { claims: { issuedAtMs: number } }).claims;
    expect(issuedAtMs % 1000).toBe(0);
    expect(Math.abs(issuedAtMs - Date.now())).toBeLessThan(5000);
  });

  it('tells an expired token from a bad one', async () => {
    const expired = await token({ sub: 'member-1', expires: Math.floor(Date.now() / 1000) - 60 });
    expect(await verifyMemberToken(expired, keys)).toEqual({ failure: 'expired' });
  });

  it.each([
    ['another issuer', { sub: 'm', issuer: 'someone-else' }],
    ['another audience', { sub: 'm', audience: 'another-platform' }],
    ['no subject', {}],
    ['an empty subject', { sub: '' }],
    ['a subject of 65 characters', { sub: 'x'.repeat(65) }],
  ])('refuses a token with %s', async (_case, shape: TokenShape) => {
    expect(await verifyMemberToken(await token(shape), keys)).toEqual({ failure: 'invalid' });
  });

  it('refuses a token signed by another key, a token with alg none and junk', async () => {
    const stranger = await generateKeyPair(TOKEN_ALGORITHM, { crv: 'Ed25519' });
    expect(await verifyMemberToken(await token({ sub: 'm', key: stranger.privateKey }), keys)).toEqual({
      failure: 'invalid',
    });
    const [, body] = (await token({ sub: 'm' })).split('.');
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${body}.`;
    expect(await verifyMemberToken(unsigned, keys)).toEqual({ failure: 'invalid' });
    expect(await verifyMemberToken('not-a-token', keys)).toEqual({ failure: 'invalid' });
  });
});

describe('remoteMemberKeys', () => {
  let server: Server;
  let answer: 'keys' | 'never' = 'keys';
  let base = '';

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (answer === 'never') return; // a forum that hangs
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('verifies against the keys the forum publishes', async () => {
    answer = 'keys';
    const remote = remoteMemberKeys(`${base}/.well-known/jwks.json`);
    expect(await verifyMemberToken(await token({ sub: 'member-2' }), remote)).toMatchObject({
      claims: { sub: 'member-2' },
    });
  });

  it('says "unavailable", not "invalid", when the key set does not come in time', async () => {
    answer = 'never';
    const remote = remoteMemberKeys(`${base}/.well-known/jwks.json`, { timeoutMs: 200 });
    expect(await verifyMemberToken(await token({ sub: 'member-2' }), remote)).toEqual({
      failure: 'unavailable',
    });
  });
});

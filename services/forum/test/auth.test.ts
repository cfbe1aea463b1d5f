import { SignJWT, createRemoteJWKSet, generateKeyPair, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '@stadtnetz/identity';
import { startTestForum, type TestForum } from './forum.js';

let forum: TestForum;
beforeAll(async () => {
  forum = await startTestForum({
    config: { signInLimits: { perAccount: 3, perAddress: 1000, windowSeconds: 60 } },
  });
});
afterAll(() => forum?.close());

const ME = '{ me { id displayName email } }';

describe('registration and sign-in', () => {
  it('registers a member, who can then sign in with e-mail and password', async () => {
    const anna = await forum.register('Anna Müller');
    expect(anna.handle).toBe('anna-mueller');
    const signedIn = await forum.ok(
      'mutation ($email: String!) { signIn(email: $email, password: "ein sicheres Passwort") { token member { id } } }',
      { email: anna.email.toUpperCase() },
    );
    expect(signedIn.signIn.member.id).toBe(anna.id);
    const me = await forum.ok(ME, {}, signedIn.signIn.token);
    expect(me.me).toMatchObject({ id: anna.id, email: anna.email });
  });

  it('gives two members with the same name different handles', async () => {
    const first = await forum.register('Jonas Weber');
    const second = await forum.register('Jonas Weber');
    expect(second.handle).not.toBe(first.handle);
  });

  it('answers a registration with a known address like a new one, and creates no second account', async () => {
    const anna = await forum.register();
    const result = await forum.ok(
      'mutation ($input: RegisterMemberInput!) { registerMember(input: $input) { email mailSent } }',
      {
        input: { email: anna.email, password: 'noch ein Passwort', displayName: 'Anna', sector: 'SONSTIGE' },
      },
    );
    expect(result.registerMember).toEqual({ email: anna.email, mailSent: true });
    const [row] = await forum.server.services.dataSource.query(
      'SELECT count(*) AS n FROM member WHERE lower(email) = $1',
      [anna.email],
    );
    expect(Number(row.n)).toBe(1);
  });

  it('explains bad input field by field, without a stack trace', async () => {
    const result = await forum.gql(
      'mutation ($input: RegisterMemberInput!) { registerMember(input: $input) { email } }',
      { input: { email: 'not-an-address', password: 'kurz', displayName: 'A', sector: 'VERWALTUNG' } },
    );
    const error = result.errors?.[0];
    expect(error?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(error?.extensions?.['field']).toBe('email');
    expect(error?.extensions?.['stacktrace']).toBeUndefined();
    expect(JSON.stringify(result)).not.toMatch(/at .*\.js:\d+/);
  });

  it('refuses a wrong password with UNAUTHENTICATED, and locks the account after repeated failures', async () => {
    const member = await forum.register();
    const attempt = (password: string) =>
      forum.gql(
        'mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }',
        {
          email: member.email,
          password,
        },
      );
    for (let i = 0; i < 3; i++) {
      expect((await attempt('falsches Passwort')).errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    }
    const limited = await attempt('ein sicheres Passwort');
    expect(limited.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited.errors?.[0]?.extensions?.['retryAfter']).toBeGreaterThan(0);
  });

  it('answers an unknown e-mail address exactly like a wrong password', async () => {
    const result = await forum.gql(
      'mutation { signIn(email: "nobody@example.org", password: "whatever it is") { token } }',
    );
    expect(result.errors?.[0]).toMatchObject({
      message: 'E-mail address or password is wrong',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});

describe('tokens', () => {
  it('are EdDSA JWTs that anyone can verify with the published JWKS', async () => {
    const member = await forum.register();
    const jwks = createRemoteJWKSet(new URL(`${forum.url}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(member.token, jwks, {
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
    });
    expect(protectedHeader.alg).toBe('EdDSA');
    expect(payload.sub).toBe(member.id);
    const published = await (await fetch(`${forum.url}/.well-known/jwks.json`)).json();
    expect(JSON.stringify(published)).not.toContain('"d"');
  });

  it('refuses a forged token (signed with another key) with UNAUTHENTICATED', async () => {
    const member = await forum.register();
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const forged = await new SignJWT({ role: 'ADMIN' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject(member.id)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setExpirationTime('1h')
      .sign(privateKey);
    const result = await forum.gql(ME, {}, forged);
    expect(result.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(result.data?.me).toBeUndefined();
  });

  it('refuses an expired token with UNAUTHENTICATED and says it expired', async () => {
    const shortLived = await startTestForum({ config: { tokenTtlSeconds: 1 } });
    try {
      const member = await shortLived.register();
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const result = await shortLived.gql(ME, {}, member.token);
      expect(result.status).toBe(401);
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'expired' });
    } finally {
      await shortLived.close();
    }
  });

  it('refuses a tampered token', async () => {
    const member = await forum.register();
    const [header, payload, signature] = member.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const tampered = Buffer.from(JSON.stringify({ ...claims, role: 'ADMIN' })).toString('base64url');
    const result = await forum.gql(ME, {}, `${header}.${tampered}.${signature}`);
    expect(result.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});

describe('an invalid Authorization header', () => {
  const forgedToken = async (subject: string) => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    return new SignJWT({ role: 'ADMIN' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject(subject)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setExpirationTime('1h')
      .sign(privateKey);
  };

  it.each([
    ['a token that is not a JWT', () => 'Bearer not-a-token', 'invalid'],
    ['a JWT signed with another key', async () => `Bearer ${await forgedToken('x')}`, 'invalid'],
    ['another scheme', () => 'Basic dXNlcjpwYXNzd29yZA==', 'malformed'],
    ['a scheme without a token', () => 'Bearer', 'malformed'],
    ['three parts', () => 'Bearer a b', 'malformed'],
  ])('answers %s with HTTP 401 and UNAUTHENTICATED, with a reason', async (_name, header, reason) => {
    const result = await forum.gql(ME, {}, undefined, { authorization: await header() });
    expect(result.status).toBe(401);
    expect(result.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason });
    expect(result.data).toBeUndefined();
  });

  it('still answers a valid token and no token at all with 200', async () => {
    const member = await forum.register();
    expect((await forum.gql(ME, {}, member.token)).status).toBe(200);
    expect((await forum.gql(ME)).status).toBe(200);
  });
});

describe('privacy', () => {
  it("shows a member's e-mail to that member only", async () => {
    const anna = await forum.register();
    const ben = await forum.register();
    const query = 'query ($id: ID!) { member(id: $id) { displayName email } }';
    expect((await forum.ok(query, { id: anna.id }, anna.token)).member.email).toBe(anna.email);
    expect((await forum.ok(query, { id: anna.id }, ben.token)).member.email).toBeNull();
    expect((await forum.ok(query, { id: anna.id })).member.email).toBeNull();
    const directory = await forum.ok('{ members(first: 100) { nodes { email } } }', {}, ben.token);
    const emails = directory.members.nodes
      .map((node: { email: string | null }) => node.email)
      .filter(Boolean);
    expect(emails).not.toContain(anna.email);
  });
});

import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

/** Stands in for the forum: an Ed25519 key pair and its JWKS on a local port, and a token factory. */
export interface ForumKeys {
  jwksUrl: string;
  sign(options?: {
    sub?: string;
    expiresIn?: string | number;
    audience?: string;
    issuer?: string;
    key?: CryptoKey;
  }): Promise<string>;
  /** A key the CMS has never seen, for forged tokens. */
  foreignKey: CryptoKey;
  /** How often the JWKS was fetched. */
  fetches(): number;
  close(): Promise<void>;
}

export async function startForumKeys(): Promise<ForumKeys> {
  const kid = 'forum-test-key';
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const foreign = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  let fetches = 0;
  const server: Server = createServer((request, response) => {
    if (request.url !== '/.well-known/jwks.json') {
      response.statusCode = 404;
      response.end();
      return;
    }
    fetches += 1;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    foreignKey: foreign.privateKey,
    fetches: () => fetches,
    async sign({
      sub = 'member-1',
      expiresIn = '1h',
      audience = 'stadtnetz',
      issuer = 'stadtnetz-forum',
      key = privateKey,
    } = {}) {
      return new SignJWT({ role: 'member' })
        .setProtectedHeader({ alg: 'EdDSA', kid })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(sub)
        .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
        .setExpirationTime(expiresIn)
        .sign(key);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

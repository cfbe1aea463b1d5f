import {
  TOKEN_ALGORITHM as ALGORITHM,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  verifyMemberToken,
  type MemberClaims,
} from '@stadtnetz/identity';
import {
  SignJWT,
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  importPKCS8,
  type JWK,
  type CryptoKey,
} from 'jose';
import { hkdfSync } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { SigningKey } from './signing-key.entity.js';

export type TokenClaims = MemberClaims;

export interface TokenService {
  sign(claims: Pick<TokenClaims, 'sub' | 'role'>): Promise<string>;
  /** Returns null for a missing token; throws `InvalidTokenError` for a bad one. */
  verify(token: string): Promise<TokenClaims>;
  jwks(): { keys: JWK[] };
  /** A key for `purpose` (signed mail links) derived from the signing key, the same on every replica. */
  deriveKey(purpose: string): Buffer;
}

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
  constructor(public readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'The sign-in has expired; please sign in again' : 'The token is not valid');
  }
}

async function fromConfiguredKey(raw: string): Promise<{ kid: string; privateJwk: JWK }> {
  const key = raw.startsWith('{')
    ? ((await importJWK(JSON.parse(raw) as JWK, ALGORITHM, { extractable: true })) as CryptoKey)
    : await importPKCS8(raw.replace(/\\n/g, '\n'), ALGORITHM, { extractable: true });
  const privateJwk = await exportJWK(key);
  return { kid: await calculateJwkThumbprint(privateJwk), privateJwk };
}

/**
 * Loads the signing key: the configured one, or else the newest key in the database, generating one on the
 * very first start. Keeping it in the database lets every replica sign and verify with the same key.
 */
export async function createTokenService(
  dataSource: DataSource,
  options: { configuredKey?: string; ttlSeconds: number },
): Promise<TokenService> {
  let keys: { kid: string; privateJwk: JWK }[];
  if (options.configuredKey) {
    keys = [await fromConfiguredKey(options.configuredKey)];
  } else {
    // Replicas starting together must agree on one key: generate it under a lock, only if none exists.
    const stored = await dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(4002)');
      const repository = tx.getRepository(SigningKey);
      const existing = await repository.find({ order: { createdAt: 'DESC' } });
      if (existing.length > 0) return existing;
      const { privateKey } = await generateKeyPair(ALGORITHM, { crv: 'Ed25519', extractable: true });
      const privateJwk = await exportJWK(privateKey);
      const kid = await calculateJwkThumbprint(privateJwk);
      await tx.query('INSERT INTO signing_key (kid, private_jwk) VALUES ($1, $2::jsonb)', [
        kid,
        JSON.stringify(privateJwk),
      ]);
      return repository.find({ order: { createdAt: 'DESC' } });
    });
    keys = stored.map((key) => ({ kid: key.kid, privateJwk: key.privateJwk as JWK }));
  }

  const [current] = keys;
  if (!current) throw new Error('No signing key available');
  const signingKey = await importJWK(current.privateJwk, ALGORITHM);
  const publicJwks = keys.map(({ kid, privateJwk }) => {
    const { d: _private, ...publicPart } = privateJwk;
    return { ...publicPart, kid, alg: ALGORITHM, use: 'sig' } as JWK;
  });
  const keySet = createLocalJWKSet({ keys: publicJwks });

  return {
    async sign({ sub, role }) {
      // `iat` has whole seconds; a password reset ends the sessions issued before it to the millisecond.
      return new SignJWT({ role, iat_ms: Date.now() })
        .setProtectedHeader({ alg: ALGORITHM, kid: current.kid, typ: 'JWT' })
        .setSubject(sub)
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${options.ttlSeconds}s`)
        .sign(signingKey);
    },
    async verify(token) {
      const verified = await verifyMemberToken(token, keySet);
      if ('claims' in verified) return verified.claims;
      // The key set is local: it cannot be unavailable.
      throw new InvalidTokenError(verified.failure === 'expired' ? 'expired' : 'invalid');
    },
    jwks: () => ({ keys: publicJwks }),
    deriveKey: (purpose) =>
      Buffer.from(
        hkdfSync('sha256', Buffer.from(current.privateJwk.d ?? '', 'base64url'), TOKEN_ISSUER, purpose, 32),
      ),
  };
}

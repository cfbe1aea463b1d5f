import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';

export type TokenPurpose = 'VERIFY_EMAIL' | 'PASSWORD_RESET' | 'CHANGE_EMAIL';

/** How long each kind of link works. */
export const TOKEN_LIFETIME_SECONDS: Record<TokenPurpose, number> = {
  VERIFY_EMAIL: 48 * 3600,
  PASSWORD_RESET: 3600,
  CHANGE_EMAIL: 48 * 3600,
};

/** Only the SHA-256 of a token is stored: a copy of the database opens no account. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * A new single-use token for a member; earlier unused ones of the same purpose stop working (the newest
 * mail is the one that counts). Returns the token itself, which only the mail carries.
 */
export async function issueToken(
  tx: EntityManager,
  memberId: string,
  purpose: TokenPurpose,
  newEmail: string | null = null,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tx.query(
    `UPDATE email_token SET used_at = now() WHERE member_id = $1 AND purpose = $2 AND used_at IS NULL`,
    [memberId, purpose],
  );
  await tx.query(
    `INSERT INTO email_token (member_id, purpose, token_hash, new_email, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
    [memberId, purpose, hashToken(token), newEmail, TOKEN_LIFETIME_SECONDS[purpose]],
  );
  return token;
}

export type TokenProblem = 'invalid' | 'expired' | 'used';

/**
 * Uses a token once, inside the caller's transaction (the row stays locked until it commits, so two
 * requests with one token cannot both pass). Returns the token's row, or why it does not work.
 */
export async function consumeToken(
  tx: EntityManager,
  token: string,
  purpose: TokenPurpose,
): Promise<{ memberId: string; newEmail: string | null } | { problem: TokenProblem }> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { problem: 'invalid' };
  const [row] = await tx.query(
    `SELECT id, member_id, new_email, used_at, expires_at < now() AS expired
       FROM email_token WHERE token_hash = $1 AND purpose = $2 FOR UPDATE`,
    [hashToken(token), purpose],
  );
  if (!row) return { problem: 'invalid' };
  if (row.used_at) return { problem: 'used' };
  if (row.expired) return { problem: 'expired' };
  await tx.query('UPDATE email_token SET used_at = now() WHERE id = $1', [row.id]);
  return { memberId: row.member_id, newEmail: row.new_email };
}

/** Whether a token would work now, without using it (so that a bad one costs no password hash). */
export async function checkToken(
  tx: EntityManager,
  token: string,
  purpose: TokenPurpose,
): Promise<TokenProblem | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return 'invalid';
  const [row] = await tx.query(
    `SELECT used_at, expires_at < now() AS expired FROM email_token WHERE token_hash = $1 AND purpose = $2`,
    [hashToken(token), purpose],
  );
  if (!row) return 'invalid';
  if (row.used_at) return 'used';
  return row.expired ? 'expired' : null;
}

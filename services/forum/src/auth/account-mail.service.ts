import type { EntityManager } from 'typeorm';
import { badInput, clientError, unauthenticated } from '../common/errors.js';
import type { ForumContext, ForumServices } from '../context.js';
import { enqueueMail } from '../mail/outbox.js';
import { Member } from '../member/member.entity.js';
import { checkToken, consumeToken, issueToken, type TokenProblem } from './email-token.js';

/** Where the links in account mails lead (the website's pages for them). */
export const accountLinks = (websiteUrl: string) => ({
  verify: (token: string) => `${websiteUrl}/e-mail/bestaetigen/${token}`,
  reset: (token: string) => `${websiteUrl}/passwort-vergessen/${token}`,
  changeEmail: (token: string) => `${websiteUrl}/e-mail/neue-adresse/${token}`,
  signIn: `${websiteUrl}/anmelden`,
  forgot: `${websiteUrl}/passwort-vergessen`,
});

const MESSAGES: Record<TokenProblem, string> = {
  invalid: 'This link is not valid',
  expired: 'This link has expired; ask for a new one',
  used: 'This link has been used already',
};

/** A token that does not work: the website shows a clear page for each reason. */
export const tokenRefused = (problem: TokenProblem) =>
  clientError('BAD_USER_INPUT', `token: ${MESSAGES[problem]}`, { field: 'token', reason: problem });

const links = (services: ForumServices) => accountLinks(services.config.mail.websiteUrl);

/** The verification mail for a new (or still unverified) member, in the caller's transaction. */
export async function queueVerificationMail(
  tx: EntityManager,
  services: ForumServices,
  member: Pick<Member, 'id' | 'email' | 'displayName'>,
) {
  const token = await issueToken(tx, member.id, 'VERIFY_EMAIL');
  await enqueueMail(tx, services.mail.outbox, {
    to: member.email,
    memberId: member.id,
    template: 'VERIFY_EMAIL',
    payload: { url: links(services).verify(token) },
    sensitive: true,
  });
}

/** "You already have an account": what a registration with a known address sends instead of saying so. */
export async function queueAccountExistsMail(
  tx: EntityManager,
  services: ForumServices,
  member: Pick<Member, 'id' | 'email'>,
) {
  await enqueueMail(tx, services.mail.outbox, {
    to: member.email,
    memberId: member.id,
    template: 'ACCOUNT_EXISTS',
    payload: { signInUrl: links(services).signIn, resetUrl: links(services).forgot },
  });
}

const memberByEmail = (tx: EntityManager, email: string) =>
  tx
    .getRepository(Member)
    .createQueryBuilder('member')
    .where('lower(member.email) = :email', { email })
    .getOne();

/**
 * Sends a reset link if the address has an account; answers the same either way, so nobody learns which
 * addresses have one. Limited per address and per client.
 */
export async function requestPasswordReset(context: ForumContext, email: string): Promise<boolean> {
  const { dataSource, accountMailLimiter } = context.services;
  const normalized = email.trim().toLowerCase().slice(0, 254);
  if (!normalized.includes('@')) throw badInput('email', 'must be a valid e-mail address');
  await accountMailLimiter.take('reset', normalized, context.clientAddress);
  await dataSource.transaction(async (tx) => {
    const member = await memberByEmail(tx, normalized);
    if (!member) return;
    const token = await issueToken(tx, member.id, 'PASSWORD_RESET');
    await enqueueMail(tx, context.services.mail.outbox, {
      to: member.email,
      memberId: member.id,
      template: 'PASSWORD_RESET',
      payload: { url: links(context.services).reset(token) },
      sensitive: true,
    });
  });
  context.services.mail.worker.wake();
  return true;
}

/**
 * Sets a new password with a reset token (single use, one hour). Every session the member had before ends;
 * the answer is a new one.
 */
export async function resetPassword(context: ForumContext, token: string, newPassword: string) {
  const { dataSource, passwords, tokens } = context.services;
  if (newPassword.length < 10 || newPassword.length > 200) {
    throw badInput('newPassword', 'must be between 10 and 200 characters');
  }
  // A token that cannot work is refused before scrypt runs; the transaction checks it again as it uses it.
  const problem = await checkToken(dataSource.manager, token, 'PASSWORD_RESET');
  if (problem) throw tokenRefused(problem);
  const passwordHash = await passwords.hash(newPassword);
  const member = await dataSource.transaction(async (tx) => {
    const used = await consumeToken(tx, token, 'PASSWORD_RESET');
    if ('problem' in used) throw tokenRefused(used.problem);
    // Opening the link proves the address too.
    await tx.query(
      `UPDATE member SET password_hash = $2, sessions_valid_after = now(),
              email_verified_at = coalesce(email_verified_at, now()) WHERE id = $1`,
      [used.memberId, passwordHash],
    );
    // Other reset links of this member stop working as well.
    await tx.query(
      `UPDATE email_token SET used_at = now() WHERE member_id = $1 AND used_at IS NULL AND purpose = 'PASSWORD_RESET'`,
      [used.memberId],
    );
    return tx.getRepository(Member).findOneByOrFail({ id: used.memberId });
  });
  return { token: await tokens.sign({ sub: member.id, role: member.role }), member };
}

/** Confirms the address with the link of the verification mail, and signs the member in. */
export async function verifyEmail(context: ForumContext, token: string) {
  const { dataSource, tokens } = context.services;
  const member = await dataSource.transaction(async (tx) => {
    const used = await consumeToken(tx, token, 'VERIFY_EMAIL');
    if ('problem' in used) throw tokenRefused(used.problem);
    await tx.query('UPDATE member SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = $1', [
      used.memberId,
    ]);
    return tx.getRepository(Member).findOneByOrFail({ id: used.memberId });
  });
  return { token: await tokens.sign({ sub: member.id, role: member.role }), member };
}

/** A new verification mail for the signed-in member; false if the address is verified already. */
export async function resendVerification(context: ForumContext): Promise<boolean> {
  if (!context.viewer) throw unauthenticated();
  const { dataSource, accountMailLimiter } = context.services;
  const member = await dataSource.getRepository(Member).findOneBy({ id: context.viewer.id });
  if (!member) throw unauthenticated();
  if (member.emailVerifiedAt) return false;
  await accountMailLimiter.take('verify', member.id, context.clientAddress);
  await dataSource.transaction((tx) => queueVerificationMail(tx, context.services, member));
  context.services.mail.worker.wake();
  return true;
}

/**
 * Asks to change the address: the new one gets a link, and only that link changes it. If the new address
 * has an account already, it gets a note instead — the answer is the same, so nobody learns that here.
 */
export async function requestEmailChange(context: ForumContext, newEmail: string, password: string) {
  if (!context.viewer) throw unauthenticated();
  const { dataSource, passwords, accountMailLimiter } = context.services;
  const normalized = newEmail.trim().toLowerCase().slice(0, 254);
  const member = await dataSource
    .getRepository(Member)
    .createQueryBuilder('member')
    .addSelect('member.passwordHash')
    .where('member.id = :id', { id: context.viewer.id })
    .getOne();
  if (!member) throw unauthenticated();
  if (!(await passwords.verify(password.slice(0, 200), member.passwordHash))) {
    throw badInput('password', 'is not your current password');
  }
  await accountMailLimiter.take('verify', member.id, context.clientAddress);
  await dataSource.transaction(async (tx) => {
    const owner = await memberByEmail(tx, normalized);
    if (owner) {
      if (owner.id !== member.id) await queueAccountExistsMail(tx, context.services, owner);
      return;
    }
    const token = await issueToken(tx, member.id, 'CHANGE_EMAIL', normalized);
    await enqueueMail(tx, context.services.mail.outbox, {
      to: normalized,
      memberId: member.id,
      template: 'CHANGE_EMAIL',
      payload: { url: links(context.services).changeEmail(token), newEmail: normalized },
      sensitive: true,
    });
  });
  context.services.mail.worker.wake();
  return true;
}

/** Takes the new address with the link sent to it. */
export async function confirmEmailChange(context: ForumContext, token: string) {
  const { dataSource } = context.services;
  return dataSource.transaction(async (tx) => {
    const used = await consumeToken(tx, token, 'CHANGE_EMAIL');
    if ('problem' in used) throw tokenRefused(used.problem);
    const taken = await memberByEmail(tx, used.newEmail!);
    if (taken && taken.id !== used.memberId) throw tokenRefused('used');
    await tx.query('UPDATE member SET email = $2, email_verified_at = now() WHERE id = $1', [
      used.memberId,
      used.newEmail,
    ]);
    return tx.getRepository(Member).findOneByOrFail({ id: used.memberId });
  });
}

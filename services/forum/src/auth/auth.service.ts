import type { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { clientError } from '../common/errors.js';
import type { ForumContext } from '../context.js';
import { Member, MemberRole } from '../member/member.entity.js';
import type { RegisterMemberInput } from '../member/member.input.js';
import { queueAccountExistsMail, queueVerificationMail } from './account-mail.service.js';

/** A unique, mention-friendly handle derived from the display name: "Anna Müller" → "anna-mueller". */
function handleBase(displayName: string) {
  const base = displayName
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32);
  return base.length >= 2 ? base : 'mitglied';
}

const isUniqueViolation = (error: unknown, constraint: string) =>
  error instanceof QueryFailedError &&
  (error.driverError as { code?: string; constraint?: string })?.code === '23505' &&
  ((error.driverError as { constraint?: string }).constraint ?? String(error.message)).includes(constraint);

/** Errors after which nothing was decided, so the attempt is given back to the limit. */
const undecided = (error: unknown) => {
  const code = (error as GraphQLError | undefined)?.extensions?.['code'];
  const reason = (error as GraphQLError | undefined)?.extensions?.['reason'];
  return code === 'UPSTREAM_UNAVAILABLE' || (code === 'RATE_LIMITED' && reason === 'busy');
};

export const normalizeEmail = (email: string) => email.trim().toLowerCase().slice(0, 254);

/**
 * Creates an account and sends the verification mail. A known address gets "you already have an account"
 * instead, and the answer is the same: the form tells nobody which addresses have accounts. The work is
 * ordered by cost: the limit per address, then the CMS references, and only then scrypt (128 MiB, bounded by
 * the hashing queue; a known address is checked against a dummy hash so that both take as long).
 */
export async function registerMember(context: ForumContext, input: RegisterMemberInput) {
  const { dataSource, config, passwords, registrationLimiter, cmsReferences, mail } = context.services;
  const attempt = await registrationLimiter.begin(context.clientAddress);
  const email = normalizeEmail(input.email);
  const answer = { email, mailSent: true };
  try {
    const members = dataSource.getRepository(Member);
    const cityId = input.cityId || null;
    const interestIds = [...new Set(input.interests ?? [])];
    await cmsReferences.requirePublished([
      { field: 'cityId', type: 'City', documentIds: cityId ? [cityId] : [] },
      { field: 'interests', type: 'ActionField', documentIds: interestIds },
    ]);
    const accountExists = async () => {
      const existing = await members
        .createQueryBuilder('member')
        .where('lower(member.email) = :email', { email })
        .getOne();
      if (!existing) return false;
      await dataSource.transaction((tx) => queueAccountExistsMail(tx, context.services, existing));
      mail.worker.wake();
      return true;
    };
    if (await members.exists({ where: { email } })) {
      await passwords.verifyAgainstDummy(input.password);
      if (await accountExists()) return answer;
    }
    const passwordHash = await passwords.hash(input.password);
    const displayName = input.displayName.trim();
    const base = handleBase(displayName);

    for (let attemptNumber = 0; ; attemptNumber++) {
      const handle = attemptNumber === 0 ? base : `${base}-${attemptNumber + 1}`;
      try {
        await dataSource.transaction(async (tx) => {
          const repository = tx.getRepository(Member);
          const member = repository.create({
            email,
            passwordHash,
            displayName,
            handle,
            sector: input.sector,
            organisation: input.organisation?.trim() || null,
            cityId,
            interestIds,
            locale: input.locale ?? 'de',
            role: config.adminEmails.has(email) ? MemberRole.ADMIN : MemberRole.MEMBER,
          });
          await repository.insert(member);
          await queueVerificationMail(tx, context.services, member);
        });
        mail.worker.wake();
        return answer;
      } catch (error) {
        // Two registrations with one address at the same moment: the second one mails the owner.
        if (isUniqueViolation(error, 'member_email_key') && (await accountExists())) return answer;
        if (isUniqueViolation(error, 'member_handle_key') && attemptNumber < 50) continue;
        throw error;
      }
    }
  } catch (error) {
    if (undecided(error)) await attempt.abandon();
    throw error;
  }
}

/**
 * Checks e-mail and password. The attempt is taken from the limits before the password is checked (so
 * parallel guesses cannot all pass a check-then-record limit) and given back only if it was never checked.
 */
export async function signIn(context: ForumContext, email: string, password: string) {
  const { dataSource, tokens, signInLimiter, passwords } = context.services;
  const normalized = normalizeEmail(email);
  const attempt = await signInLimiter.begin(normalized, context.clientAddress);
  let member: Member | null;
  let valid: boolean;
  try {
    member = await dataSource
      .getRepository(Member)
      .createQueryBuilder('member')
      .addSelect('member.passwordHash')
      .where('lower(member.email) = :email', { email: normalized })
      .getOne();
    valid = member
      ? await passwords.verify(password.slice(0, 200), member.passwordHash)
      : await passwords.verifyAgainstDummy(password.slice(0, 200));
  } catch (error) {
    await attempt.abandon();
    throw error;
  }
  if (!member || !valid) {
    throw clientError('UNAUTHENTICATED', 'E-mail address or password is wrong', { reason: 'credentials' });
  }
  await attempt.succeeded();
  const { passwordHash: _hash, ...withoutHash } = member;
  return { token: await tokens.sign({ sub: member.id, role: member.role }), member: withoutHash };
}

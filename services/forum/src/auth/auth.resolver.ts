import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { QueryFailedError } from 'typeorm';
import { clientError } from '../common/errors.js';
import type { ForumContext } from '../context.js';
import { Member, MemberRole } from '../member/member.entity.js';
import { RegisterMemberInput } from '../member/member.input.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password.js';

@ObjectType({ description: 'A signed-in session: send the token as `Authorization: Bearer <token>`' })
export class AuthPayload {
  @Field({ description: 'A JWT signed by the forum (EdDSA); its public keys are at /.well-known/jwks.json' })
  token: string;

  @Field(() => Member)
  member: Member;
}

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

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, { description: 'Creates a member account and signs it in' })
  async registerMember(@Arg('input') input: RegisterMemberInput, @Ctx() context: ForumContext) {
    const { dataSource, tokens, config } = context.services;
    const email = input.email.trim().toLowerCase();
    const passwordHash = await hashPassword(input.password, config.passwordHashCost);
    const displayName = input.displayName.trim();
    const base = handleBase(displayName);
    const members = dataSource.getRepository(Member);

    for (let attempt = 0; ; attempt++) {
      const handle = attempt === 0 ? base : `${base}-${attempt + 1}`;
      try {
        const member = members.create({
          email,
          passwordHash,
          displayName,
          handle,
          sector: input.sector,
          organisation: input.organisation?.trim() || null,
          cityId: input.cityId || null,
          interestIds: [...new Set(input.interests ?? [])],
          role: config.adminEmails.has(email) ? MemberRole.ADMIN : MemberRole.MEMBER,
        });
        await members.insert(member);
        const saved = await members.findOneByOrFail({ id: member.id });
        return { token: await tokens.sign({ sub: saved.id, role: saved.role }), member: saved };
      } catch (error) {
        if (isUniqueViolation(error, 'member_email_key')) {
          throw clientError('BAD_USER_INPUT', 'email: an account with this e-mail address exists already', {
            field: 'email',
            reason: 'taken',
          });
        }
        if (isUniqueViolation(error, 'member_handle_key') && attempt < 50) continue;
        throw error;
      }
    }
  }

  @Mutation(() => AuthPayload)
  async signIn(@Arg('email') email: string, @Arg('password') password: string, @Ctx() context: ForumContext) {
    const { dataSource, tokens, signInLimiter, config } = context.services;
    const normalized = email.trim().toLowerCase().slice(0, 254);
    await signInLimiter.check(normalized, context.clientAddress);
    const member = await dataSource
      .getRepository(Member)
      .createQueryBuilder('member')
      .addSelect('member.passwordHash')
      .where('lower(member.email) = :email', { email: normalized })
      .getOne();
    const valid = member
      ? await verifyPassword(password.slice(0, 200), member.passwordHash)
      : await verifyAgainstDummy(password.slice(0, 200), config.passwordHashCost);
    if (!member || !valid) {
      await signInLimiter.recordFailure(normalized, context.clientAddress);
      throw clientError('UNAUTHENTICATED', 'E-mail address or password is wrong', { reason: 'credentials' });
    }
    await signInLimiter.recordSuccess(normalized);
    const { passwordHash: _hash, ...withoutHash } = member;
    return { token: await tokens.sign({ sub: member.id, role: member.role }), member: withoutHash };
  }
}

import { IsEmail, Length, MaxLength } from 'class-validator';
import { Arg, Ctx, Field, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { ForumContext } from '../context.js';
import { Member } from '../member/member.entity.js';
import { RegisterMemberInput } from '../member/member.input.js';
import {
  confirmEmailChange,
  requestEmailChange,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  verifyEmail,
} from './account-mail.service.js';
import { registerMember, signIn } from './auth.service.js';

@ObjectType({ description: 'A signed-in session: send the token as `Authorization: Bearer <token>`' })
export class AuthPayload {
  @Field({ description: 'A JWT signed by the forum (EdDSA); its public keys are at /.well-known/jwks.json' })
  token: string;

  @Field(() => Member, { description: 'The signed-in member' })
  member: Member;
}

@ObjectType({
  description:
    'A registration was received: the address gets a mail (the link to confirm it, or, if it has an account already, a note saying so). The answer is the same either way.',
})
export class Registration {
  @Field()
  email: string;

  @Field({ description: 'Always true: look in the mailbox' })
  mailSent: boolean;
}

@InputType()
export class ChangeEmailInput {
  @Field()
  @IsEmail({}, { message: 'must be a valid e-mail address' })
  @MaxLength(254)
  newEmail: string;

  @Field({ description: 'The current password, to prove it is the member' })
  @Length(1, 200)
  password: string;
}

@Resolver()
export class AuthResolver {
  @Mutation(() => Registration, {
    description:
      'Creates a member account and mails the link that confirms the address. Sign in with signIn; until the address is confirmed, the member reads but does not post or write messages.',
  })
  registerMember(
    @Arg('input', { description: 'The new member’s details' }) input: RegisterMemberInput,
    @Ctx() context: ForumContext,
  ) {
    return registerMember(context, input);
  }

  @Mutation(() => AuthPayload, { description: 'Signs in: a token to send as Authorization: Bearer …' })
  signIn(
    @Arg('email', { description: 'The e-mail address registered' }) email: string,
    @Arg('password', { description: 'The password' }) password: string,
    @Ctx() context: ForumContext,
  ) {
    return signIn(context, email, password);
  }

  @Mutation(() => AuthPayload, {
    description: 'Confirms the address with the token of the verification mail, and signs the member in',
  })
  verifyEmail(@Arg('token') token: string, @Ctx() context: ForumContext) {
    return verifyEmail(context, token);
  }

  @Mutation(() => Boolean, {
    description: 'Sends the verification mail again to the signed-in member; false if already confirmed',
  })
  resendVerification(@Ctx() context: ForumContext) {
    return resendVerification(context);
  }

  @Mutation(() => Boolean, {
    description:
      'Mails a link to choose a new password, if the address has an account. Always true: the answer does not tell whether it has one.',
  })
  requestPasswordReset(@Arg('email') email: string, @Ctx() context: ForumContext) {
    return requestPasswordReset(context, email);
  }

  @Mutation(() => AuthPayload, {
    description:
      'Sets a new password with the token of the reset mail (valid one hour, once). Every earlier session ends; the answer is a new one.',
  })
  resetPassword(
    @Arg('token') token: string,
    @Arg('newPassword') newPassword: string,
    @Ctx() context: ForumContext,
  ) {
    return resetPassword(context, token, newPassword);
  }

  @Mutation(() => Boolean, {
    description: 'Asks to change the address: a link goes to the new one, and only that link changes it',
  })
  changeEmail(@Arg('input') input: ChangeEmailInput, @Ctx() context: ForumContext) {
    return requestEmailChange(context, input.newEmail, input.password);
  }

  @Mutation(() => Member, { description: 'Takes the new address with the token mailed to it' })
  confirmEmailChange(@Arg('token') token: string, @Ctx() context: ForumContext) {
    return confirmEmailChange(context, token);
  }
}

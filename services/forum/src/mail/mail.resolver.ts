import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { badInput } from '../common/errors.js';
import type { ForumContext } from '../context.js';
import { NotificationSettingKind } from '../notification/notification-settings.js';
import { applyUnsubscribe } from './unsubscribe.js';

@ObjectType({ description: 'What a one-click unsubscribe turned off' })
export class UnsubscribeResult {
  @Field(() => [NotificationSettingKind], { description: 'The kinds of notification now sent never' })
  kinds: NotificationSettingKind[];
}

@Resolver()
export class MailResolver {
  @Mutation(() => UnsubscribeResult, {
    description:
      'Turns off the mails named by the signed token of an unsubscribe link (RFC 8058 one-click); needs no sign-in',
  })
  async unsubscribe(@Arg('token') token: string, @Ctx() context: ForumContext) {
    const kinds = await applyUnsubscribe(context.services.dataSource, context.services.mail.signer, token);
    if (!kinds) throw badInput('token', 'is not a valid unsubscribe link');
    return { kinds };
  }
}

import { ArrayMaxSize, IsEnum, ValidateNested } from 'class-validator';
import { Arg, Ctx, Field, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { requireViewer, type ForumContext } from '../context.js';
import { DEFAULT_FREQUENCY, MailFrequency, NotificationSettingKind } from './notification-settings.js';

@ObjectType({ description: 'How often a kind of notification comes by mail' })
export class NotificationSetting {
  @Field(() => NotificationSettingKind)
  kind: NotificationSettingKind;

  @Field(() => MailFrequency)
  frequency: MailFrequency;
}

@InputType()
export class NotificationSettingInput {
  @Field(() => NotificationSettingKind)
  @IsEnum(NotificationSettingKind)
  kind: NotificationSettingKind;

  @Field(() => MailFrequency)
  @IsEnum(MailFrequency)
  frequency: MailFrequency;
}

@InputType()
export class UpdateNotificationSettingsInput {
  @Field(() => [NotificationSettingInput], {
    description: 'The kinds to change; the others stay as they are',
  })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  settings: NotificationSettingInput[];
}

async function settingsOf(context: ForumContext, memberId: string): Promise<NotificationSetting[]> {
  const rows: { kind: NotificationSettingKind; frequency: MailFrequency }[] =
    await context.services.dataSource.query(
      'SELECT kind, frequency FROM notification_setting WHERE member_id = $1',
      [memberId],
    );
  const chosen = new Map(rows.map((row) => [row.kind, row.frequency]));
  return Object.values(NotificationSettingKind).map((kind) => ({
    kind,
    frequency: chosen.get(kind) ?? DEFAULT_FREQUENCY,
  }));
}

@Resolver()
export class NotificationSettingsResolver {
  @Query(() => [NotificationSetting], {
    description: "The signed-in member's mail settings, one per kind (default: weekly digest)",
  })
  notificationSettings(@Ctx() context: ForumContext) {
    return settingsOf(context, requireViewer(context).id);
  }

  @Mutation(() => [NotificationSetting])
  async updateNotificationSettings(
    @Arg('input') input: UpdateNotificationSettingsInput,
    @Ctx() context: ForumContext,
  ) {
    const viewer = requireViewer(context);
    if (input.settings.length > 0) {
      await context.services.dataSource.query(
        `INSERT INTO notification_setting (member_id, kind, frequency)
         SELECT $1, s.kind, s.frequency FROM unnest($2::text[], $3::text[]) AS s(kind, frequency)
         ON CONFLICT (member_id, kind) DO UPDATE SET frequency = excluded.frequency`,
        [viewer.id, input.settings.map((s) => s.kind), input.settings.map((s) => s.frequency)],
      );
    }
    return settingsOf(context, viewer.id);
  }
}

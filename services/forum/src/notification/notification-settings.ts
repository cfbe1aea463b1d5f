import { registerEnumType } from 'type-graphql';
import { NotificationKind } from './notification.entity.js';

/** What a member sets how often to hear of by mail. */
export enum NotificationSettingKind {
  /** Answers to my posts (and my post marked as the solution). */
  REPLY = 'REPLY',
  MENTION = 'MENTION',
  DIRECT_MESSAGE = 'DIRECT_MESSAGE',
  /** New posts in threads I follow (my own threads included). */
  FOLLOWED_THREAD = 'FOLLOWED_THREAD',
  /** New threads, projects and workshops in the categories, cities, fields of action and projects I follow. */
  FOLLOWED_CONTENT = 'FOLLOWED_CONTENT',
}
registerEnumType(NotificationSettingKind, {
  name: 'NotificationSettingKind',
  description: 'The kinds of notification a member sets a mail frequency for',
});

export enum MailFrequency {
  /** A mail within a few minutes (what happens in those minutes is collected into one). */
  IMMEDIATELY = 'IMMEDIATELY',
  DAILY = 'DAILY',
  WEEKLY = 'WEEKLY',
  NEVER = 'NEVER',
}
registerEnumType(MailFrequency, {
  name: 'MailFrequency',
  description:
    'How often notifications of a kind come by mail: immediately, in the daily or weekly digest, never',
});

export const DEFAULT_FREQUENCY = MailFrequency.WEEKLY;

export const SETTING_OF: Record<NotificationKind, NotificationSettingKind> = {
  [NotificationKind.REPLY]: NotificationSettingKind.REPLY,
  [NotificationKind.SOLUTION]: NotificationSettingKind.REPLY,
  [NotificationKind.MENTION]: NotificationSettingKind.MENTION,
  [NotificationKind.DIRECT_MESSAGE]: NotificationSettingKind.DIRECT_MESSAGE,
  [NotificationKind.THREAD_POST]: NotificationSettingKind.FOLLOWED_THREAD,
  [NotificationKind.CATEGORY_THREAD]: NotificationSettingKind.FOLLOWED_CONTENT,
  [NotificationKind.PROJECT_THREAD]: NotificationSettingKind.FOLLOWED_CONTENT,
  [NotificationKind.NEW_PROJECT]: NotificationSettingKind.FOLLOWED_CONTENT,
  [NotificationKind.NEW_WORKSHOP]: NotificationSettingKind.FOLLOWED_CONTENT,
};

/** The notification kinds a setting kind covers (SQL filters use them). */
export const KINDS_OF = (setting: NotificationSettingKind) =>
  (Object.keys(SETTING_OF) as NotificationKind[]).filter((kind) => SETTING_OF[kind] === setting);

/** A SQL expression: the frequency member `memberColumn` chose for notification kind `kindColumn`. */
export const frequencySql = (memberColumn: string, kindColumn: string) => `coalesce(
  (SELECT s.frequency FROM notification_setting s WHERE s.member_id = ${memberColumn}
     AND s.kind = CASE ${kindColumn} ${Object.entries(SETTING_OF)
       .map(([kind, setting]) => `WHEN '${kind}' THEN '${setting}'`)
       .join(' ')} END),
  '${DEFAULT_FREQUENCY}')`;

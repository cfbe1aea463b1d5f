import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum Sector {
  VERWALTUNG = 'VERWALTUNG',
  WISSENSCHAFT = 'WISSENSCHAFT',
  SOZIALWESEN = 'SOZIALWESEN',
  WOHNUNGSWIRTSCHAFT = 'WOHNUNGSWIRTSCHAFT',
  PROJEKTPRAXIS = 'PROJEKTPRAXIS',
  SONSTIGE = 'SONSTIGE',
}
registerEnumType(Sector, {
  name: 'Sector',
  description: 'The field a member works in (Verwaltung, Wissenschaft, Sozialwesen, …)',
});

export enum MemberRole {
  MEMBER = 'MEMBER',
  MODERATOR = 'MODERATOR',
  ADMIN = 'ADMIN',
}
registerEnumType(MemberRole, { name: 'MemberRole' });

export const isModerator = (member: Pick<Member, 'role'> | null | undefined) =>
  member?.role === MemberRole.MODERATOR || member?.role === MemberRole.ADMIN;

@Entity()
@ObjectType({ description: 'A member of the network. Contact data stay private.' })
@Directive('@key(fields: "id")')
export class Member {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'The member’s id' })
  id: string;

  /** Private: resolved only for the member themself (see MemberResolver.email). */
  @Column()
  email: string;

  @Column({ select: false })
  passwordHash: string;

  @Column()
  @Field({ description: 'The name shown to others' })
  displayName: string;

  @Column()
  @Field({ description: 'Unique name used for @mentions' })
  handle: string;

  @Column({ type: 'text' })
  @Field(() => Sector, { description: 'The sector the member works in' })
  sector: Sector;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The organisation the member works for' })
  organisation: string | null;

  /** A CMS City documentId. */
  @Column({ type: 'text', nullable: true })
  @Field(() => ID, { nullable: true, description: 'documentId of the CMS city' })
  cityId: string | null;

  @Column({ type: 'text', default: '' })
  @Field({ description: 'About the member, in their words (plain text)' })
  bio: string;

  /** CMS ActionField documentIds. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  @Field(() => [ID], { description: 'documentIds of the CMS fields of action the member works on' })
  interestIds: string[];

  @Column({ type: 'text', default: MemberRole.MEMBER })
  @Field(() => MemberRole, { description: 'member, moderator or admin' })
  role: MemberRole;

  @CreateDateColumn({ type: 'timestamptz' })
  @Field({ description: 'When the member registered' })
  createdAt: Date;

  /** Null until the member opened the link of the verification mail; unverified members cannot write. */
  @Column({ type: 'timestamptz', nullable: true })
  emailVerifiedAt: Date | null;

  /** The language of the member's mails. */
  @Column({ type: 'text', default: 'de' })
  locale: 'de' | 'en';

  /** Sessions (tokens) issued before this moment are refused: set by a password reset. */
  @Column({ type: 'timestamptz', nullable: true, select: false })
  sessionsValidAfter: Date | null;

  @Column({ type: 'timestamptz', nullable: true, select: false })
  lastSeenAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true, select: false })
  lastDailyDigestAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true, select: false })
  lastWeeklyDigestAt: Date | null;
}

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
  @Field(() => ID)
  id: string;

  /** Private: resolved only for the member themself (see MemberResolver.email). */
  @Column()
  email: string;

  @Column({ select: false })
  passwordHash: string;

  @Column()
  @Field()
  displayName: string;

  @Column()
  @Field({ description: 'Unique name used for @mentions' })
  handle: string;

  @Column({ type: 'text' })
  @Field(() => Sector)
  sector: Sector;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  organisation: string | null;

  /** A CMS City documentId. */
  @Column({ type: 'text', nullable: true })
  @Field(() => ID, { nullable: true, description: 'documentId of the CMS city' })
  cityId: string | null;

  @Column({ type: 'text', default: '' })
  @Field()
  bio: string;

  /** CMS ActionField documentIds. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  @Field(() => [ID], { description: 'documentIds of the CMS fields of action the member works on' })
  interestIds: string[];

  @Column({ type: 'text', default: MemberRole.MEMBER })
  @Field(() => MemberRole)
  role: MemberRole;

  @CreateDateColumn({ type: 'timestamptz' })
  @Field()
  createdAt: Date;
}

import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum NotificationKind {
  /** Someone answered a post of yours. */
  REPLY = 'REPLY',
  /** Someone mentioned you with @handle. */
  MENTION = 'MENTION',
  /** A new post in a thread you follow. */
  THREAD_POST = 'THREAD_POST',
  /** A new thread in a category you follow. */
  CATEGORY_THREAD = 'CATEGORY_THREAD',
  /** Your post was marked as the solution. */
  SOLUTION = 'SOLUTION',
  /** A direct message to you. */
  DIRECT_MESSAGE = 'DIRECT_MESSAGE',
  /** A project was published in a city or field of action you follow. */
  NEW_PROJECT = 'NEW_PROJECT',
  /** A workshop was announced in a city or field of action you follow. */
  NEW_WORKSHOP = 'NEW_WORKSHOP',
  /** A new discussion about a project you follow. */
  PROJECT_THREAD = 'PROJECT_THREAD',
}
registerEnumType(NotificationKind, { name: 'NotificationKind' });

@Entity()
@ObjectType({ description: 'Something a member should know about; visible to that member only' })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'The notification’s id' })
  id: string;

  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column('uuid')
  memberId: string;

  @Column('text')
  @Field(() => NotificationKind, { description: 'What happened' })
  kind: NotificationKind;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'uuid', nullable: true })
  threadId: string | null;

  @Column({ type: 'uuid', nullable: true })
  postId: string | null;

  /** The CMS document it is about (NEW_PROJECT, NEW_WORKSHOP): its type and documentId. */
  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Project or Workshop, for news from the CMS' })
  cmsType: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => ID, { nullable: true, description: 'documentId of the CMS document it is about' })
  cmsDocumentId: string | null;

  /** DIRECT_MESSAGE: the conversation (visible to its participants only). */
  @Column({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The conversation of a direct message' })
  conversationId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the member read it (null: unread)' })
  readAt: Date | null;

  /** When it went out by mail (alone or in a digest); null: not yet, or never by the member's settings. */
  @Column({ type: 'timestamptz', nullable: true })
  mailedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  @Field({ description: 'When it happened' })
  createdAt: Date;
}

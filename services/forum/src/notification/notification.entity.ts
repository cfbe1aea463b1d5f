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
}
registerEnumType(NotificationKind, { name: 'NotificationKind' });

@Entity()
@ObjectType({ description: 'Something a member should know about; visible to that member only' })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column('uuid')
  memberId: string;

  @Column('text')
  @Field(() => NotificationKind)
  kind: NotificationKind;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'uuid', nullable: true })
  threadId: string | null;

  @Column({ type: 'uuid', nullable: true })
  postId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  @Field()
  createdAt: Date;
}

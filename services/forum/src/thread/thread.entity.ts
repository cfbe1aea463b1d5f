import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
@ObjectType({
  description: 'A discussion: a question, a tip or a debate, possibly about a project or workshop',
})
@Directive('@key(fields: "id")')
export class Thread {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'The thread’s id' })
  id: string;

  @Column('uuid')
  categoryId: string;

  @Column('uuid')
  authorId: string;

  @Column()
  @Field({ description: 'The thread’s title' })
  title: string;

  /** CMS Project documentId. */
  @Column({ type: 'text', nullable: true })
  projectId: string | null;

  /** CMS Workshop documentId. */
  @Column({ type: 'text', nullable: true })
  workshopId: string | null;

  /** CMS ActionField documentIds. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  actionFieldIds: string[];

  @Column({ default: false })
  @Field({ description: 'Pinned threads come first in their category' })
  pinned: boolean;

  @Column({ default: false })
  @Field({ description: 'A locked thread takes no new posts' })
  locked: boolean;

  @Column({ default: false })
  @Field({ description: 'Hidden by a moderator; only moderators still see it' })
  hidden: boolean;

  @Column({ type: 'uuid', nullable: true })
  solutionPostId: string | null;

  @Column({ type: 'uuid', nullable: true })
  lastPostId: string | null;

  @Column({ type: 'int', default: 0 })
  @Field(() => Int, { description: 'Posts including the opening post' })
  postCount: number;

  @Column({ type: 'timestamptz', precision: 3 })
  @Field({ description: 'When the last post was written (or the thread opened)' })
  lastActivityAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  @Field({ description: 'When the thread was opened' })
  createdAt: Date;
}

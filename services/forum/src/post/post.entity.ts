import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
@ObjectType({ description: 'A contribution to a thread, written in Markdown' })
@Directive('@key(fields: "id")')
export class Post {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'The post’s id' })
  id: string;

  /** Position in the order written, across all threads; the basis of cursors (bigint, as a string). */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column('uuid')
  threadId: string;

  @Column('uuid')
  authorId: string;

  @Column({ type: 'uuid', nullable: true })
  replyToId: string | null;

  /** As written (Markdown); hidden from readers once the post is deleted or hidden. */
  @Column('text')
  body: string;

  /** `body` rendered once at write time to sanitized HTML. */
  @Column('text')
  bodyHtml: string;

  @CreateDateColumn({ type: 'timestamptz' })
  @Field({ description: 'When it was written' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When its author last edited it (null: never)' })
  editedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  hiddenAt: Date | null;

  /** The id of the form that sent it (see AddPostInput.clientId): the same form twice writes one post. */
  @Column({ type: 'text', nullable: true })
  clientId: string | null;
}

import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
@ObjectType({
  description: 'Direct messages between members ("Kontakt aufnehmen"); only participants read them',
})
export class Conversation {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'The conversation’s id' })
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  @Field({ description: 'When it was started' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  @Field({ description: 'When the last message was written' })
  lastMessageAt: Date;
}

@Entity()
export class ConversationParticipant {
  @PrimaryColumn('uuid')
  conversationId: string;

  @PrimaryColumn('uuid')
  memberId: string;

  @Column({ type: 'timestamptz', nullable: true })
  lastReadAt: Date | null;
}

@Entity()
@ObjectType()
export class Message {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'The message’s id' })
  id: string;

  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column('uuid')
  @Field(() => ID, { description: 'The conversation it belongs to' })
  conversationId: string;

  @Column('uuid')
  authorId: string;

  @Column('text')
  @Field({ description: 'As written (Markdown)' })
  body: string;

  @Column('text')
  @Field({ description: 'Sanitized HTML rendered from body' })
  bodyHtml: string;

  @CreateDateColumn({ type: 'timestamptz' })
  @Field({ description: 'When it was written' })
  createdAt: Date;

  /** The id of the form that sent it (see SendMessageInput.clientId): the same form twice writes one message. */
  @Column({ type: 'text', nullable: true })
  clientId: string | null;
}

import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
@ObjectType({
  description: 'Direct messages between members ("Kontakt aufnehmen"); only participants read them',
})
export class Conversation {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  @Field()
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  @Field()
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
  @Field(() => ID)
  id: string;

  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column('uuid')
  @Field(() => ID)
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
  @Field()
  createdAt: Date;
}

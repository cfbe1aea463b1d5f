import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
@ObjectType({ description: 'A member reported a post to the moderators' })
export class Flag {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'The flag’s id' })
  id: string;

  @Column('uuid')
  postId: string;

  @Column('uuid')
  reporterId: string;

  @Column('text')
  @Field({ description: 'Why the post was reported' })
  reason: string;

  @CreateDateColumn({ type: 'timestamptz' })
  @Field({ description: 'When it was reported' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When a moderator dealt with it (null: open)' })
  resolvedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  resolvedById: string | null;
}

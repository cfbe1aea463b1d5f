import { registerEnumType } from 'type-graphql';
import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export enum ReactionKind {
  LIKE = 'LIKE',
  THANKS = 'THANKS',
  HELPFUL = 'HELPFUL',
  INSIGHTFUL = 'INSIGHTFUL',
}
registerEnumType(ReactionKind, { name: 'ReactionKind' });

@Entity()
export class Reaction {
  @PrimaryColumn('uuid')
  postId: string;

  @PrimaryColumn('uuid')
  memberId: string;

  @PrimaryColumn('text')
  kind: ReactionKind;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

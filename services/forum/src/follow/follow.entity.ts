import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Forum threads and categories by uuid; CMS cities, fields of action and projects by documentId. */
export enum FollowTarget {
  THREAD = 'THREAD',
  CATEGORY = 'CATEGORY',
  CITY = 'CITY',
  ACTION_FIELD = 'ACTION_FIELD',
  PROJECT = 'PROJECT',
}
registerEnumType(FollowTarget, { name: 'FollowTarget', description: 'What a member can follow' });

@Entity()
@ObjectType({ description: 'Something a member follows: its news reach them live and by mail' })
export class Follow {
  @PrimaryColumn('uuid')
  memberId: string;

  @PrimaryColumn('text')
  @Field(() => FollowTarget)
  targetType: FollowTarget;

  @PrimaryColumn('text')
  @Field(() => ID, { description: 'The thread or category id, or the CMS documentId' })
  targetId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  @Field()
  createdAt: Date;
}

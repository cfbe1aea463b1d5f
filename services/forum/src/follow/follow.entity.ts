import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type FollowTarget = 'THREAD' | 'CATEGORY';

@Entity()
export class Follow {
  @PrimaryColumn('uuid')
  memberId: string;

  @PrimaryColumn('text')
  targetType: FollowTarget;

  @PrimaryColumn('uuid')
  targetId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The forum's token signing keys, shared by every replica through the database. */
@Entity()
export class SigningKey {
  @PrimaryColumn('text')
  kid: string;

  @Column('jsonb')
  privateJwk: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
@ObjectType({ description: 'A forum area, such as "Wohnen und Quartier"' })
export class Category {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column()
  @Field()
  slug: string;

  @Column()
  @Field()
  name: string;

  @Column({ type: 'text', default: '' })
  @Field()
  description: string;

  @Column({ type: 'int', default: 0 })
  @Field(() => Int)
  position: number;
}

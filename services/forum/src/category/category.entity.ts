import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
@ObjectType({ description: 'A forum area, such as "Wohnen und Quartier"' })
export class Category {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'The category’s id' })
  id: string;

  @Column()
  @Field({ description: 'Short name in the website’s addresses' })
  slug: string;

  @Column()
  @Field({ description: 'The category’s name' })
  name: string;

  @Column({ type: 'text', default: '' })
  @Field({ description: 'What is discussed here' })
  description: string;

  @Column({ type: 'int', default: 0 })
  @Field(() => Int, { description: 'Its place in the list' })
  position: number;
}

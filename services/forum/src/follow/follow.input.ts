import { IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DOCUMENT_ID } from '../federation/cms-references.js';

@InputType({
  description:
    'Exactly one of: a city, a field of action, a project (CMS documentIds), a thread or a category',
})
export class FollowInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Matches(DOCUMENT_ID, { message: 'must be a CMS documentId' })
  cityId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Matches(DOCUMENT_ID, { message: 'must be a CMS documentId' })
  actionFieldId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Matches(DOCUMENT_ID, { message: 'must be a CMS documentId' })
  projectId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  threadId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  categoryId?: string | null;
}

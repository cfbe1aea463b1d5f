import { IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

export const MAX_BODY = 20_000;
export const MAX_TITLE = 200;

@InputType()
export class AddPostInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a thread id' })
  threadId: string;

  @Field({ description: 'Markdown, up to 20,000 characters' })
  @Length(1, MAX_BODY, { message: `must be between 1 and ${MAX_BODY} characters` })
  body: string;

  @Field(() => ID, { nullable: true, description: 'The post this one answers' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a post id' })
  replyToId?: string | null;
}

@InputType()
export class EditPostInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a post id' })
  postId: string;

  @Field()
  @Length(1, MAX_BODY, { message: `must be between 1 and ${MAX_BODY} characters` })
  body: string;
}

@InputType()
export class CreateThreadInput {
  @Field({ description: 'Up to 200 characters' })
  @Length(3, MAX_TITLE, { message: `must be between 3 and ${MAX_TITLE} characters` })
  title: string;

  @Field({ description: 'The opening post, Markdown' })
  @Length(1, MAX_BODY, { message: `must be between 1 and ${MAX_BODY} characters` })
  body: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be a category id' })
  categoryId: string;

  @Field(() => ID, { nullable: true, description: 'documentId of the CMS project this thread is about' })
  @IsOptional()
  @MaxLength(64)
  projectId?: string | null;

  @Field(() => ID, { nullable: true, description: 'documentId of the CMS workshop this thread is about' })
  @IsOptional()
  @MaxLength(64)
  workshopId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'documentIds of CMS fields of action' })
  @IsOptional()
  @MaxLength(64, { each: true })
  actionFieldIds?: string[] | null;
}

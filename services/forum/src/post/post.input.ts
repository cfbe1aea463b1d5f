import { ArrayMaxSize, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DOCUMENT_ID } from '../federation/cms-references.js';

export const MAX_BODY = 20_000;
export const MAX_TITLE = 200;
export const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

@InputType()
export class AddPostInput {
  @Field(() => ID, { description: 'The thread to reply in' })
  @IsUUID('all', { message: 'must be a thread id' })
  threadId: string;

  @Field({ description: 'Markdown, up to 20,000 characters' })
  @Length(1, MAX_BODY, { message: `must be between 1 and ${MAX_BODY} characters` })
  body: string;

  @Field(() => ID, { nullable: true, description: 'The post this one answers' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a post id' })
  replyToId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'An id the client makes once per form (8 to 64 letters, digits, "-" or "_"). Sent again — a double click, ' +
      'a retry after a slow answer — it writes nothing new and answers with what the first one wrote.',
  })
  @IsOptional()
  @Matches(CLIENT_ID, { message: 'must be 8 to 64 letters, digits, "-" or "_"' })
  clientId?: string | null;
}

@InputType()
export class EditPostInput {
  @Field(() => ID, { description: 'The post to edit (your own; moderators any)' })
  @IsUUID('all', { message: 'must be a post id' })
  postId: string;

  @Field({ description: 'The new text, Markdown' })
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

  @Field(() => ID, { description: 'The forum category to open the thread in' })
  @IsUUID('all', { message: 'must be a category id' })
  categoryId: string;

  @Field(() => ID, {
    nullable: true,
    description: 'documentId of the published CMS project this thread is about',
  })
  @IsOptional()
  @Matches(DOCUMENT_ID, { message: 'must be a CMS documentId' })
  projectId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'documentId of the published CMS workshop this thread is about',
  })
  @IsOptional()
  @Matches(DOCUMENT_ID, { message: 'must be a CMS documentId' })
  workshopId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'documentIds of published CMS fields of action' })
  @IsOptional()
  @ArrayMaxSize(30)
  @Matches(DOCUMENT_ID, { each: true, message: 'must be CMS documentIds' })
  actionFieldIds?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'An id the client makes once per form (8 to 64 letters, digits, "-" or "_"). Sent again — a double click, ' +
      'a retry after a slow answer — it writes nothing new and answers with what the first one wrote.',
  })
  @IsOptional()
  @Matches(CLIENT_ID, { message: 'must be 8 to 64 letters, digits, "-" or "_"' })
  clientId?: string | null;
}

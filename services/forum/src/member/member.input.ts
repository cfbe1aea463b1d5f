import { ArrayMaxSize, IsEmail, IsEnum, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Sector } from './member.entity.js';

const documentId = /^[A-Za-z0-9_-]{1,64}$/;

@InputType({ description: 'Sign-up; the e-mail stays private' })
export class RegisterMemberInput {
  @Field()
  @IsEmail({}, { message: 'must be a valid e-mail address' })
  @MaxLength(254)
  email: string;

  @Field()
  @Length(10, 200, { message: 'must be between 10 and 200 characters' })
  password: string;

  @Field()
  @Length(2, 80, { message: 'must be between 2 and 80 characters' })
  displayName: string;

  @Field(() => Sector)
  @IsEnum(Sector)
  sector: Sector;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  organisation?: string | null;

  @Field(() => ID, { nullable: true, description: 'documentId of a CMS city' })
  @IsOptional()
  @Matches(documentId, { message: 'must be a CMS documentId' })
  cityId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'documentIds of CMS fields of action' })
  @IsOptional()
  @ArrayMaxSize(30)
  @Matches(documentId, { each: true, message: 'must be CMS documentIds' })
  interests?: string[] | null;
}

@InputType()
export class UpdateProfileInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(2, 80, { message: 'must be between 2 and 80 characters' })
  displayName?: string;

  @Field(() => Sector, { nullable: true })
  @IsOptional()
  @IsEnum(Sector)
  sector?: Sector;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  organisation?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Matches(documentId, { message: 'must be a CMS documentId' })
  cityId?: string | null;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(5000)
  bio?: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @Matches(documentId, { each: true, message: 'must be CMS documentIds' })
  interests?: string[];
}

@InputType()
export class MemberFilter {
  @Field(() => Sector, { nullable: true })
  @IsOptional()
  @IsEnum(Sector)
  sector?: Sector;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @MaxLength(64)
  cityId?: string;

  @Field(() => ID, { nullable: true, description: 'documentId of a CMS field of action' })
  @IsOptional()
  @MaxLength(64)
  interest?: string;

  @Field({ nullable: true, description: 'Part of a name or organisation' })
  @IsOptional()
  @MaxLength(100)
  search?: string;
}

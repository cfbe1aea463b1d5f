import { ArrayMaxSize, IsEmail, IsEnum, IsIn, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DOCUMENT_ID as documentId } from '../federation/cms-references.js';
import { Sector } from './member.entity.js';

@InputType({ description: 'Sign-up; the e-mail stays private' })
export class RegisterMemberInput {
  @Field({ description: 'E-mail address for sign-in and mail; never shown to anyone else' })
  @IsEmail({}, { message: 'must be a valid e-mail address' })
  @MaxLength(254)
  email: string;

  @Field({ description: 'At least 10 characters' })
  @Length(10, 200, { message: 'must be between 10 and 200 characters' })
  password: string;

  @Field({ description: 'The name other members see' })
  @Length(2, 80, { message: 'must be between 2 and 80 characters' })
  displayName: string;

  @Field(() => Sector, { description: 'The sector the member works in' })
  @IsEnum(Sector)
  sector: Sector;

  @Field(() => String, { nullable: true, description: 'The organisation the member works for' })
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

  @Field(() => String, { nullable: true, description: 'Language of the mails: de (default) or en' })
  @IsOptional()
  @IsIn(['de', 'en'], { message: 'must be de or en' })
  locale?: 'de' | 'en' | null;
}

@InputType()
export class UpdateProfileInput {
  @Field({ nullable: true, description: 'The name other members see' })
  @IsOptional()
  @Length(2, 80, { message: 'must be between 2 and 80 characters' })
  displayName?: string;

  @Field(() => Sector, { nullable: true, description: 'The sector the member works in' })
  @IsOptional()
  @IsEnum(Sector)
  sector?: Sector;

  @Field(() => String, { nullable: true, description: 'The organisation (null removes it)' })
  @IsOptional()
  @MaxLength(200)
  organisation?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'documentId of the CMS city the member works in (null removes it)',
  })
  @IsOptional()
  @Matches(documentId, { message: 'must be a CMS documentId' })
  cityId?: string | null;

  @Field({ nullable: true, description: 'A few sentences about oneself, plain text' })
  @IsOptional()
  @MaxLength(5000)
  bio?: string;

  @Field(() => [ID], {
    nullable: true,
    description: 'documentIds of the CMS fields of action the member works on',
  })
  @IsOptional()
  @ArrayMaxSize(30)
  @Matches(documentId, { each: true, message: 'must be CMS documentIds' })
  interests?: string[];

  @Field(() => String, { nullable: true, description: 'Language of the mails: de or en' })
  @IsOptional()
  @IsIn(['de', 'en'], { message: 'must be de or en' })
  locale?: 'de' | 'en';
}

@InputType()
export class MemberFilter {
  @Field(() => Sector, { nullable: true, description: 'Only members of this sector' })
  @IsOptional()
  @IsEnum(Sector)
  sector?: Sector;

  @Field(() => ID, {
    nullable: true,
    description: 'Only members working in this city (documentId of the CMS city)',
  })
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

import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, ValidateNested } from 'class-validator';
import { Workshop } from '../federation/cms-references.js';
import type { RegistrationStatus, SignupStatus } from './signup-status.js';

export enum WorkshopSignupStatus {
  NOT_YET_OPEN = 'NOT_YET_OPEN',
  OPEN = 'OPEN',
  FULL_WAITLIST = 'FULL_WAITLIST',
  CLOSED = 'CLOSED',
}
registerEnumType(WorkshopSignupStatus, {
  name: 'WorkshopSignupStatus',
  description: 'Whether a workshop takes registrations now',
  valuesConfig: {
    NOT_YET_OPEN: { description: 'Registration opens later (`opensAt`)' },
    OPEN: { description: 'Seats are free (or there is no limit)' },
    FULL_WAITLIST: { description: 'Every seat is taken; new registrations join the waiting list' },
    CLOSED: {
      description:
        'Not offered on the platform, deadline passed, workshop begun, or full without a waiting list',
    },
  },
});

export enum WorkshopRegistrationStatus {
  CONFIRMED = 'CONFIRMED',
  WAITLISTED = 'WAITLISTED',
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  CANCELLED = 'CANCELLED',
}
registerEnumType(WorkshopRegistrationStatus, {
  name: 'WorkshopRegistrationStatus',
  description: "A member's registration for a workshop",
  valuesConfig: {
    CONFIRMED: { description: 'Has a seat' },
    WAITLISTED: { description: 'On the waiting list; moves up when a seat is freed' },
    PENDING_APPROVAL: { description: 'Waits for an editor to approve it' },
    CANCELLED: { description: 'Cancelled by the member or an editor' },
  },
});

@ObjectType({ description: 'A question asked at registration, set by editors in the CMS' })
export class WorkshopSignupQuestion {
  @Field({ description: 'Stable key the answer is given under' })
  key: string;

  @Field({ description: 'The question in German' })
  label: string;

  @Field(() => String, { nullable: true, description: 'The question in English, where editors gave one' })
  labelEn: string | null;

  @Field({ description: 'Whether a registration must answer it' })
  required: boolean;
}

@ObjectType({
  description:
    'Registration for a workshop as the forum keeps it: seats, waiting list, and (signed in) your own status',
})
export class WorkshopSignup {
  @Field(() => ID, { description: 'documentId of the workshop' })
  workshopId: string;

  @Field(() => Date, { nullable: true, description: 'When registration opens; null: open now' })
  opensAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When registration closes (the deadline)' })
  closesAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'Seats; null: no limit' })
  capacity: number | null;

  @Field(() => Int, { nullable: true, description: 'Seats still free; null: no limit' })
  seatsLeft: number | null;

  @Field(() => Int, { description: 'Confirmed registrations' })
  confirmedCount: number;

  @Field(() => Int, { description: 'Registrations on the waiting list' })
  waitlistCount: number;

  @Field(() => WorkshopSignupStatus, {
    description: 'Where registration stands: open, not yet open, closed, full (waiting list) and so on',
  })
  status: SignupStatus;

  @Field({ description: 'Whether registrations join a waiting list once every seat is taken' })
  waitlistEnabled: boolean;

  @Field({ description: 'Whether each registration waits for an editor to approve it' })
  approvalRequired: boolean;

  @Field(() => [WorkshopSignupQuestion], { description: 'Questions the editors ask on registration' })
  questions: WorkshopSignupQuestion[];

  /** Resolved per viewer (see SignupResolver). */
  myStatus?: RegistrationStatus | null;
  myWaitlistPosition?: number | null;
}

@ObjectType({ description: 'An answer to a registration question' })
export class WorkshopSignupAnswer {
  @Field({ description: 'The question’s key' })
  key: string;

  @Field({ description: 'The answer given' })
  value: string;
}

@ObjectType({ description: "The signed-in member's registration for a workshop" })
export class WorkshopRegistration {
  @Field(() => ID, { description: 'The registration’s id' })
  id: string;

  @Field(() => Workshop, { description: 'The workshop registered for' })
  workshop: Workshop;

  @Field(() => WorkshopRegistrationStatus, {
    description: 'Confirmed, waiting, pending approval or cancelled',
  })
  status: RegistrationStatus;

  @Field(() => Int, {
    nullable: true,
    description: 'Place on the waiting list (1 is next); null unless WAITLISTED',
  })
  waitlistPosition: number | null;

  @Field(() => [WorkshopSignupAnswer], { description: 'Answers to the registration questions' })
  answers: WorkshopSignupAnswer[];

  @Field(() => Date, { description: 'When the member registered' })
  createdAt: Date;
}

@InputType()
export class WorkshopSignupAnswerInput {
  @Field({ description: 'The key of the question answered' })
  @Length(1, 40)
  key: string;

  @Field({ description: 'The answer, up to 1000 characters' })
  @Length(0, 1000)
  value: string;
}

@InputType()
export class RegisterForWorkshopInput {
  @Field(() => ID, { description: 'documentId of a published workshop' })
  @Length(1, 64)
  workshopId: string;

  @Field(() => [WorkshopSignupAnswerInput], { nullable: true, description: 'Answers to its questions' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested()
  answers?: WorkshopSignupAnswerInput[];
}

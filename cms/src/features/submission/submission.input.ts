import { badUserInput } from '../graphql/errors';
import { httpUrlProblem, MAX_URL_LENGTH } from '../validation/http-url';

export interface ContactPersonInput {
  name: string;
  role?: string | null;
  organisation?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
}

export interface SubmitProjectInput {
  title: string;
  summary: string;
  description?: string | null;
  actionFields: string[];
  city?: string | null;
  district?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  projectStatus?: 'laufend' | 'abgeschlossen' | null;
  targetGroups?: string[] | null;
  funding?: string | null;
  outcomes?: string | null;
  transferability?: string | null;
  website?: string | null;
  contacts?: ContactPersonInput[] | null;
}

export const submissionTypeDefs = /* GraphQL */ `
  "A contact person of a submitted project; published with the project once an editor publishes it"
  input ContactPersonInput {
    "Their name"
    name: String!
    "Their role in the project"
    role: String
    "Their organisation"
    organisation: String
    "Phone number to publish"
    phone: String
    "E-mail address to publish"
    email: String
    "Postal address to publish"
    address: String
  }

  "A practitioner's project, stored as a draft for editorial review"
  input SubmitProjectInput {
    "The project's name (5 to 200 characters)"
    title: String!
    "Two or three sentences for lists (20 to 1000 characters, plain text)"
    summary: String!
    "Starting point and approach, Markdown"
    description: String
    "documentIds of the fields of action (at least one)"
    actionFields: [ID!]!
    "documentId of the city"
    city: ID
    "District or neighbourhood"
    district: String
    "YYYY-MM-DD"
    startDate: String
    "YYYY-MM-DD"
    endDate: String
    "laufend or abgeschlossen"
    projectStatus: ENUM_PROJECT_PROJECTSTATUS
    "The groups the project is for"
    targetGroups: [ENUM_COMPONENTPROJECTTARGETGROUP_GROUP!]
    "Programmes and means that fund it"
    funding: String
    "What it achieved, Markdown"
    outcomes: String
    "What other cities can take over, Markdown"
    transferability: String
    "Its website (http:// or https://)"
    website: String
    "Contact persons to publish with it"
    contacts: [ContactPersonInput!]
  }

  enum SubmissionStatus {
    "Waiting for an editor"
    IN_REVIEW
    "Published by an editor"
    PUBLISHED
  }

  "A member's submitted project and where it stands"
  type ProjectSubmission {
    documentId: ID!
    title: String!
    status: SubmissionStatus!
    submittedAt: DateTime!
    publishedAt: DateTime
  }

  extend type Query {
    "The signed-in member's submitted projects, newest first (needs the forum's token)"
    mySubmissions: [ProjectSubmission!]!
  }

  extend type Mutation {
    "Submit a project for editorial review (needs the forum's token); it is stored as a draft"
    submitProject("The project" input: SubmitProjectInput!): ProjectSubmission!
  }
`;

export const LIMITS = {
  title: [5, 200],
  summary: [20, 1000],
  description: [0, 20_000],
  text: [0, 5_000],
  short: [0, 200],
  contacts: 5,
  actionFields: 5,
} as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function text(
  field: string,
  value: string | null | undefined,
  [min, max]: readonly [number, number],
  required = false,
) {
  const trimmed = (value ?? '').trim();
  if (required && trimmed.length === 0) throw badUserInput(field, `${field} is required`);
  if (trimmed.length > 0 && trimmed.length < min)
    throw badUserInput(field, `${field} needs at least ${min} characters`);
  if (trimmed.length > max) throw badUserInput(field, `${field} may have at most ${max} characters`);
  return trimmed.length > 0 ? trimmed : null;
}

function date(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const parsed = new Date(`${value}T00:00:00Z`);
  if (!DATE.test(value) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw badUserInput(field, `${field} must be a date as YYYY-MM-DD`);
  }
  return value;
}

/** Checks and normalises a submission; throws BAD_USER_INPUT naming the first bad field. */
export function validateSubmission(input: SubmitProjectInput) {
  const title = text('title', input.title, LIMITS.title, true) as string;
  const summary = text('summary', input.summary, LIMITS.summary, true) as string;
  const actionFields = [...new Set(input.actionFields ?? [])];
  if (actionFields.length === 0) throw badUserInput('actionFields', 'choose at least one field of action');
  if (actionFields.length > LIMITS.actionFields) {
    throw badUserInput('actionFields', `choose at most ${LIMITS.actionFields} fields of action`);
  }
  const startDate = date('startDate', input.startDate);
  const endDate = date('endDate', input.endDate);
  if (startDate && endDate && endDate < startDate)
    throw badUserInput('endDate', 'endDate must not be before startDate');
  const website = text('website', input.website, [0, MAX_URL_LENGTH]);
  const websiteProblem = website ? httpUrlProblem(website) : null;
  if (websiteProblem) throw badUserInput('website', `website must be an http(s) address: ${websiteProblem}`);
  const contacts = (input.contacts ?? []).map((contact, index) => {
    const at = `contacts.${index}`;
    const email = text(`${at}.email`, contact.email, [0, 200]);
    if (email && !EMAIL.test(email)) throw badUserInput(`${at}.email`, 'not a valid e-mail address');
    return {
      name: text(`${at}.name`, contact.name, [2, 120], true) as string,
      role: text(`${at}.role`, contact.role, [0, 120]),
      organisation: text(`${at}.organisation`, contact.organisation, LIMITS.short),
      phone: text(`${at}.phone`, contact.phone, [0, 60]),
      email,
      address: text(`${at}.address`, contact.address, [0, 500]),
    };
  });
  if (contacts.length > LIMITS.contacts)
    throw badUserInput('contacts', `at most ${LIMITS.contacts} contact persons`);
  return {
    title,
    summary,
    description: text('description', input.description, LIMITS.description),
    actionFields,
    city: input.city ?? null,
    district: text('district', input.district, LIMITS.short),
    startDate,
    endDate,
    ongoing: !endDate,
    projectStatus: input.projectStatus ?? 'laufend',
    targetGroups: [...new Set(input.targetGroups ?? [])],
    funding: text('funding', input.funding, [0, 2000]),
    outcomes: text('outcomes', input.outcomes, LIMITS.text),
    transferability: text('transferability', input.transferability, LIMITS.text),
    website,
    contacts,
  };
}

export type ValidSubmission = ReturnType<typeof validateSubmission>;

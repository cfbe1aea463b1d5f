import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { memberState } from '../member-auth/member-strategy';
import type { Member } from '../member-auth/member-token';
import { badUserInput, signInUncheckable, unauthenticated } from '../graphql/errors';
import { createSubmissionLimit, type SubmissionLimit } from './submission-limit';
import {
  submissionTypeDefs,
  validateSubmission,
  type SubmitProjectInput,
  type ValidSubmission,
} from './submission.input';

const PROJECT = 'api::project.project';
const ACTION_FIELD = 'api::action-field.action-field';
const CITY = 'api::city.city';
const SUBMISSION_LOCALE = 'de';

export { submissionTypeDefs };

interface GraphQLContext {
  state?: Record<string, unknown>;
}

function requireMember(context: GraphQLContext): Member {
  const { member, failure } = memberState(context.state);
  if (member) return member;
  if (failure === 'expired')
    throw unauthenticated('Your sign-in has expired; please sign in again.', 'expired');
  if (failure === 'invalid') throw unauthenticated('The sign-in token is not valid.', 'invalid');
  if (failure === 'unavailable') throw signInUncheckable();
  throw unauthenticated('Sign in to the forum to submit projects.', 'missing');
}

export function slugify(title: string): string {
  const base = title
    .toLocaleLowerCase('de')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return base || 'projekt';
}

async function checkReferences(strapi: Core.Strapi, submission: ValidSubmission) {
  const fields = (await strapi.documents(ACTION_FIELD).findMany({
    locale: SUBMISSION_LOCALE,
    status: 'published',
    fields: ['documentId'],
    filters: { documentId: { $in: submission.actionFields } },
    limit: submission.actionFields.length,
  } as never)) as { documentId: string }[];
  const known = new Set(fields.map((field) => field.documentId));
  const unknown = submission.actionFields.find((id) => !known.has(id));
  if (unknown) throw badUserInput('actionFields', `unknown field of action: ${unknown}`);
  if (submission.city) {
    const city = await strapi.documents(CITY).findFirst({
      status: 'published',
      fields: ['documentId'],
      filters: { documentId: submission.city },
    } as never);
    if (!city) throw badUserInput('city', `unknown city: ${submission.city}`);
  }
}

interface SubmissionRow {
  documentId: string;
  title: string;
  createdAt: string;
}

async function toSubmissions(strapi: Core.Strapi, drafts: SubmissionRow[]) {
  if (drafts.length === 0) return [];
  const published = (await strapi.documents(PROJECT).findMany({
    locale: SUBMISSION_LOCALE,
    status: 'published',
    fields: ['documentId', 'publishedAt'],
    filters: { documentId: { $in: drafts.map((draft) => draft.documentId) } },
    limit: drafts.length,
  } as never)) as { documentId: string; publishedAt: string }[];
  const publishedAt = new Map(published.map((doc) => [doc.documentId, doc.publishedAt]));
  return drafts.map((draft) => ({
    documentId: draft.documentId,
    title: draft.title,
    status: publishedAt.has(draft.documentId) ? 'PUBLISHED' : 'IN_REVIEW',
    submittedAt: draft.createdAt,
    publishedAt: publishedAt.get(draft.documentId) ?? null,
  }));
}

const limits = new WeakMap<Core.Strapi, SubmissionLimit>();

/** One limit per CMS: Strapi builds the schema, and so these resolvers, more than once. */
function limitOf(strapi: Core.Strapi): SubmissionLimit {
  let limit = limits.get(strapi);
  if (!limit) {
    limit = createSubmissionLimit(strapi);
    limits.set(strapi, limit);
  }
  return limit;
}

/** Ends what the submission limit holds open (its Redis connection); from the CMS's destroy(). */
export async function closeSubmissionLimit(strapi: Core.Strapi): Promise<void> {
  await limits.get(strapi)?.close();
  limits.delete(strapi);
}

export function submissionResolvers(strapi: Core.Strapi) {
  const limit = limitOf(strapi);

  return {
    Query: {
      async mySubmissions(_parent: unknown, _args: unknown, context: GraphQLContext) {
        const member = requireMember(context);
        // The member's own drafts: read with the Query Engine, because every Document Service read in a member's
        // request is a published read (features/drafts). Only these three fields leave this resolver.
        const drafts = (await strapi.db.query(PROJECT as never).findMany({
          select: ['documentId', 'title', 'createdAt'],
          where: {
            locale: SUBMISSION_LOCALE,
            publishedAt: { $null: true },
            submittedBy: { $eq: member.id },
            source: { $eq: 'eingereicht' },
          },
          orderBy: { createdAt: 'desc' },
          limit: 100,
        })) as unknown as SubmissionRow[];
        return toSubmissions(strapi, drafts);
      },
    },
    Mutation: {
      async submitProject(_parent: unknown, args: { input: SubmitProjectInput }, context: GraphQLContext) {
        const member = requireMember(context);
        const submission = validateSubmission(args.input);
        await checkReferences(strapi, submission);
        await limit.consume(member.id);
        const { targetGroups, actionFields, city, ...fields } = submission;
        const created = (await strapi.documents(PROJECT).create({
          locale: SUBMISSION_LOCALE,
          status: 'draft',
          data: {
            ...fields,
            slug: `${slugify(submission.title)}-${randomBytes(3).toString('hex')}`,
            actionFields,
            city,
            targetGroups: targetGroups.map((group) => ({ group })),
            source: 'eingereicht',
            submittedBy: member.id,
            demo: false,
          },
        } as never)) as unknown as SubmissionRow;
        const [result] = await toSubmissions(strapi, [created]);
        return result;
      },
    },
  };
}

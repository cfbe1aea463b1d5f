import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { badUserInput } from '../graphql/errors';
import { FEEDBACK_TYPE_UID } from '../settings';

/**
 * The feedback form of the accessibility statement (BITV 2.0 § 7): anyone may report a barrier. Each report is
 * stored as an entry of "Rückmeldung zur Barrierefreiheit" (status "neu"), which editors see and answer in the
 * admin; the public can never read it (no permission, no query, no REST route).
 */
export const feedbackTypeDefs = /* GraphQL */ `
  input AccessibilityFeedbackInput {
    "What does not work, and where (10 to 5000 characters)."
    message: String!
    "The page the barrier is on (an address of the website or a path)."
    pageUrl: String
    "Optional: who writes."
    name: String
    "Optional: where an answer can go."
    email: String
  }

  type AccessibilityFeedbackReceipt {
    "A short reference the sender can quote."
    reference: String!
  }

  extend type Mutation {
    "Reports a barrier on the website; editors see it in the admin. Limited per client address (RATE_LIMITED)."
    submitAccessibilityFeedback(
      "The report"
      input: AccessibilityFeedbackInput!
    ): AccessibilityFeedbackReceipt!
  }
`;

export interface FeedbackInput {
  message: string;
  pageUrl?: string | null;
  name?: string | null;
  email?: string | null;
}

const EMAIL = /^[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"']+$/;
const optional = (value: string | null | undefined) => {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
};

/** Checks and trims the input; the first problem is BAD_USER_INPUT naming its field. */
export function validateFeedback(input: FeedbackInput) {
  const message = (input.message ?? '').trim();
  if (message.length < 10)
    throw badUserInput('message', 'Please describe the barrier in at least 10 characters.');
  if (message.length > 5000) throw badUserInput('message', 'At most 5000 characters.');
  const pageUrl = optional(input.pageUrl);
  if (pageUrl && (pageUrl.length > 500 || !/^(https?:\/\/[^\s<>"']+|\/[^\s<>"']*)$/.test(pageUrl)))
    throw badUserInput(
      'pageUrl',
      'Must be a url of the website (http(s)://… or /…), at most 500 characters.',
    );
  const name = optional(input.name);
  if (name && name.length > 200) throw badUserInput('name', 'At most 200 characters.');
  const email = optional(input.email);
  if (email && (email.length > 254 || !EMAIL.test(email)))
    throw badUserInput('email', 'Not a valid email address.');
  return { message, pageUrl, name, email };
}

interface GraphQLContext {
  koaContext?: { ip?: string; request?: { header?: Record<string, string | string[] | undefined> } };
}

/** The gateway names the client in X-Forwarded-For (exactly one address); directly, the socket's peer. */
function clientOf(context: GraphQLContext): string {
  const forwarded = context.koaContext?.request?.header?.['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || context.koaContext?.ip || 'unknown';
}

export const FEEDBACK_LIMIT = { points: 5, durationSeconds: 600 };

export function feedbackResolvers(strapi: Core.Strapi) {
  const limiter = new RateLimiterMemory({
    points: FEEDBACK_LIMIT.points,
    duration: FEEDBACK_LIMIT.durationSeconds,
    keyPrefix: 'stadtnetz:cms:accessibility-feedback',
  });
  return {
    Mutation: {
      async submitAccessibilityFeedback(
        _parent: unknown,
        args: { input: FeedbackInput },
        context: GraphQLContext,
      ) {
        const feedback = validateFeedback(args.input);
        try {
          await limiter.consume(clientOf(context));
        } catch (error) {
          if (error instanceof RateLimiterRes)
            throw new GraphQLError('Too many messages from this address; please try again later.', {
              extensions: { code: 'RATE_LIMITED', retryAfterSeconds: Math.ceil(error.msBeforeNext / 1000) },
            });
          throw error;
        }
        const reference = `BF-${randomBytes(4).toString('hex').toUpperCase()}`;
        await strapi.documents(FEEDBACK_TYPE_UID as never).create({
          data: { ...feedback, reference, feedbackStatus: 'neu' },
        } as never);
        strapi.log.info(`Accessibility feedback ${reference} received`);
        return { reference };
      },
    },
  };
}

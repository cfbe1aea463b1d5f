import { GraphQLError } from 'graphql';

/**
 * A deadline per GraphQL request. When it passes, no further field resolver of the request starts (each throws
 * instead), long-running resolvers that check `throwIfPastDeadline` stop at their next check, and the answer is
 * one REQUEST_TIMEOUT error instead of whatever partial result there was. A statement already sent to the
 * database finishes; nothing new is sent.
 */
const DEADLINE = Symbol('stadtnetz.deadline');

interface WithDeadline {
  [DEADLINE]?: number;
}

export const REQUEST_TIMEOUT = 'REQUEST_TIMEOUT';

export function timeoutError(timeoutMs: number): GraphQLError {
  return new GraphQLError(`The request took longer than ${timeoutMs} ms and was stopped`, {
    extensions: { code: REQUEST_TIMEOUT, timeoutMs },
  });
}

/** For resolvers with loops of their own (similar projects): stop when the request's time is up. */
export function throwIfPastDeadline(context: unknown): void {
  const deadline = (context as WithDeadline | undefined)?.[DEADLINE];
  if (deadline !== undefined && Date.now() >= deadline) throw new DeadlineExceeded();
}

export class DeadlineExceeded extends Error {
  constructor() {
    super('deadline exceeded');
  }
}

interface ResponseBody {
  kind: string;
  singleResult?: { data?: unknown; errors?: unknown[] };
}

export function deadlinePlugin(timeoutMs: () => number) {
  return {
    async requestDidStart({ contextValue }: { contextValue: WithDeadline }) {
      const limit = timeoutMs();
      const deadline = Date.now() + limit;
      contextValue[DEADLINE] = deadline;
      let passed = false;
      return {
        async executionDidStart() {
          return {
            willResolveField() {
              if (Date.now() >= deadline) {
                passed = true;
                throw new DeadlineExceeded();
              }
            },
          };
        },
        async willSendResponse({ response }: { response: { body: ResponseBody } }) {
          if (!passed && Date.now() < deadline) return;
          const errors = response.body.singleResult?.errors ?? [];
          // Passed while a resolver was running, without any field noticing: the answer is complete, keep it.
          if (!passed && !errors.some(isDeadlineError)) return;
          if (response.body.kind === 'single')
            response.body.singleResult = { errors: [timeoutError(limit).toJSON()] };
        },
      };
    },
  };
}

function isDeadlineError(error: unknown): boolean {
  return (error as { extensions?: { code?: string } })?.extensions?.code === REQUEST_TIMEOUT;
}

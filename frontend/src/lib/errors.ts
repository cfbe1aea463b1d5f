// GraphQL errors from the gateway become clear messages: one at the top of a form, or one beside the field
// the gateway named (BAD_USER_INPUT carries `field` and `reason`).
import type { MessageKey } from './i18n';

export interface ApiErrorLike {
  message: string;
  extensions?: Record<string, unknown>;
}

export interface FormError {
  /** Shown at the top of the form */
  message: MessageKey;
  /** field name (as in the form) → message */
  fields: Record<string, { key: MessageKey; params?: Record<string, string | number> }>;
}

/** The message for a field's `reason` (class-validator's wording or the service's own reason codes). */
export function reasonMessage(reason: string): { key: MessageKey; params?: Record<string, string | number> } {
  const text = reason.toLowerCase();
  let match = /(?:longer than or equal to|at least) (\d+)/.exec(text);
  if (match) return { key: 'error.field.tooShort', params: { min: Number(match[1]) } };
  match = /(?:shorter than or equal to|at most) (\d+)/.exec(text);
  if (match) return { key: 'error.field.tooLong', params: { max: Number(match[1]) } };
  if (text === 'taken' || text.includes('exists already')) return { key: 'error.field.taken' };
  if (text.includes('email')) return { key: 'error.field.email' };
  if (text.includes('url')) return { key: 'error.field.url' };
  if (text.includes('date')) return { key: 'error.field.date' };
  if (text.includes('empty') || text.includes('required') || text.includes('should not be'))
    return { key: 'error.field.required' };
  return { key: 'error.field.invalid' };
}

/** Turns the gateway's errors into what a form shows. */
export function toFormError(
  errors: readonly ApiErrorLike[],
  fieldNames: Record<string, string> = {},
): FormError {
  const fields: FormError['fields'] = {};
  let message: MessageKey = 'error.generic';
  for (const error of errors) {
    const code = error.extensions?.['code'];
    const reason = error.extensions?.['reason'];
    switch (code) {
      case 'BAD_USER_INPUT': {
        message = 'error.input';
        const problems = (error.extensions?.['problems'] as
          { field: string; reason: string }[] | undefined) ?? [
          { field: String(error.extensions?.['field'] ?? ''), reason: String(reason ?? error.message) },
        ];
        for (const problem of problems) {
          const field = fieldNames[problem.field] ?? problem.field.replace(/^input\./, '');
          if (field && !fields[field]) fields[field] = reasonMessage(problem.reason);
        }
        break;
      }
      case 'UNAUTHENTICATED':
        message = reason === 'credentials' ? 'error.credentials' : 'error.unauthenticated';
        break;
      case 'FORBIDDEN':
        message =
          reason === 'THREAD_LOCKED'
            ? 'error.locked'
            : reason === 'EMAIL_NOT_VERIFIED'
              ? 'error.notVerified'
              : 'error.forbidden';
        break;
      case 'RATE_LIMITED':
        message = 'error.rateLimited';
        break;
      case 'CONFLICT':
        message = 'error.conflict';
        break;
      case 'NOT_FOUND':
        message = 'error.notFound';
        break;
      case 'UPSTREAM_UNAVAILABLE':
        message = 'error.unavailable';
        break;
    }
  }
  return { message, fields };
}

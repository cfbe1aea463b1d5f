import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

export const MAX_URL_LENGTH = 500;

/**
 * Characters that have no business in a web address as people type one, and that would let a stored value
 * break out of an HTML attribute (`https://example.org/"><script>…`): whitespace and control characters,
 * quotes, angle brackets, backticks, braces, pipes, backslashes, carets.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
const FORBIDDEN = /[\s\u0000-\u001f\u007f"'<>`{}|\\^]/;

/** Why `value` is not an http(s) web address, or null when it is one. */
export function httpUrlProblem(value: string): string | null {
  if (value.length > MAX_URL_LENGTH) return `at most ${MAX_URL_LENGTH} characters`;
  if (FORBIDDEN.test(value)) return 'no spaces, quotes, angle brackets or similar characters';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not a web address';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'only http:// and https:// addresses';
  if (!/^[^.]+(\.[^.]+)+$/.test(url.hostname)) return 'a host name with a dot, such as example.org';
  if (url.username || url.password) return 'no user name or password in the address';
  if (!/^https?:\/\//i.test(value)) return 'write it as https://…';
  return null;
}

/**
 * Fields where editors and members enter web addresses. Every other text field is plain text or Markdown (see
 * README, "Plain text and Markdown"); only these are offered as links, so only these must be http(s) URLs.
 */
export const URL_FIELDS: Record<string, { attributes: string[]; components: Record<string, string[]> }> = {
  'api::project.project': { attributes: ['website'], components: {} },
  'api::organisation.organisation': { attributes: ['website'], components: {} },
  'api::workshop.workshop': { attributes: [], components: { registration: ['url'] } },
};

function check(field: string, value: unknown): void {
  if (value === undefined || value === null || value === '') return;
  const problem = typeof value === 'string' ? httpUrlProblem(value.trim()) : 'not a web address';
  if (problem)
    throw new errors.ValidationError(`${field} must be an http(s) web address: ${problem}`, {
      errors: [{ path: field.split('.'), message: problem, name: 'ValidationError' }],
    });
}

interface DocumentContext {
  uid: string;
  action: string;
  params?: { data?: Record<string, unknown> };
}

/**
 * Checks the URL fields on every create and update through the Document Service — the admin's content manager,
 * the REST and GraphQL APIs, scripts — and refuses a bad one with a ValidationError naming the field (the
 * admin shows it beside the field).
 */
export function registerUrlValidation(strapi: Core.Strapi): void {
  strapi.documents.use(async (documentContext, next) => {
    const { uid, action, params } = documentContext as unknown as DocumentContext;
    const fields = URL_FIELDS[uid];
    const data = params?.data;
    if (fields && data && (action === 'create' || action === 'update')) {
      for (const attribute of fields.attributes) check(attribute, data[attribute]);
      for (const [component, keys] of Object.entries(fields.components)) {
        const value = data[component];
        const items = Array.isArray(value) ? value : value ? [value] : [];
        for (const item of items)
          for (const key of keys) check(`${component}.${key}`, (item as Record<string, unknown>)[key]);
      }
    }
    return next();
  });
}

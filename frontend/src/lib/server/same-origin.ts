// SvelteKit's own CSRF check compares a form post's Origin with the one origin adapter-node believes in
// (`ORIGIN`, or https://<host> without it), so on `npm start` — plain http, reached as 127.0.0.1 and as
// localhost — it refused every form. This check is the same protection, made for every address the site
// is reached at: with ORIGIN set (production, behind the proxy), only that origin; without it, an origin
// naming the very host the request was sent to.

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether the browser would send this request across sites without asking (a form post). */
function isFormSubmission(request: Request): boolean {
  if (!UNSAFE_METHODS.has(request.method)) return false;
  const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return FORM_TYPES.includes(type);
}

/**
 * False for a form post from another site: its `Origin` is missing, or names another host than the request
 * was sent to (or than the configured origin).
 */
export function isSameOriginSubmission(request: Request, configuredOrigin: string | undefined): boolean {
  if (!isFormSubmission(request)) return true;
  const origin = request.headers.get('origin');
  if (!origin || origin === 'null') return false;
  if (configuredOrigin) return origin === configuredOrigin.replace(/\/+$/, '');
  let claimed: URL;
  try {
    claimed = new URL(origin);
  } catch {
    return false;
  }
  if (claimed.protocol !== 'http:' && claimed.protocol !== 'https:') return false;
  const host = request.headers.get('host');
  return host !== null && claimed.host === host.toLowerCase();
}

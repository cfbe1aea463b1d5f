// Every request: the member from the session cookie (checked against the gateway), the locale, and the
// page's `lang` attribute.
import type { Handle } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { graphql } from '$lib/graphql';
import { isLocale, translate, type Locale } from '$lib/i18n';
import { Api } from '$lib/server/api';
import { isSameOriginSubmission } from '$lib/server/same-origin';
import { SESSION_COOKIE, LOCALE_COOKIE } from '$lib/server/session';

const Me = graphql(`
  query Me {
    me {
      id
      displayName
      handle
      role
      emailVerified
    }
    unreadNotificationCount
    unreadMessageCount
  }
`);

/** A refused cross-site form post: a page in the visitor's language, not a bare English line. */
function crossSiteRefusal(locale: Locale): Response {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const title = escape(translate(locale, 'error.title', { status: 403 }));
  return new Response(
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} – ${escape(translate(locale, 'site.name'))}</title></head>` +
      `<body><main><h1>${title}</h1><p>${escape(translate(locale, 'error.crossSite'))}</p><p><a href="/">${escape(translate(locale, 'error.backHome'))}</a></p></main></body></html>`,
    { status: 403, headers: { 'content-type': 'text/html; charset=utf-8' } },
  );
}

/**
 * adapter-node without `ORIGIN` (a development start, reachable as 127.0.0.1 and as localhost) takes every
 * request for https — its default protocol — so absolute addresses on the pages (the printed address, feeds)
 * said https for a site served over plain http. A connection that is not TLS is http.
 */
function servedOverPlainHttp(platform: unknown): boolean {
  if (env['ORIGIN'] || env['PROTOCOL_HEADER']) return false;
  const socket = (platform as { req?: { socket?: { encrypted?: boolean } } } | undefined)?.req?.socket;
  return socket !== undefined && !socket.encrypted;
}

export const handle: Handle = async ({ event, resolve }) => {
  if (servedOverPlainHttp(event.platform)) event.url.protocol = 'http:';
  const cookieLocale = event.cookies.get(LOCALE_COOKIE);
  event.locals.locale = isLocale(cookieLocale) ? cookieLocale : 'de';
  // One-click unsubscribe (RFC 8058) is posted by mail programs, from no page: its signed token is the proof.
  const oneClick = event.url.pathname.startsWith('/e-mail/abbestellen/');
  if (!oneClick && !isSameOriginSubmission(event.request, env['ORIGIN']))
    return crossSiteRefusal(event.locals.locale);
  event.locals.token = event.cookies.get(SESSION_COOKIE) || undefined;
  event.locals.user = null;
  event.locals.unread = 0;
  event.locals.unreadMessages = 0;
  event.locals.api = new Api(event.locals.token, event.getClientAddress());

  if (event.locals.token) {
    const { data, errors } = await event.locals.api.run(Me, {});
    if (data?.me) {
      event.locals.user = data.me;
      event.locals.unread = data.unreadNotificationCount;
      event.locals.unreadMessages = data.unreadMessageCount;
    } else if (errors.some((e) => e.extensions?.['code'] === 'UNAUTHENTICATED') || (data && !data.me)) {
      // Expired or revoked: forget it.
      event.cookies.delete(SESSION_COOKIE, { path: '/' });
      event.locals.token = undefined;
      event.locals.api = new Api(undefined, event.getClientAddress());
    }
  }

  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale),
  });
};

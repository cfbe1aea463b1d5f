// Every request: the member from the session cookie (checked against the gateway), the locale, and the
// page's `lang` attribute.
import type { Handle } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { isLocale } from '$lib/i18n';
import { Api } from '$lib/server/api';
import { SESSION_COOKIE, LOCALE_COOKIE } from '$lib/server/session';

const Me = graphql(`
  query Me {
    me {
      id
      displayName
      handle
      role
    }
    unreadNotificationCount
  }
`);

export const handle: Handle = async ({ event, resolve }) => {
  const cookieLocale = event.cookies.get(LOCALE_COOKIE);
  event.locals.locale = isLocale(cookieLocale) ? cookieLocale : 'de';
  event.locals.token = event.cookies.get(SESSION_COOKIE) || undefined;
  event.locals.user = null;
  event.locals.unread = 0;
  event.locals.api = new Api(event.locals.token, event.getClientAddress());

  if (event.locals.token) {
    const { data, errors } = await event.locals.api.run(Me, {});
    if (data?.me) {
      event.locals.user = data.me;
      event.locals.unread = data.unreadNotificationCount;
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

import { randomUUID } from 'node:crypto';
import { publicGatewayUrl, siteOrigin } from '$lib/server/public-gateway';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url, untrack }) => ({
  // Loaded again on every page (the hook asks for the counts on every request anyway): the header's unread
  // counts are those of the page just opened — a conversation read, notifications marked read.
  path: url.pathname,
  user: locals.user,
  unread: locals.unread,
  unreadMessages: locals.unreadMessages,
  /**
   * The id this page's forms send as `clientId` (with a suffix per form): the same form sent twice — a double
   * click, a browser without JavaScript resending — writes one post. New on every load, so after a form was
   * sent (and the page loaded again) the next one writes anew.
   */
  formId: randomUUID(),
  locale: locals.locale,
  // Where the browser opens its WebSocket. The host name does not change between pages: no reason to load the
  // layout again.
  liveUrl: untrack(() => publicGatewayUrl(url)),
  // The site's public origin, for the addresses in Open Graph and JSON-LD.
  origin: untrack(() => siteOrigin(url)),
});

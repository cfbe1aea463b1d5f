import { env } from '$env/dynamic/public';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
  user: locals.user,
  unread: locals.unread,
  locale: locals.locale,
  /** Where the browser opens its WebSocket (the gateway's public address) */
  liveUrl: env['PUBLIC_GATEWAY_URL'] ?? 'http://127.0.0.1:4000',
});

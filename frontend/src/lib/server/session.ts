import type { Cookies } from '@sveltejs/kit';
import { dev } from '$app/environment';

export const SESSION_COOKIE = 'stadtnetz_session';
export const LOCALE_COOKIE = 'stadtnetz_lang';

/** The forum's JWT, httpOnly so page scripts never see it; the gateway reads it on the WebSocket upgrade. */
export function setSession(cookies: Cookies, token: string) {
  cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    // Secure when served over https (production behind a proxy sets ORIGIN to https://…).
    secure: !dev && (process.env['ORIGIN'] ?? '').startsWith('https:'),
    maxAge: 60 * 60 * 24 * 7,
  });
}

export function clearSession(cookies: Cookies) {
  cookies.delete(SESSION_COOKIE, { path: '/' });
}

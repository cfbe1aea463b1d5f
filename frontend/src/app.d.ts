import type { Locale } from '$lib/i18n';
import type { Api } from '$lib/server/api';

declare global {
  namespace App {
    interface Locals {
      /** The forum's JWT from the httpOnly cookie, if signed in */
      token: string | undefined;
      user: {
        id: string;
        displayName: string;
        handle: string;
        role: 'MEMBER' | 'MODERATOR' | 'ADMIN';
        /** Until the address is confirmed, the member reads but does not post or write messages. */
        emailVerified: boolean | null;
      } | null;
      unread: number;
      /** Messages from others not read yet, for the header's badge */
      unreadMessages: number;
      /** The gateway, as this visitor (token and address) */
      api: Api;
      locale: Locale;
    }
    interface Error {
      message: string;
      code?: string;
    }
  }
}

export {};

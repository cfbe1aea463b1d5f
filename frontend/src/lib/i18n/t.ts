// `t` and `date` for components: they read the request's locale from the page data, so that two
// requests in different languages never share state on the server.
import { page } from '$app/state';
import { formatDate, formatDateRange, translate, type Locale, type MessageKey } from './index';

const locale = (): Locale => (page.data?.['locale'] as Locale | undefined) ?? 'de';

export const t = (key: MessageKey, params?: Record<string, string | number>) =>
  translate(locale(), key, params);

export const date = (iso: string | null | undefined, style?: 'date' | 'dateTime' | 'short') =>
  formatDate(locale(), iso, style);

export const dateRange = (
  startIso: string | null | undefined,
  endIso: string | null | undefined,
  style?: 'date' | 'dateTime' | 'short',
) => formatDateRange(locale(), startIso, endIso, style);

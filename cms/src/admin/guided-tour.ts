/**
 * Strapi 5.54's guided tour covers the admin on first sign-in. It is decided in the browser only: the admin's
 * GuidedTourProvider shows it unless its state in localStorage (`STRAPI_GUIDED_TOUR`) says `enabled: false`
 * (Strapi's own "skip all tours" writes exactly that); the server stores nothing about it. So the admin's
 * bootstrap writes that state before the admin renders, for every admin user in every browser, keeping whatever
 * else the state holds.
 */
export const GUIDED_TOUR_KEY = 'STRAPI_GUIDED_TOUR';

/** The part of the browser's localStorage used here. */
interface Storage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function turnOffGuidedTour(storage: Storage): void {
  let state: Record<string, unknown> = {};
  try {
    const stored: unknown = JSON.parse(storage.getItem(GUIDED_TOUR_KEY) ?? '{}');
    if (stored && typeof stored === 'object' && !Array.isArray(stored))
      state = stored as Record<string, unknown>;
  } catch {
    state = {};
  }
  storage.setItem(GUIDED_TOUR_KEY, JSON.stringify({ ...state, enabled: false, hidden: true }));
}

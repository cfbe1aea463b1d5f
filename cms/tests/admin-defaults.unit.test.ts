import { describe, expect, it } from 'vitest';
import serverConfig from '../config/server';
import stadtnetzConfig from '../config/stadtnetz';
import { ADMIN_LOCALES, LANGUAGE_KEY, preferGerman } from '../src/admin/admin-language';
import { GUIDED_TOUR_KEY, turnOffGuidedTour } from '../src/admin/guided-tour';
import { berlinTime } from '../src/features/time/berlin-time';

/** Strapi's `env` helper over a plain object, as config files get it. */
function envOf(values: Record<string, string>) {
  const env = ((key: string, fallback?: string) => values[key] ?? fallback) as EnvFn;
  env.int = (key, fallback) => (values[key] !== undefined ? Number(values[key]) : (fallback as number));
  env.bool = (key, fallback) => (values[key] !== undefined ? values[key] === 'true' : (fallback as boolean));
  return env;
}

class MemoryStorage {
  items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('CMS defaults', () => {
  it('listens on loopback unless HOST says otherwise', () => {
    expect(serverConfig({ env: envOf({}) }).host).toBe('127.0.0.1');
    expect(serverConfig({ env: envOf({ HOST: '0.0.0.0' }) }).host).toBe('0.0.0.0');
  });

  it('reads the GraphQL limits with their defaults and stops at a bad value, naming the variable', () => {
    expect(stadtnetzConfig({ env: envOf({}) }).graphqlLimits).toEqual({
      maxAliases: 30,
      maxCost: 200_000,
      similarCost: 100,
      searchCost: 100,
      timeoutMs: 5000,
    });
    expect(stadtnetzConfig({ env: envOf({ GRAPHQL_MAX_COST: '5000' }) }).graphqlLimits.maxCost).toBe(5000);
    for (const [name, value] of [
      ['GRAPHQL_MAX_COST', 'viel'],
      ['GRAPHQL_MAX_ALIASES', '0'],
      ['GRAPHQL_TIMEOUT_MS', '1.5'],
      ['GRAPHQL_COST_SIMILAR', '-1'],
    ]) {
      expect(() => stadtnetzConfig({ env: envOf({ [name as string]: value as string }) }), name).toThrow(
        name,
      );
    }
  });

  it("switches Strapi's guided tour off for an admin who has never seen it", () => {
    const storage = new MemoryStorage();
    turnOffGuidedTour(storage);
    expect(JSON.parse(storage.getItem(GUIDED_TOUR_KEY) ?? 'null')).toMatchObject({ enabled: false });
  });

  it('switches it off again after someone re-enabled it, keeping the rest of the state', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      GUIDED_TOUR_KEY,
      JSON.stringify({ enabled: true, tours: { contentManager: { currentStep: 2 } } }),
    );
    turnOffGuidedTour(storage);
    expect(JSON.parse(storage.getItem(GUIDED_TOUR_KEY) ?? 'null')).toEqual({
      enabled: false,
      hidden: true,
      tours: { contentManager: { currentStep: 2 } },
    });
    storage.setItem(GUIDED_TOUR_KEY, 'not json');
    turnOffGuidedTour(storage);
    expect(JSON.parse(storage.getItem(GUIDED_TOUR_KEY) ?? 'null')).toMatchObject({ enabled: false });
  });

  it('offers German in the admin and starts in German unless this browser chose another language', () => {
    expect(ADMIN_LOCALES).toContain('de');
    const storage = new MemoryStorage();
    preferGerman(storage);
    expect(storage.getItem(LANGUAGE_KEY)).toBe('de');
    storage.setItem(LANGUAGE_KEY, 'en');
    preferGerman(storage);
    expect(storage.getItem(LANGUAGE_KEY)).toBe('en');
  });

  it('reads the editor account and the preview settings, and stops at a short secret or a bad address', () => {
    const config = stadtnetzConfig({ env: envOf({ EDITOR_EMAIL: 'r@example.org', EDITOR_PASSWORD: 'x' }) });
    expect(config.editor).toMatchObject({ email: 'r@example.org', lastname: 'Redaktion' });
    expect(config.preview).toEqual({ websiteUrl: 'http://127.0.0.1:3000', secret: '', ttlSeconds: 3600 });
    expect(() => stadtnetzConfig({ env: envOf({ PREVIEW_SECRET: 'kurz' }) })).toThrow('PREVIEW_SECRET');
    expect(() => stadtnetzConfig({ env: envOf({ WEBSITE_URL: 'ftp://x' }) })).toThrow('WEBSITE_URL');
    expect(() => stadtnetzConfig({ env: envOf({ PREVIEW_TTL_SECONDS: '5' }) })).toThrow(
      'PREVIEW_TTL_SECONDS',
    );
  });

  it('turns Berlin wall-clock times into instants, across the summer-time change', () => {
    expect(berlinTime('2026-03-19', '10:00')).toBe('2026-03-19T09:00:00.000Z');
    expect(berlinTime('2026-06-18', '10:00')).toBe('2026-06-18T08:00:00.000Z');
    // The night of the change (29 March 2026, 02:00 → 03:00) and the day after it.
    expect(berlinTime('2026-03-29', '01:30')).toBe('2026-03-29T00:30:00.000Z');
    expect(berlinTime('2026-03-29', '10:00')).toBe('2026-03-29T08:00:00.000Z');
    expect(berlinTime('2026-10-25', '10:00')).toBe('2026-10-25T09:00:00.000Z');
  });
});

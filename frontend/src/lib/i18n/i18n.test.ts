import { describe, expect, it } from 'vitest';
import { de } from './de';
import { en } from './en';
import { formatDate, formatDateRange, translate } from './index';

describe('interface strings', () => {
  it('English has every German key, with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
    for (const key of Object.keys(de) as (keyof typeof de)[]) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]).sort();
      expect(names(en[key]), key).toEqual(names(de[key]));
    }
  });

  it('fills in placeholders', () => {
    expect(translate('de', 'projects.results', { count: 12 })).toBe('12 Projekte gefunden');
    expect(translate('en', 'projects.results', { count: 12 })).toBe('12 projects found');
  });

  it('writes counts by each language’s plural rules', () => {
    expect(translate('de', 'common.posts', { count: 1 })).toBe('1 Beitrag');
    expect(translate('de', 'common.posts', { count: 2 })).toBe('2 Beiträge');
    expect(translate('de', 'common.posts', { count: 0 })).toBe('0 Beiträge');
    expect(translate('de', 'common.projects', { count: 1 })).toBe('1 Projekt');
    expect(translate('de', 'projects.mapCity', { city: 'Essen', count: 1 })).toBe('Essen: 1 Projekt');
    expect(translate('de', 'projects.results', { count: 1234 })).toBe('1.234 Projekte gefunden');
    expect(translate('en', 'common.posts', { count: 1 })).toBe('1 post');
    expect(translate('en', 'common.projects', { count: 3 })).toBe('3 projects');
    expect(translate('de', 'thread.newPosts', { count: 1 })).toBe('1 neuer Beitrag');
    expect(translate('en', 'thread.morePosts', { count: 2 })).toBe('2 new posts on the next page');
    // Every plural in both languages has an `other` case.
    for (const text of [...Object.values(de), ...Object.values(en)]) {
      if (text.includes(', plural,')) expect(text, text).toMatch(/other \{/);
    }
  });

  it('writes dates the German way, in German time', () => {
    expect(formatDate('de', '2026-03-05T23:30:00Z')).toBe('6. März 2026');
    expect(formatDate('en', '2026-03-05T09:00:00Z', 'short')).toBe('05/03/2026');
    expect(formatDate('de', null)).toBe('');
  });

  it('says the date of a one-day workshop once, and both dates of a longer one', () => {
    // ICU versions differ in the spaces they use (thin, narrow no-break); what a reader sees is the same.
    const range = (...args: Parameters<typeof formatDateRange>) =>
      formatDateRange(...args).replace(/\s/g, ' ');
    expect(range('de', '2027-01-14T09:00:00Z', '2027-01-14T15:00:00Z')).toBe(
      '14. Januar 2027, 10:00–16:00 Uhr',
    );
    expect(range('en', '2027-01-14T09:00:00Z', '2027-01-14T15:00:00Z')).toBe('14 January 2027, 10:00–16:00');
    expect(range('de', '2027-01-14T09:00:00Z', '2027-01-15T15:00:00Z')).toBe(
      '14. Januar 2027 um 10:00 – 15. Januar 2027 um 16:00',
    );
    // No end, or an end before the start (an editor's slip): the start alone.
    expect(range('de', '2027-01-14T09:00:00Z', null)).toBe('14. Januar 2027 um 10:00');
    expect(range('de', '2027-01-14T09:00:00Z', '2027-01-14T08:00:00Z')).toBe('14. Januar 2027 um 10:00');
  });
});

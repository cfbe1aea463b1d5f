import { describe, expect, it } from 'vitest';
import { de } from './de';
import { en } from './en';
import { formatDate, translate } from './index';

describe('interface strings', () => {
  it('English has every German key, with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
    for (const key of Object.keys(de) as (keyof typeof de)[]) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(en[key]), key).toEqual(names(de[key]));
    }
  });

  it('fills in placeholders', () => {
    expect(translate('de', 'projects.results', { count: 12 })).toBe('12 Projekte gefunden');
    expect(translate('en', 'projects.results', { count: 12 })).toBe('12 projects found');
  });

  it('writes dates the German way, in German time', () => {
    expect(formatDate('de', '2026-03-05T23:30:00Z')).toBe('6. März 2026');
    expect(formatDate('en', '2026-03-05T09:00:00Z', 'short')).toBe('05/03/2026');
    expect(formatDate('de', null)).toBe('');
  });
});

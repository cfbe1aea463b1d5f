import { describe, expect, it } from 'vitest';
import { stems } from '../src/features/search/german-text';
import { prefixTsQuery } from '../src/features/search/project-search';

describe('German text helpers', () => {
  it('brings inflected forms to a common stem', () => {
    expect(stems('Sprachkurs')[0]).toBe(stems('Sprachkursen')[0]);
    expect('sprachkurse').toContain(stems('Sprachkurse')[0]);
    expect(stems('Geflüchteten')[0]).toBe(stems('Geflüchtete')[0]);
  });

  it('drops stop words', () => {
    expect(stems('für die Eltern und Kinder')).toEqual([stems('Eltern')[0], stems('Kinder')[0]]);
  });

  it('builds a prefix tsquery that cannot carry tsquery syntax', () => {
    expect(prefixTsQuery('Sprachkurs Eltern')).toBe('Sprachkurs:* & Eltern:*');
    expect(prefixTsQuery("kurs') | !x & <-> :*")).toBe('kurs:*');
    expect(prefixTsQuery('  ')).toBe('');
  });
});

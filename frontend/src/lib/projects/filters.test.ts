import { describe, expect, it } from 'vitest';
import { pageWindow, parseProjectQuery, projectsHref, toProjectFilters } from './filters';

describe('project filters in the URL', () => {
  it('reads filters, sort and page, ignoring nonsense', () => {
    const query = parseProjectQuery(
      new URLSearchParams('feld=wohnen&stadt=leipzig&sort=titel&seite=3&q=Sprachkurs&ansicht=karte'),
    );
    expect(query).toMatchObject({
      feld: 'wohnen',
      stadt: 'leipzig',
      sort: 'titel',
      seite: 3,
      q: 'Sprachkurs',
    });
    expect(query.ansicht).toBe('karte');
    const bad = parseProjectQuery(new URLSearchParams('sort=DROP&seite=-4'));
    expect(bad.sort).toBe('neueste');
    expect(bad.seite).toBe(1);
  });

  it('builds the CMS filter from the set filters only', () => {
    expect(toProjectFilters(parseProjectQuery(new URLSearchParams()))).toEqual({});
    expect(
      toProjectFilters(
        parseProjectQuery(
          new URLSearchParams('feld=bildung&stadt=koeln&land=bayern&status=laufend&zielgruppe=frauen'),
        ),
      ),
    ).toEqual({
      actionFields: { slug: { eq: 'bildung' } },
      city: { slug: { eq: 'koeln' }, federalState: { eq: 'bayern' } },
      projectStatus: { eq: 'laufend' },
      targetGroups: { group: { eq: 'frauen' } },
    });
  });

  it('links keep the other filters and go back to page 1 when a filter changes', () => {
    const query = parseProjectQuery(new URLSearchParams('feld=wohnen&seite=4'));
    expect(projectsHref(query, { stadt: 'leipzig' })).toBe('/projekte?feld=wohnen&stadt=leipzig');
    expect(projectsHref(query, { seite: 5 })).toBe('/projekte?feld=wohnen&seite=5');
    expect(projectsHref(query, { feld: '' })).toBe('/projekte');
  });

  it('shows a window of page numbers with gaps', () => {
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(6, 12)).toEqual([1, null, 4, 5, 6, 7, 8, null, 12]);
  });
});

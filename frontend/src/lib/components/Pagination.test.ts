import { describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';

vi.mock('$app/state', () => ({ page: { data: { locale: 'de' } } }));
const { default: Pagination } = await import('./Pagination.svelte');

describe('Pagination', () => {
  it('links the pages around the current one and marks it for screen readers', () => {
    const { body } = render(Pagination, {
      props: { current: 5, count: 12, href: (page: number) => `/projekte?seite=${page}` },
    });
    expect(body).toContain('aria-label="Seitennavigation"');
    expect(body).toMatch(/href="\/projekte\?seite=5" aria-current="page" aria-label="Seite 5"/);
    expect(body).toContain('href="/projekte?seite=4" rel="prev"');
    expect(body).toContain('href="/projekte?seite=6" rel="next"');
    expect(body).toContain('href="/projekte?seite=12"');
    expect(body).not.toContain('seite=9"');
  });

  it('shows nothing for a single page', () => {
    const { body } = render(Pagination, { props: { current: 1, count: 1, href: () => '/' } });
    expect(body).not.toContain('<nav');
  });
});

import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown (reply preview)', () => {
  it('renders emphasis, code, links and paragraphs', () => {
    expect(renderMarkdown('**Wichtig**: siehe *hier* und `code`\n\nZweiter Absatz')).toBe(
      '<p><strong>Wichtig</strong>: siehe <em>hier</em> und <code>code</code></p>\n<p>Zweiter Absatz</p>',
    );
    expect(renderMarkdown('[Stadtnetz](https://example.org/a)')).toBe(
      '<p><a href="https://example.org/a" rel="nofollow noopener">Stadtnetz</a></p>',
    );
  });

  it('renders lists, quotes and headings below the page headings', () => {
    expect(renderMarkdown('- eins\n- zwei')).toBe('<ul><li>eins</li><li>zwei</li></ul>');
    expect(renderMarkdown('1. eins\n2. zwei')).toBe('<ol><li>eins</li><li>zwei</li></ol>');
    expect(renderMarkdown('> Zitat')).toBe('<blockquote><p>Zitat</p></blockquote>');
    expect(renderMarkdown('# Titel')).toBe('<h4>Titel</h4>');
  });

  it('never lets markup or script URLs through', () => {
    const html = renderMarkdown('<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=y>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('&lt;script&gt;');
  });
});

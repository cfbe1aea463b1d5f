import { describe, expect, it } from 'vitest';
import { mentionedHandles, renderMarkdown } from './render-markdown.js';

describe('renderMarkdown', () => {
  it('renders the Markdown members write', () => {
    expect(renderMarkdown('**fett**, _kursiv_ und `code`')).toBe(
      '<p><strong>fett</strong>, <em>kursiv</em> und <code>code</code></p>',
    );
    expect(renderMarkdown('- eins\n- zwei')).toBe('<ul>\n<li>eins</li>\n<li>zwei</li>\n</ul>');
  });

  it('demotes headings below the page headings', () => {
    expect(renderMarkdown('# Titel')).toBe('<h3>Titel</h3>');
  });

  it('opens links safely and drops javascript: links', () => {
    expect(renderMarkdown('[Stadt](https://example.org)')).toBe(
      '<p><a href="https://example.org" rel="nofollow ugc noopener noreferrer" target="_blank">Stadt</a></p>',
    );
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toContain('href="javascript');
    expect(renderMarkdown('<a href="javascript:alert(1)">x</a>')).not.toContain('<a');
  });

  it('shows raw HTML as text, never as markup', () => {
    const html = renderMarkdown('<script>alert(1)</script><svg onload=alert(1)>');
    expect(html).not.toMatch(/<script|<svg/);
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('mentionedHandles', () => {
  it('finds each @handle once, not e-mail addresses or code', () => {
    expect(
      mentionedHandles('Hallo @anna-mueller und @Ben_2, @anna-mueller! mail@example.org `@code`'),
    ).toEqual(['anna-mueller', 'ben_2']);
  });
});

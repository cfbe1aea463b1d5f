import { describe, expect, it } from 'vitest';
import { mentionedHandles, renderMarkdown } from './render-markdown.js';

describe('renderMarkdown', () => {
  it('renders the Markdown people write', () => {
    expect(renderMarkdown('**fett**, _kursiv_ und `code`')).toBe(
      '<p><strong>fett</strong>, <em>kursiv</em> und <code>code</code></p>',
    );
    expect(renderMarkdown('- eins\n- zwei')).toBe('<ul>\n<li>eins</li>\n<li>zwei</li>\n</ul>');
  });

  it('keeps the line breaks typed inside a paragraph', () => {
    expect(renderMarkdown('Erste Zeile\nzweite Zeile')).toBe('<p>Erste Zeile<br />\nzweite Zeile</p>');
  });

  it('puts the text’s headings below the page’s own, keeping their order', () => {
    expect(renderMarkdown('# Titel')).toBe('<h3>Titel</h3>');
    expect(renderMarkdown('## Ausgangslage\n\nText\n\n### Details')).toBe(
      '<h3>Ausgangslage</h3>\n<p>Text</p>\n<h4>Details</h4>',
    );
    expect(renderMarkdown('## Ausgangslage', { topHeading: 4 })).toBe('<h4>Ausgangslage</h4>');
    expect(renderMarkdown('# a\n\n###### f', { topHeading: 5 })).toBe('<h5>a</h5>\n<h6>f</h6>');
  });

  it('opens links safely and drops javascript: links', () => {
    expect(renderMarkdown('[Stadt](https://example.org)')).toBe(
      '<p><a href="https://example.org" rel="nofollow ugc noopener noreferrer" target="_blank">Stadt</a></p>',
    );
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toContain('href="javascript');
    expect(renderMarkdown('<a href="javascript:alert(1)">x</a>')).not.toContain('<a');
  });

  it('shows raw HTML as text, never as markup', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script><svg onload=alert(1)>\n\n<img src=x onerror=alert(1)>',
    );
    expect(html).not.toMatch(/<script|<svg|<img/);
    expect(html).toContain('&lt;script&gt;');
  });

  it('links @handle mentions of known members to their profiles, and nothing else', () => {
    const members: Record<string, string> = { 'anna-schmidt': '/mitglieder/a1', bo: '/mitglieder/b2' };
    const mentions = (handle: string) => members[handle];
    expect(renderMarkdown('Danke @Anna-Schmidt und @bo!', { mentions })).toBe(
      '<p>Danke <a href="/mitglieder/a1" class="mention">@Anna-Schmidt</a> und ' +
        '<a href="/mitglieder/b2" class="mention">@bo</a>!</p>',
    );
    // Unknown handles, e-mail addresses, code and links stay as written.
    const html = renderMarkdown('@niemand anna@bo.de `@bo` [@bo](https://example.org)\n\n    @bo', {
      mentions,
    });
    expect(html).not.toContain('class="mention"');
    expect(html).toContain('@niemand');
    // Without a resolver nothing is linked; a resolver cannot smuggle in another site or a script.
    expect(renderMarkdown('@bo')).toBe('<p>@bo</p>');
    expect(renderMarkdown('@bo', { mentions: () => 'javascript:alert(1)' })).toBe('<p>@bo</p>');
    expect(renderMarkdown('@bo', { mentions: () => '//evil.example' })).toBe('<p>@bo</p>');
  });

  it('finds the handles a text mentions, outside code', () => {
    expect(mentionedHandles('@Anna-Schmidt und @bo, `@code`, anna@example.org, @bo')).toEqual([
      'anna-schmidt',
      'bo',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { excerptOf, highlightHtml, plainText, searchExcerpt } from '../src/features/search/excerpt';

/** Members' Markdown as it may arrive: raw HTML, entities, links with script URLs, broken tags. */
const HOSTILE = [
  '<script>alert(1)</script>Sprachkurs',
  '<img src=x onerror=alert(1)>Sprachkurs',
  '<svg/onload=alert(1)>Sprachkurs',
  '<a href="javascript:alert(1)">Sprachkurs</a>',
  '[Sprachkurs](javascript:alert(1))',
  '![Sprachkurs](x" onerror="alert(1))',
  '&lt;script&gt;alert(1)&lt;/script&gt; Sprachkurs',
  '&#60;img src=x onerror=alert(1)&#62; Sprachkurs',
  '&#x3c;iframe src=javascript:alert(1)&#x3e; Sprachkurs',
  '<<script>script>alert(1)<</script>/script> Sprachkurs',
  '<scr<script>ipt>alert(1)</script> Sprachkurs',
  '<!-- <script>alert(1)</script> --> Sprachkurs',
  '<style>body{display:none}</style> Sprachkurs',
  'Sprachkurs <div title="x" onmouseover="alert(1)"',
  '"><script>alert(1)</script> Sprachkurs',
  "Sprachkurs ' onfocus='alert(1)' autofocus='",
  '<iframe srcdoc="<script>alert(1)</script>"></iframe> Sprachkurs',
  '`<b>code</b>` Sprachkurs',
  'Sprachkurs\u0000\u0007<b>fett</b>',
];

describe('search excerpts are safe text', () => {
  it('leaves no tag, no angle bracket and no script in the plain text', () => {
    for (const markdown of HOSTILE) {
      const text = plainText(markdown);
      expect(text, markdown).not.toMatch(/[<>]/);
      expect(text, markdown).not.toMatch(/<script|onerror=.*</i);
      expect(text, markdown).toContain('Sprachkurs');
      expect(
        [...text].some((char) => char.charCodeAt(0) < 9),
        markdown,
      ).toBe(false);
    }
    expect(plainText('<script>alert(1)</script>Sprachkurs')).toBe('Sprachkurs');
    expect(plainText('<style>body{display:none}</style> Sprachkurs')).toBe('Sprachkurs');
  });

  it('turns Markdown into its words', () => {
    expect(
      plainText(
        '# Überschrift\n\nDas Projekt **verbindet** _Sprachen_ mit [Kursen](https://example.org).\n\n- eins\n- zwei',
      ),
    ).toBe('Überschrift Das Projekt verbindet Sprachen mit Kursen. eins zwei');
    expect(plainText('Mütter &amp; Väter lernen &quot;Deutsch&quot;')).toBe(
      'Mütter & Väter lernen "Deutsch"',
    );
  });

  it('escapes everything in the HTML excerpt and marks only the matched words', () => {
    for (const markdown of HOSTILE) {
      const { excerpt, excerptHtml } = searchExcerpt(
        { summary: markdown, description: markdown },
        'Sprachkurs',
      );
      // Outside the <mark> elements there are no tags, and no raw quotes to break out of an attribute.
      const withoutMarks = excerptHtml.replace(/<\/?mark>/g, '');
      expect(withoutMarks, markdown).not.toMatch(/[<>"']/);
      expect(excerptHtml, markdown).toContain('<mark>Sprachkurs</mark>');
      expect(excerpt, markdown).not.toMatch(/[<>]/);
    }
    expect(highlightHtml('Sprachkurse & "mehr"', 'Sprachkurs')).toBe(
      '<mark>Sprachkurse</mark> &amp; &quot;mehr&quot;',
    );
  });

  it('cuts long texts around the first match', () => {
    const text =
      `${'Vorrede '.repeat(60)}Hier beginnt der Sprachkurs für Eltern. ${'Nachrede '.repeat(60)}`.trim();
    const excerpt = excerptOf(text, 'Sprachkurs');
    expect(excerpt).toContain('Sprachkurs');
    expect(excerpt.startsWith('…')).toBe(true);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(202);
  });
});

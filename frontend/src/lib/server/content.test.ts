import { describe, expect, it } from 'vitest';
import { markdownHtml, withoutLeadingSummary } from './content';

describe('CMS texts', () => {
  it('renders Markdown safely, headings below the page’s h2', () => {
    expect(markdownHtml('## Ausgangslage\n\n*Demo*')).toBe('<h3>Ausgangslage</h3>\n<p><em>Demo</em></p>');
    expect(markdownHtml('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(markdownHtml('  ')).toBeNull();
    expect(markdownHtml(null)).toBeNull();
  });

  it('drops a first paragraph that repeats the summary', () => {
    const summary = 'Mütter und Väter lernen Deutsch.';
    expect(withoutLeadingSummary(`${summary}\n\n## Ausgangslage\n\nText`, summary)).toBe(
      '## Ausgangslage\n\nText',
    );
    expect(withoutLeadingSummary(`Mütter und  Väter\nlernen Deutsch.\r\n\r\nMehr`, summary)).toBe('Mehr');
    expect(withoutLeadingSummary('Etwas anderes.\n\nMehr', summary)).toBe('Etwas anderes.\n\nMehr');
    expect(withoutLeadingSummary(null, summary)).toBeNull();
  });
});

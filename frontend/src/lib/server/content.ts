// The CMS's Markdown fields (project descriptions, outcomes, transferability; workshop documentation) as safe
// HTML, rendered here on the server by the platform's one renderer (packages/markdown, the forum's too): raw
// HTML in the text is shown as text, links are safe, headings sit below the page's own. The browser gets
// HTML only, never the renderer.
import { renderMarkdown, type HeadingLevel } from '@stadtnetz/markdown';

/** Markdown as sanitized HTML; empty text as null (the page leaves its section out). */
export function markdownHtml(text: string | null | undefined, topHeading: HeadingLevel = 3): string | null {
  if (!text?.trim()) return null;
  const html = renderMarkdown(text, { topHeading });
  return html === '' ? null : html;
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * A description that opens with the summary (as the demo content and many editors' texts do) without that
 * first paragraph: the page shows the summary once, above.
 */
export function withoutLeadingSummary(
  description: string | null | undefined,
  summary: string,
): string | null {
  if (!description) return null;
  const [first, ...rest] = description
    .replace(/\r\n?/g, '\n')
    .trimStart()
    .split(/\n[ \t]*\n/);
  if (first !== undefined && normalise(first) === normalise(summary)) return rest.join('\n\n');
  return description;
}

import { fold, stem, stems } from './german-text';

/**
 * Search excerpts as safe text. Project texts are Markdown, and members' submissions may carry raw HTML in it;
 * an excerpt must be harmless wherever a portal puts it:
 * - `plainText` drops HTML tags (script and style with their content), comments, Markdown syntax, decodes
 *   character references, and replaces any `<` or `>` left over by ‹ and ›, so that the text cannot form a tag
 *   even when someone inserts it as HTML;
 * - `highlightHtml` escapes every character of such a text and marks the matched words with `<mark>`.
 */

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeReferences(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, reference: string) => {
    if (reference[0] === '#') {
      const code =
        reference[1] === 'x' || reference[1] === 'X'
          ? parseInt(reference.slice(2), 16)
          : parseInt(reference.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : '';
    }
    return NAMED[reference.toLowerCase()] ?? whole;
  });
}

/** Markdown (with any HTML in it) as plain, tag-free text on one line. */
export function plainText(markdown: string | null | undefined): string {
  let text = markdown ?? '';
  text = text
    .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .replace(/<(script|style|iframe|object|template|noscript)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
    .replace(/<\/?[a-z!?][^<>]*>/gi, ' ');
  text = text
    .replace(/^\s{0,3}(```|~~~).*$/gm, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/^\s{0,3}\[[^\]]+\]:\s*\S+.*$/gm, ' ')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/^\s*([-*+]|\d{1,9}[.)])\s+/gm, '')
    .replace(/^\s{0,3}([-*_]\s*){3,}$/gm, ' ')
    .replace(/(\*\*|__|~~|`+)/g, '')
    .replace(/(^|[\s(])[*_]+(?=\S)|(?<=\S)[*_]+(?=[\s).,;:!?]|$)/g, '$1');
  text = decodeReferences(text)
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    // eslint-disable-next-line no-control-regex -- control characters have no place in an excerpt
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
  return text.replace(/\s+/g, ' ').trim();
}

function matches(word: string, terms: readonly string[]): boolean {
  const folded = fold(word);
  const stemmed = stem(folded);
  return terms.some((term) => stemmed.startsWith(term) || folded.includes(term));
}

/**
 * About `length` characters of `text` around the first word that matches the query (from the start when none
 * does), cut at word boundaries, with … where it was cut.
 */
export function excerptOf(text: string, query: string, length = 200): string {
  if (text.length <= length) return text;
  const terms = stems(query);
  let at = 0;
  const pattern = /[\p{L}\p{N}]+/gu;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (matches(match[0], terms)) {
      at = match.index;
      break;
    }
  }
  let start = Math.max(0, at - Math.floor(length / 3));
  let end = Math.min(text.length, start + length);
  start = Math.max(0, end - length);
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char] as string);

/** Escaped HTML of a plain text, with the words matching the query in `<mark>`. */
export function highlightHtml(text: string, query: string): string {
  const terms = stems(query);
  if (terms.length === 0) return escapeHtml(text);
  let html = '';
  let last = 0;
  const pattern = /[\p{L}\p{N}]+/gu;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (!matches(match[0], terms)) continue;
    html += `${escapeHtml(text.slice(last, match.index))}<mark>${escapeHtml(match[0])}</mark>`;
    last = match.index + match[0].length;
  }
  return html + escapeHtml(text.slice(last));
}

/** The excerpt of a project for a search: from its summary and description, as text and as marked HTML. */
export function searchExcerpt(
  project: { summary?: string | null; description?: string | null },
  query: string,
): { excerpt: string; excerptHtml: string } {
  const text = plainText(`${project.summary ?? ''}\n\n${project.description ?? ''}`);
  const excerpt = excerptOf(text, query);
  return { excerpt, excerptHtml: highlightHtml(excerpt, query) };
}

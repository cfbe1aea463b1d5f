// A small Markdown renderer for the reply preview only. The forum renders and sanitises the stored
// HTML itself; this one escapes every character of input first, so the preview cannot inject markup.
const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function inline(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
    .replace(/_([^_\s][^_]*)_/g, '<em>$1</em>')
    .replace(
      /\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g,
      (_m, label: string, url: string) => `<a href="${url}" rel="nofollow noopener">${label}</a>`,
    );
}

/** Markdown (paragraphs, headings, lists, quotes, emphasis, code, links) to safe HTML. */
export function renderMarkdown(source: string): string {
  const blocks = source.replace(/\r\n?/g, '\n').split(/\n{2,}/);
  return blocks
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => {
      const lines = block.split('\n');
      if (lines.every((line) => /^\s*[-*]\s+/.test(line)))
        return `<ul>${lines.map((line) => `<li>${inline(line.replace(/^\s*[-*]\s+/, ''))}</li>`).join('')}</ul>`;
      if (lines.every((line) => /^\s*\d+[.)]\s+/.test(line)))
        return `<ol>${lines.map((line) => `<li>${inline(line.replace(/^\s*\d+[.)]\s+/, ''))}</li>`).join('')}</ol>`;
      if (lines.every((line) => line.startsWith('>')))
        return `<blockquote><p>${lines.map((line) => inline(line.replace(/^>\s?/, ''))).join('<br>')}</p></blockquote>`;
      const heading = /^(#{1,3})\s+(.*)$/.exec(block);
      if (heading && lines.length === 1) {
        // Posts sit under the page's h2/h3; their headings start at h4.
        const level = heading[1]!.length + 3;
        return `<h${level}>${inline(heading[2]!)}</h${level}>`;
      }
      return `<p>${lines.map(inline).join('<br>')}</p>`;
    })
    .join('\n');
}

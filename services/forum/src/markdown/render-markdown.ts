import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Raw HTML in member Markdown is not rendered at all (html: false); the sanitizer is the second wall,
// should a Markdown construct ever produce something unexpected (javascript: links, event handlers).
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'strong',
    'em',
    's',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'h3',
    'h4',
    'h5',
    'h6',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'title'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  // Headings in a post must not compete with the page's own h1/h2 (accessibility: heading order).
  transformTags: {
    h1: 'h3',
    h2: 'h4',
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc noopener noreferrer', target: '_blank' }),
  },
};
sanitizeOptions.allowedAttributes = {
  ...sanitizeOptions.allowedAttributes,
  a: ['href', 'title', 'rel', 'target'],
};

export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), sanitizeOptions).trim();
}

const mentionPattern = /(?<![\w@])@([a-z0-9][a-z0-9_-]{1,39})/gi;

/** The handles a text mentions (`@anna-schmidt`), lower-cased, each once. */
export function mentionedHandles(source: string): string[] {
  const withoutCode = source.replace(/```[\s\S]*?```|`[^`]*`/g, '');
  return [...new Set([...withoutCode.matchAll(mentionPattern)].map((match) => match[1]!.toLowerCase()))];
}

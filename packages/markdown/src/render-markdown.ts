import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Raw HTML in Markdown is not rendered at all (html: false); the sanitizer is the second wall, should a
// Markdown construct ever produce something unexpected (javascript: links, event handlers). `breaks` keeps the
// line breaks people type: a submitted project or a post written line by line reads as it was written.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

type Token = ReturnType<typeof markdown.parse>[number];

// Mentions become link tokens after inline parsing, so code spans, code blocks and existing links are never
// touched (they are other token types, or text between link_open and link_close).
markdown.core.ruler.push('mentions', (state) => {
  const resolve = (state.env as { mentions?: RenderOptions['mentions'] }).mentions;
  if (!resolve) return;
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const out: Token[] = [];
    let inLink = 0;
    for (const token of block.children) {
      if (token.type === 'link_open') inLink += 1;
      if (token.type === 'link_close') inLink -= 1;
      if (token.type !== 'text' || inLink > 0 || !token.content.includes('@')) {
        out.push(token);
        continue;
      }
      let last = 0;
      for (const match of token.content.matchAll(MENTION)) {
        const href = resolve(match[1]!.toLowerCase());
        if (!href || !href.startsWith('/') || href.startsWith('//')) continue;
        if (match.index > last) out.push(textToken(state, token.content.slice(last, match.index)));
        const open = new state.Token('link_open', 'a', 1);
        open.attrs = [
          ['href', href],
          ['class', 'mention'],
        ];
        out.push(open, textToken(state, match[0]), new state.Token('link_close', 'a', -1));
        last = match.index + match[0].length;
      }
      if (last === 0) out.push(token);
      else if (last < token.content.length) out.push(textToken(state, token.content.slice(last)));
    }
    block.children = out;
  }
});

function textToken(
  state: { Token: new (type: string, tag: string, nesting: -1 | 0 | 1) => Token },
  content: string,
) {
  const token = new state.Token('text', '', 0);
  token.content = content;
  return token;
}

export type HeadingLevel = 2 | 3 | 4 | 5 | 6;

export interface RenderOptions {
  /**
   * The level the text's highest heading becomes; the others keep their distance below it (at most h6). A text
   * sits under the page's own headings and must not compete with them (accessibility: heading order).
   * @default 3
   */
  topHeading?: HeadingLevel;
  /**
   * Turns `@handle` mentions into links: given a mentioned handle (lower-cased), the path of that member's
   * profile, or undefined for a handle that names nobody (it stays text). Mentions in code and inside links stay
   * as written. A mention link is a same-site path (`/…`), marked `class="mention"`, opened in the same tab.
   */
  mentions?: (handle: string) => string | undefined;
}

/** `@anna-schmidt`: after a non-word character, 2 to 40 letters, digits, "-" or "_" (the forum's handles). */
export const MENTION = /(?<![\w@])@([a-z0-9][a-z0-9_-]{1,39})/gi;

/** The handles a text mentions, lower-cased, each once (code left out). */
export function mentionedHandles(source: string): string[] {
  const withoutCode = source.replace(/```[\s\S]*?```|`[^`]*`/g, '');
  return [...new Set([...withoutCode.matchAll(MENTION)].map((match) => match[1]!.toLowerCase()))];
}

const BASE_TAGS = [
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
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];

function sanitizeOptions(topHeading: HeadingLevel): sanitizeHtml.IOptions {
  const headings: string[] = [];
  for (let level = topHeading; level <= 6; level += 1) headings.push(`h${level}`);
  return {
    allowedTags: [...BASE_TAGS, ...headings],
    allowedAttributes: {
      a: ['href', 'title', 'rel', 'target', 'class'],
      ol: ['start'],
      th: ['align'],
      td: ['align'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    allowedClasses: { a: ['mention'] },
    transformTags: {
      // Links leave the site in a new tab, marked as not endorsed; a mention is a link to a profile on this site.
      a: (tagName, attribs): sanitizeHtml.Tag => {
        const href = attribs['href'] ?? '';
        if (attribs['class'] === 'mention' && href.startsWith('/') && !href.startsWith('//')) {
          return { tagName, attribs: { href, class: 'mention' } };
        }
        const rest: sanitizeHtml.Attributes = { ...attribs };
        delete rest['class'];
        return {
          tagName,
          attribs: { ...rest, rel: 'nofollow ugc noopener noreferrer', target: '_blank' },
        };
      },
    },
  };
}
const optionsByTop = new Map<HeadingLevel, sanitizeHtml.IOptions>();

/** Markdown (raw HTML shown as text) as sanitized HTML. */
export function renderMarkdown(source: string, options: RenderOptions = {}): string {
  const topHeading = options.topHeading ?? 3;
  const tokens = markdown.parse(source, { mentions: options.mentions });
  const levels = tokens.filter((token) => token.type === 'heading_open').map((token) => Number(token.tag[1]));
  const shift = levels.length > 0 ? topHeading - Math.min(...levels) : 0;
  for (const token of tokens) {
    if (token.type !== 'heading_open' && token.type !== 'heading_close') continue;
    token.tag = `h${Math.min(6, Number(token.tag[1]) + shift)}`;
  }
  let sanitize = optionsByTop.get(topHeading);
  if (!sanitize) optionsByTop.set(topHeading, (sanitize = sanitizeOptions(topHeading)));
  return sanitizeHtml(markdown.renderer.render(tokens, markdown.options, {}), sanitize).trim();
}

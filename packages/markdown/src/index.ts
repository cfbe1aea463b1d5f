export {
  MENTION,
  mentionedHandles,
  renderMarkdown,
  type HeadingLevel,
  type RenderOptions,
} from './render-markdown.js';

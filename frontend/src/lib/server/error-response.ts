// An error answer of an endpoint (+server.ts) that a person may open in the browser: a small page in the
// visitor's language. SvelteKit's own fallback for endpoints would print the message key ("error.notFound").
import { translate, type Locale, type MessageKey } from '$lib/i18n';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

export function errorResponse(status: number, message: MessageKey, locale: Locale): Response {
  const title = escape(translate(locale, 'error.title', { status }));
  return new Response(
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} – ${escape(translate(locale, 'site.name'))}</title></head>` +
      `<body><main><h1>${title}</h1><p>${escape(translate(locale, message))}</p><p><a href="/">${escape(translate(locale, 'error.backHome'))}</a></p></main></body></html>`,
    { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } },
  );
}

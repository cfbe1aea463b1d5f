// The guard every end-to-end page gets (see `newPage`): whatever a test does, a page that answers 403 or 5xx,
// shows SvelteKit's or Node's English fallbacks or a stack trace, or is not in the visitor's language fails
// the test. `problemsOf` is the detection itself, a plain function, so that a test can prove it works.
import type { BrowserContext, Response } from 'playwright-core';

export type Locale = 'de' | 'en';

/** One answer of the website as the guard sees it. */
export interface ObservedResponse {
  url: string;
  method: string;
  status: number;
  contentType: string;
  /** The body, or null when there is none to read (redirects). */
  body: string | null;
  /**
   * The language the visitor chose (the `stadtnetz_lang` cookie the browser sent; German without one); null for
   * another site's page, whose language is not the website's to choose.
   */
  locale: Locale | null;
}

/** Texts that only SvelteKit's or Node's own fallbacks (never the website's pages) show, or that leak internals. */
const FALLBACKS: [RegExp, string][] = [
  [/Internal Error/, 'SvelteKit’s English “Internal Error”'],
  [/Cross-site/i, 'SvelteKit’s English cross-site refusal'],
  [/(?:^\s*|>\s*|"message":\s*")Not found\b/i, 'the raw English “Not found”'],
  [/Error:[^\n]*(?:\n|\\n)\s+at /, 'a stack trace (“Error:” with “    at ” frames)'],
  [/(?:^|\n|\\n) {4}at \S+/, 'stack frames (“    at ”)'],
  [/node_modules/, 'a path into node_modules'],
  [/\/src\//, 'a source path (/src/)'],
];

/** What is wrong with one response; empty when a person would see nothing amiss. */
export function problemsOf(response: ObservedResponse): string[] {
  const where = `${response.method} ${response.url} → ${response.status}`;
  const problems: string[] = [];
  if (response.status === 403) problems.push(`${where}: status 403`);
  if (response.status >= 500) problems.push(`${where}: status ${response.status}`);
  const body = response.body;
  if (body === null) return problems;
  for (const [pattern, what] of FALLBACKS) {
    const match = pattern.exec(body);
    if (match) problems.push(`${where}: ${what}: …${excerpt(body, match.index)}…`);
  }
  if (response.locale && response.contentType.startsWith('text/html')) {
    const lang = /<html\b[^>]*\blang="([^"]*)"/i.exec(body)?.[1];
    if (lang !== response.locale)
      problems.push(`${where}: <html lang="${lang ?? ''}">, but the visitor chose “${response.locale}”`);
  }
  return problems;
}

function excerpt(body: string, index: number) {
  return body
    .slice(Math.max(0, index - 60), index + 120)
    .replace(/\s+/g, ' ')
    .trim();
}

function localeOf(cookieHeader: string | undefined): Locale {
  const chosen = /(?:^|;\s*)stadtnetz_lang=(de|en)\b/.exec(cookieHeader ?? '')?.[1];
  return chosen === 'en' ? 'en' : 'de';
}

const isOf = (origin: string, url: string) => new URL(url).origin === origin;

/** The responses the guard reads: documents and navigations, form posts (plain and enhanced), page data. */
function isWatched(response: Response, websiteOrigin: string) {
  const request = response.request();
  if (request.isNavigationRequest()) return true;
  if (!isOf(websiteOrigin, response.url())) return false;
  return request.method() === 'POST' || new URL(response.url()).pathname.endsWith('/__data.json');
}

export class PageGuard {
  private readonly found: string[] = [];
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly websiteOrigin: string) {}

  /** Starts watching every page of the context. */
  watch(context: BrowserContext) {
    context.on('response', (response) => {
      if (!isWatched(response, this.websiteOrigin)) return;
      const check = this.inspect(response).finally(() => this.pending.delete(check));
      this.pending.add(check);
    });
    context.on('page', (page) => this.watchPage(page));
    for (const page of context.pages()) this.watchPage(page);
  }

  private watchPage(page: import('playwright-core').Page) {
    page.on('pageerror', (error) =>
      this.report(`uncaught exception in the page ${page.url()}: ${error.stack ?? error.message}`),
    );
  }

  private async inspect(response: Response) {
    const request = response.request();
    const status = response.status();
    const headers = await request.allHeaders().catch(() => ({}) as Record<string, string>);
    let body: string | null = null;
    // A redirect has no body to read; every other answer's body is what the person sees.
    if (status < 300 || status >= 400) {
      body = await response.text().catch(() => null);
      if (body === null && (status === 403 || status >= 500 || request.isNavigationRequest()))
        body = await response.body().then(
          (bytes) => bytes.toString('utf8'),
          () => null,
        );
    }
    for (const problem of problemsOf({
      url: response.url(),
      method: request.method(),
      status,
      contentType: (await response.headerValue('content-type').catch(() => null)) ?? '',
      body,
      locale: isOf(this.websiteOrigin, response.url()) ? localeOf(headers['cookie']) : null,
    }))
      this.report(problem);
  }

  private report(problem: string) {
    this.found.push(problem);
    console.error(`[guard] ${problem}`);
  }

  /** Waits until every response seen so far is checked. */
  async settle() {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  /** The problems found so far, forgotten by the guard (for a test that provokes one on purpose). */
  async take(): Promise<string[]> {
    await this.settle();
    return this.found.splice(0);
  }

  async assertClean() {
    const problems = await this.take();
    if (problems.length)
      throw new Error(`the page guard found what a person must never see:\n- ${problems.join('\n- ')}`);
  }
}

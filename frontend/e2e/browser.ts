// Debian's Chromium, headless, driven by playwright-core; flags that keep it off the network.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { onTestFinished } from 'vitest';
import { PageGuard } from './guard';
import { frontendDir } from './platform';

const require = createRequire(import.meta.url);
export const outputDir = path.join(frontendDir, 'test-output');

export async function launchBrowser() {
  // playwright-core starts Chromium with a fresh --user-data-dir of its own in a temp folder (it refuses the
  // flag in launch()); each test's "person" is a separate context with its own cookies.
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/**
 * A person's own browser (a context with its own cookies) and a page in it, watched by a `PageGuard`: a 403, a
 * 5xx, an English fallback page, a stack trace or a page in another language than the chosen one fails the test
 * that opened it, even if the test never looks. The context is closed when the test ends.
 */
export async function newPage(
  browser: Browser,
  baseURL: string,
  options: { javaScriptEnabled?: boolean } = {},
) {
  const context: BrowserContext = await browser.newContext({ baseURL, locale: 'de-DE', ...options });
  const guard = new PageGuard(new URL(baseURL).origin);
  guard.watch(context);
  // Closing a context discards the bodies not read yet: let the guard read them first.
  const close = context.close.bind(context);
  context.close = async (closeOptions) => {
    await guard.settle();
    await close(closeOptions);
  };
  onTestFinished(async () => {
    await context.close();
    await guard.assertClean();
  });
  const page = await context.newPage();
  return { context, page, guard };
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(outputDir, { recursive: true });
  await page.screenshot({ path: path.join(outputDir, `${name}.png`), fullPage: false });
}

const axeSource: string = require('axe-core').source;

/** The WCAG 2.2 level A and AA rules (2.0, 2.1 and 2.2 success criteria), as axe-core tags them. */
export const WCAG22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe-core for WCAG 2.2 A and AA on the page; returns the violations, readable. */
export async function axeViolations(page: Page, tags: string[] = WCAG22_AA) {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async (tags: string[]) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: unknown,
          ) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
    });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
  }, tags);
  return violations;
}

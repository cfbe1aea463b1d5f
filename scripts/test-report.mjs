// What a test run must say at its end, where CI's kept output is: each failed test with its error, each test
// that passed only when run again (with the error of its first try), and — for end-to-end tests — the last
// lines of each part's log at that moment. `npm test` (scripts/test.mjs) gathers these from every workspace.
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

/** In CI a failed test runs once more (six processes and a browser on two shared cores have their moments). */
export const ciRetry = process.env['CI'] === 'true' ? 1 : 0;

/** The last lines of each part's log (E2E_LOG_DIR), as they were when a test failed. */
function logTails(lines) {
  const folder = process.env['E2E_LOG_DIR'];
  if (!folder || !existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.log'))
    .map((name) => ({
      part: name.replace(/\.log$/, ''),
      lines: readFileSync(path.join(folder, name), 'utf8')
        .trimEnd()
        .split('\n')
        .slice(-lines)
        .map((line) => stripVTControlCharacters(line)),
    }));
}

/** The first lines of each error: its message and where it was thrown. */
function describeErrors(errors = []) {
  return errors.slice(0, 2).map((error) =>
    stripVTControlCharacters(`${error.name ?? 'Error'}: ${error.message ?? ''}\n${error.stack ?? ''}`)
      .split('\n')
      .filter(
        (line, index, all) =>
          line.trim() !== '' && !line.includes('node_modules') && all.indexOf(line) === index,
      )
      .slice(0, 8)
      .join('\n'),
  );
}

/**
 * Records failed and run-again tests. With TEST_REPORT_DIR (set by `npm test`) as JSON lines for the
 * summary at the end of the whole run; without it, printed at the end of this workspace's run.
 */
export default class TestReport {
  constructor() {
    this.workspace = path.basename(process.cwd());
    this.entries = [];
  }

  onTestCaseResult(testCase) {
    const result = testCase.result();
    const retried = (testCase.diagnostic()?.retryCount ?? 0) > 0;
    if (result.state !== 'failed' && !(retried && result.state === 'passed')) return;
    const entry = {
      workspace: this.workspace,
      outcome: result.state === 'failed' ? 'failed' : 'passed when run again',
      name: `${path.relative(process.cwd(), testCase.module.moduleId)} › ${testCase.fullName}`,
      project: testCase.project.name || undefined,
      errors: describeErrors(result.errors),
      // The website's end-to-end platform logs its parts there (frontend/e2e/platform.ts).
      logs: testCase.project.name === 'e2e' ? logTails(12) : [],
    };
    this.entries.push(entry);
    const folder = process.env['TEST_REPORT_DIR'];
    if (folder) {
      mkdirSync(folder, { recursive: true });
      appendFileSync(path.join(folder, `${this.workspace}.jsonl`), `${JSON.stringify(entry)}\n`);
    }
  }

  onTestRunEnd() {
    if (process.env['TEST_REPORT_DIR'] || this.entries.length === 0) return;
    console.warn(`\n${formatEntries(this.entries).join('\n')}`);
  }
}

/** The entries as the summary prints them: logs first, the test and its error last (nearest the end). */
export function formatEntries(entries) {
  const out = [];
  for (const entry of entries) {
    const project = entry.project ? ` [${entry.project}]` : '';
    for (const log of entry.logs ?? []) {
      out.push(`  · ${log.part}.log when it failed:`, ...log.lines.map((line) => `      ${line}`));
    }
    out.push(
      `${entry.outcome === 'failed' ? '✗ FAILED' : '↻ passed only when run again (flaky, fix it)'}: ${entry.workspace}${project} ${entry.name}`,
    );
    for (const error of entry.errors ?? []) out.push(...error.split('\n').map((line) => `      ${line}`));
  }
  return out;
}

export function readEntries(folder) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) =>
      readFileSync(path.join(folder, name), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
    );
}

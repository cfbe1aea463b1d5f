import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, TestCase } from 'vitest/node';

/** The last lines of each part's log (E2E_LOG_DIR), printed when a test fails: CI keeps only the output. */
function logTails(lines = 30): string {
  const folder = process.env['E2E_LOG_DIR'];
  if (!folder || !existsSync(folder)) return '';
  return readdirSync(folder)
    .filter((name) => name.endsWith('.log'))
    .map((name) => {
      const tail = readFileSync(path.join(folder, name), 'utf8').trimEnd().split('\n').slice(-lines);
      return `--- ${name} (last ${tail.length} lines) ---\n${tail.join('\n')}`;
    })
    .join('\n');
}

/**
 * In CI an end-to-end test that fails is run once more (a browser and six processes on two shared cores
 * have their moments). A test that passes only on the second run is still a finding: this lists each one
 * at the end of the run, so a flaky test is seen and fixed, not silently absorbed.
 */
export default class FlakyReporter implements Reporter {
  private readonly flaky: string[] = [];

  onTestCaseResult(testCase: TestCase) {
    if (testCase.result().state === 'failed') {
      const tails = logTails();
      if (tails) console.warn(`\n[frontend] the parts' logs when "${testCase.fullName}" failed:\n${tails}`);
    }
    const retries = testCase.diagnostic()?.retryCount ?? 0;
    if (retries > 0 && testCase.result().state === 'passed')
      this.flaky.push(
        `${testCase.module.moduleId.split('/frontend/')[1] ?? testCase.module.moduleId} › ${testCase.fullName}`,
      );
  }

  onTestRunEnd() {
    if (this.flaky.length === 0) return;
    console.warn(`\n[frontend] ${this.flaky.length} test(s) passed only when run again (flaky, fix them):`);
    for (const name of this.flaky) console.warn(`[frontend]   ${name}`);
  }
}

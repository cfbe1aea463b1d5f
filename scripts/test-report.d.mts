import type { Reporter } from 'vitest/node';

export const ciRetry: number;
export default class TestReport implements Reporter {}
export interface TestReportEntry {
  workspace: string;
  outcome: 'failed' | 'passed when run again';
  name: string;
  project?: string;
  errors: string[];
  logs: { part: string; lines: string[] }[];
}
export function formatEntries(entries: TestReportEntry[]): string[];
export function readEntries(folder: string): TestReportEntry[];

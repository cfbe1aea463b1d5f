import { defineConfig } from 'vitest/config';
import TestReport from '../../scripts/test-report.mjs';

// Unit tests: no retry; the report lists a failure at the end of `npm test`.
export default defineConfig({ test: { reporters: ['default', new TestReport()] } });

// Before the end-to-end tests: Chromium must be there (Debian's, never downloaded), and every part is
// built as production runs it.
import { existsSync } from 'node:fs';
import { buildAll } from './platform.mjs';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export default function setup() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install Debian's: apt-get install -y chromium ` +
        '(or set CHROMIUM_PATH). To run only the unit tests, set SKIP_E2E=1 (never honoured when CI=true).',
    );
  }
  if (!process.env['E2E_NO_BUILD']) buildAll();
}

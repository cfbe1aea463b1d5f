// Before the end-to-end tests: Chromium must be there (Debian's, never downloaded), and every part is
// built as `npm start` builds it (what is current is not built again).
import { existsSync } from 'node:fs';
import { ALL_PARTS, build } from '@stadtnetz/platform';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export default async function setup() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install Debian's: apt-get install -y chromium ` +
        '(or set CHROMIUM_PATH). To run only the unit tests, set SKIP_E2E=1 (never honoured when CI=true).',
    );
  }
  await build(ALL_PARTS, { progress: (message) => console.log(`[e2e] ${message}`) });
}

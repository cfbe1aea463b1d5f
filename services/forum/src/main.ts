import { ConfigError, loadConfig } from './config.js';
import { createLog } from './log.js';
import { startForum } from './server.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`forum: configuration error: ${error.message}`);
    process.exit(78);
  }
  throw error;
}
const log = createLog(config.logLevel);
const forum = await startForum(config, { log });

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // Open WebSockets and keep-alive connections get a few seconds to finish; then we go regardless.
    setTimeout(() => process.exit(0), 5000).unref();
    log.info(`forum stopping (${signal})`);
    forum.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ error: String(error) }, 'forum did not stop cleanly');
        process.exit(1);
      },
    );
  });
}

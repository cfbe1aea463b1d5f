import { pino } from 'pino';
import { ConfigError, loadConfig } from './config.js';
import { startGateway } from './server.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`gateway: configuration error: ${error.message}`);
    process.exit(78);
  }
  throw error;
}
const log = pino({
  level: config.logLevel,
  base: { service: 'gateway' },
  timestamp: pino.stdTimeFunctions.isoTime,
});
const gateway = await startGateway(config, log);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // Open WebSockets and keep-alive connections get a few seconds to finish; then we go regardless.
    setTimeout(() => process.exit(0), 5000).unref();
    log.info(`gateway stopping (${signal})`);
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ error: String(error) }, 'gateway did not stop cleanly');
        process.exit(1);
      },
    );
  });
}

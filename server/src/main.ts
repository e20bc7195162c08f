/**
 * Process entry point: config → app (db, schema, http) → listen, and a graceful stop on
 * SIGTERM/SIGINT. Start-up problems end the process with exit code 1 and one clear line.
 */
import { createApp, type App } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';
import { publicUrlWarning, startText } from './start-text.js';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}

const logger = createLogger(config);
let app: App;
try {
  app = await createApp(config, logger);
} catch (error) {
  logger.fatal({ err: error }, 'start-up failed');
  fail(`Buurtkracht could not start: ${error instanceof Error ? error.message : String(error)}`);
}

const warning = publicUrlWarning(config);
if (warning) logger.warn({ publicUrl: config.publicUrl }, warning);
const text = await startText(app.connection.db, config, app.demoCredentials);
let printed = false;
try {
  await app.http.listen({
    port: config.port,
    host: config.host,
    listenTextResolver: (address) => {
      // Written just before Fastify's "Server listening at" line, so whoever waits for
      // that line (a person, the tests) finds the text complete. Plain text, not the JSON
      // log, so the demo password stays out of log storage.
      if (!printed) process.stdout.write(text(address));
      printed = true;
      return `Server listening at ${address}`;
    },
  });
} catch (error) {
  await app.close();
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    fail(`Port ${config.port} on ${config.host} is already in use: is Buurtkracht already running? Stop the other process or set PORT to a free port.`);
  }
  fail(`Buurtkracht could not listen on ${config.host}:${config.port}: ${String(error)}`);
}

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing running requests');
  const forced = setTimeout(() => {
    logger.error('shutdown timed out; exiting anyway');
    process.exit(1);
  }, config.shutdownTimeoutMs);
  forced.unref();
  await app.close();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

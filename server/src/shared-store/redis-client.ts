/**
 * The process's one Redis client (REDIS_URL): the sign-in throttles (auth/) and the
 * per-route request budgets (http/security.ts) of all app instances count there. app.ts
 * connects it at start and closes it last; nothing else creates one.
 *
 * Start-up fails fast and says so when Redis cannot be reached: a misconfigured REDIS_URL
 * would otherwise leave every instance counting on its own from the start, unnoticed.
 * While running, a command waits for no reconnect (no offline queue, one retry, a short
 * command timeout): a request that needs Redis while it is away gets its answer at once,
 * and each caller decides what that means. Nothing is refused because of an outage: the
 * sign-in throttles and the other attempt limits count in the instance's memory until
 * Redis answers again (auth/redis-attempt-limiter.ts), and the per-route request budgets
 * let requests through (http/security.ts). ioredis keeps reconnecting meanwhile. The
 * connection's own loss and return are logged here, once each per outage (the limiters
 * log their switch to memory and back once as well).
 */
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

/** Covers a slow DNS answer and a TLS handshake; a Redis that needs longer is not one to rely on. */
const CONNECT_TIMEOUT_MS = 5_000;
/** A throttle answers in well under a millisecond; one that takes this long is treated as down. */
const COMMAND_TIMEOUT_MS = 2_000;

/** Where the URL points, without the password it may hold, for log lines. */
function describeRedis(url: string): string {
  const { hostname, port, protocol } = new URL(url);
  return `${protocol}//${hostname}:${port || '6379'}`;
}

/**
 * Connects to Redis or throws an Error naming REDIS_URL (main.ts prints it and exits).
 * `keyPrefix` (REDIS_KEY_PREFIX) goes in front of every key, the scripts' keys too, so
 * that several deployments, or tests, can share one Redis.
 */
export async function connectRedis(url: string, keyPrefix: string, logger: Logger): Promise<Redis> {
  const where = describeRedis(url);
  const client = new Redis(url, {
    keyPrefix,
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
  let lastError: Error | undefined;
  let started = false;
  let down = false;
  // Without a listener ioredis prints every failed reconnect to stderr; one line per outage is enough.
  client.on('error', (error: Error) => {
    lastError = error;
    if (down || !started) return;
    down = true;
    logger.error({ err: error, redis: where }, `Redis (REDIS_URL) at ${where} is unreachable: until it is back, request budgets let requests through and attempt limits count per instance`);
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger.info({ redis: where }, `Redis (REDIS_URL) at ${where} is reachable again`);
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS + 500);
      }),
    ]);
  } catch (error) {
    // Stops the reconnecting that ioredis would otherwise go on with in the background.
    client.disconnect();
    const reason = lastError?.message ?? (error instanceof Error ? error.message : String(error));
    throw new Error(`cannot reach Redis at ${where} (REDIS_URL): ${reason}. Start Redis there, or unset REDIS_URL to keep the rate limits in this process's memory (one instance only).`);
  } finally {
    clearTimeout(timer);
  }
  started = true;
  logger.info({ redis: where }, `rate limits and sign-in throttles shared in Redis at ${where}`);
  return client;
}

/** Closes the client after the last request that may use it; never throws. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  await client.quit().catch(() => client.disconnect());
}

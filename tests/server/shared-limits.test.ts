/**
 * The attempt limiter behind the sign-in throttles, in its two stores: memory, and Redis
 * (REDIS_URL), which several app instances share. Both pass the same tests through one
 * interface. On Redis, parallel attempts from two connections (two instances) never pass
 * the maximum, and the counters' keys hold no e-mail address or IP, only a hash. While
 * Redis does not answer, the limiter counts in the instance's memory (the maximum still
 * holds; nothing is refused for the outage itself), the log says so once per outage, and
 * once more when Redis answers again. App instances on Redis: shared-limits-apps.test.ts.
 *
 * The Redis tests need a server: TEST_REDIS_URL (CI starts one). Every test run uses a
 * key prefix of its own, so that parallel test files can share that Redis.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryAttemptLimiter, type AttemptLimiter } from '../../server/src/auth/attempt-limiter.js';
import { hashedLimitKey, OUTAGE_PROBE_INTERVAL_MS, RedisAttemptLimiter } from '../../server/src/auth/redis-attempt-limiter.js';
import { createLogger, type Logger } from '../../server/src/logger.js';
import { closeRedis, connectRedis } from '../../server/src/shared-store/redis-client.js';
import { freshPrefix, redisUrl, removeKeys, TcpProxy } from '../support/test-redis.js';

const logger = createLogger({ logLevel: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface StoreUnderTest {
  name: string;
  skip: boolean;
  /** A limiter with a name of its own, so that tests never share counters. */
  make(maxAttempts: number, windowMs: number): AttemptLimiter;
}

const prefix = freshPrefix();
let redis: Redis | undefined;
beforeAll(async () => {
  if (redisUrl) redis = await connectRedis(redisUrl, prefix, logger);
});
afterAll(async () => {
  if (!redis) return;
  await closeRedis(redis);
  await removeKeys(prefix);
});

const stores: StoreUnderTest[] = [
  { name: 'memory', skip: false, make: (max, windowMs) => new MemoryAttemptLimiter(max, windowMs) },
  { name: 'Redis', skip: !redisUrl, make: (max, windowMs) => new RedisAttemptLimiter(redis!, `test-${randomUUID()}`, max, windowMs, logger) },
];

const allowedCount = (verdicts: { allowed: boolean }[]) => verdicts.filter((v) => v.allowed).length;

for (const store of stores) {
  describe.skipIf(store.skip)(`attempt limiter in ${store.name}`, () => {
    it('allows the maximum in a window, then refuses with the wait, without counting refusals', async () => {
      const limiter = store.make(3, 60_000);
      for (let i = 0; i < 3; i++) expect(await limiter.attempt('ip:192.0.2.1')).toEqual({ allowed: true, retryAfterSeconds: 0 });
      const refused = await limiter.attempt('ip:192.0.2.1');
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
      // Refusals were not counted: one forgiven attempt frees exactly one place.
      for (let i = 0; i < 5; i++) expect((await limiter.attempt('ip:192.0.2.1')).allowed).toBe(false);
      await limiter.forgive('ip:192.0.2.1');
      expect((await limiter.attempt('ip:192.0.2.1')).allowed).toBe(true);
      expect((await limiter.attempt('ip:192.0.2.1')).allowed).toBe(false);
    });

    it('keeps keys apart', async () => {
      const limiter = store.make(1, 60_000);
      expect((await limiter.attempt('a@test.example')).allowed).toBe(true);
      expect((await limiter.attempt('a@test.example')).allowed).toBe(false);
      expect((await limiter.attempt('b@test.example')).allowed).toBe(true);
    });

    it('forgives one attempt at a time and never below nothing', async () => {
      const limiter = store.make(2, 60_000);
      await limiter.forgive('k');
      await limiter.forgive('k');
      expect(allowedCount([await limiter.attempt('k'), await limiter.attempt('k'), await limiter.attempt('k')])).toBe(2);
      await limiter.forgive('k');
      await limiter.forgive('k');
      await limiter.forgive('k');
      expect(allowedCount([await limiter.attempt('k'), await limiter.attempt('k'), await limiter.attempt('k')])).toBe(2);
    });

    it('resets a key altogether', async () => {
      const limiter = store.make(2, 60_000);
      await limiter.attempt('k');
      await limiter.attempt('k');
      expect((await limiter.attempt('k')).allowed).toBe(false);
      await limiter.reset('k');
      expect(allowedCount([await limiter.attempt('k'), await limiter.attempt('k'), await limiter.attempt('k')])).toBe(2);
    });

    it('starts a fresh window when the old one ends, and forgiving does not extend it', async () => {
      const limiter = store.make(2, 400);
      await limiter.attempt('k');
      await sleep(150);
      await limiter.attempt('k');
      await limiter.forgive('k');
      await limiter.forgive('k');
      // The window still ends 400 ms after the first attempt, though the count went back to nothing.
      await limiter.attempt('k');
      await limiter.attempt('k');
      expect((await limiter.attempt('k')).allowed).toBe(false);
      await sleep(350);
      expect(allowedCount([await limiter.attempt('k'), await limiter.attempt('k'), await limiter.attempt('k')])).toBe(2);
    });

    it('lets exactly the maximum of 20 parallel attempts through', async () => {
      const limiter = store.make(5, 60_000);
      const verdicts = await Promise.all(Array.from({ length: 20 }, () => limiter.attempt('ip:198.51.100.7')));
      expect(allowedCount(verdicts)).toBe(5);
    });
  });
}

describe.skipIf(!redisUrl)('attempt limiter in Redis, as several instances use it', () => {
  it('lets exactly the maximum through when two connections attempt in parallel', async () => {
    const other = await connectRedis(redisUrl!, prefix, logger);
    try {
      const name = `test-${randomUUID()}`;
      const instances = [new RedisAttemptLimiter(redis!, name, 5, 60_000, logger), new RedisAttemptLimiter(other, name, 5, 60_000, logger)];
      const verdicts = await Promise.all(Array.from({ length: 20 }, (_, i) => instances[i % 2]!.attempt('ip:203.0.113.9')));
      expect(allowedCount(verdicts)).toBe(5);
    } finally {
      await closeRedis(other);
    }
  });

  it('keeps its counter under the prefix, the limiter name and a hash of the key, expiring with the window', async () => {
    const name = `test-${randomUUID()}`;
    await new RedisAttemptLimiter(redis!, name, 5, 60_000, logger).attempt('someone@test.example');
    const raw = await connectRedis(redisUrl!, '', logger);
    try {
      const hashed = hashedLimitKey('someone@test.example');
      expect(hashed).toMatch(/^[A-Za-z0-9_-]{22}$/);
      const key = `${prefix}limit:${name}:${hashed}`;
      expect(await raw.keys(`${prefix}limit:${name}:*`)).toEqual([key]);
      expect(await raw.get(key)).toBe('1');
      const ttl = await raw.pttl(key);
      expect(ttl).toBeGreaterThan(55_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
    } finally {
      await closeRedis(raw);
    }
  });

  it('counts in memory while Redis does not answer: the maximum holds, nothing is refused for the outage, one log line', async () => {
    const log = capturingLogger();
    const gone = await connectRedis(redisUrl!, prefix, log.logger);
    gone.disconnect();
    const limiter = new RedisAttemptLimiter(gone, `test-${randomUUID()}`, 5, 60_000, log.logger);
    const other = new RedisAttemptLimiter(gone, `test-${randomUUID()}`, 2, 60_000, log.logger);
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => limiter.attempt('ip:192.0.2.1')));
    expect(allowedCount(verdicts)).toBe(5);
    const refused = verdicts.find((v) => !v.allowed)!;
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(limiter.usesRedis).toBe(false);
    // forgive and reset act on the count in memory.
    await expect(limiter.forgive('ip:192.0.2.1')).resolves.toBeUndefined();
    expect(allowedCount([await limiter.attempt('ip:192.0.2.1'), await limiter.attempt('ip:192.0.2.1')])).toBe(1);
    await expect(limiter.reset('ip:192.0.2.1')).resolves.toBeUndefined();
    expect(allowedCount(await Promise.all(Array.from({ length: 7 }, () => limiter.attempt('ip:192.0.2.1'))))).toBe(5);
    // Other keys and other limiters count apart, each with its own maximum.
    expect((await limiter.attempt('ip:192.0.2.2')).allowed).toBe(true);
    expect(allowedCount([await other.attempt('ip:192.0.2.1'), await other.attempt('ip:192.0.2.1'), await other.attempt('ip:192.0.2.1')])).toBe(2);
    // Some 40 attempts on two limiters of one client: one line.
    expect(log.lines.filter((l) => l.level >= 40)).toEqual([expect.objectContaining({ level: 50, msg: expect.stringMatching(/did not answer.*memory/) })]);
  });

  it('goes back to Redis when it answers again, saying so once, and falls back again at the next outage', async () => {
    const proxy = await TcpProxy.start(new URL(redisUrl!));
    const log = capturingLogger();
    const client = await connectRedis(proxy.url, prefix, log.logger);
    try {
      const name = `test-${randomUUID()}`;
      const limiter = new RedisAttemptLimiter(client, name, 3, 60_000, log.logger);
      const direct = new RedisAttemptLimiter(redis!, name, 3, 60_000, logger);
      expect((await limiter.attempt('ip:192.0.2.7')).allowed).toBe(true);

      await proxy.down();
      // The count in Redis (1) is not what memory starts from: three more in memory.
      expect(allowedCount(await Promise.all(Array.from({ length: 10 }, () => limiter.attempt('ip:192.0.2.7'))))).toBe(3);
      expect(limiter.usesRedis).toBe(false);
      const memoryErrors = () => log.lines.filter((l) => l.level === 50 && /memory/.test(l.msg));
      expect(memoryErrors()).toHaveLength(1);

      await proxy.up();
      await until(() => client.status === 'ready');
      await sleep(OUTAGE_PROBE_INTERVAL_MS + 50);
      // Redis counts again, with its count from before the outage: two places left.
      expect(allowedCount([await limiter.attempt('ip:192.0.2.7'), await limiter.attempt('ip:192.0.2.7'), await limiter.attempt('ip:192.0.2.7')])).toBe(2);
      expect(limiter.usesRedis).toBe(true);
      expect((await direct.attempt('ip:192.0.2.7')).allowed).toBe(false);
      expect(log.lines.filter((l) => /^Redis \(REDIS_URL\) answers again/.test(l.msg))).toEqual([expect.objectContaining({ level: 30 })]);

      await proxy.down();
      expect((await limiter.attempt('ip:192.0.2.8')).allowed).toBe(true);
      expect((await limiter.attempt('ip:192.0.2.8')).allowed).toBe(true);
      expect(memoryErrors()).toHaveLength(2);
      // The connection's own loss is logged once per outage by the client as well, never per attempt.
      await until(() => log.lines.filter((l) => l.level === 50).length >= 4);
      for (let i = 0; i < 10; i++) await limiter.attempt('ip:192.0.2.9');
      await sleep(300);
      expect(log.lines.filter((l) => l.level === 50)).toHaveLength(4);
    } finally {
      await closeRedis(client);
      await proxy.close();
    }
  });

  it('asks a Redis that hangs at most once a second, so that one caller waits for the timeout, not every caller', async () => {
    const proxy = await TcpProxy.start(new URL(redisUrl!));
    const log = capturingLogger();
    const client = await connectRedis(proxy.url, prefix, log.logger);
    try {
      const limiter = new RedisAttemptLimiter(client, `test-${randomUUID()}`, 3, 60_000, log.logger);
      expect((await limiter.attempt('k')).allowed).toBe(true);
      proxy.hang();
      // The first waits for the command timeout and falls back; the next ones go straight to memory.
      expect((await limiter.attempt('k')).allowed).toBe(true);
      expect(limiter.usesRedis).toBe(false);
      const started = Date.now();
      expect(allowedCount([await limiter.attempt('k'), await limiter.attempt('k'), await limiter.attempt('k')])).toBe(2);
      expect(Date.now() - started).toBeLessThan(500);
      expect(log.lines.filter((l) => l.level >= 40)).toHaveLength(1);
    } finally {
      client.disconnect();
      await proxy.close();
    }
  });
});

interface LogLine {
  level: number;
  msg: string;
}

/** A logger whose lines the test reads. */
function capturingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines };
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(20);
  }
}

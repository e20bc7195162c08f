/**
 * App instances and Redis (REDIS_URL): start-up with an unreachable REDIS_URL fails at
 * once and says so; two app instances on one Redis share the sign-in throttles and the
 * per-IP GraphQL budget; an app whose Redis goes away keeps throttling sign-in on its own.
 * The limiters themselves are tested in shared-limits.test.ts.
 *
 * The Redis tests need a server: TEST_REDIS_URL (CI starts one). Every app pair uses a key
 * prefix of its own, so that parallel test files can share that Redis.
 */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { hashedLimitKey } from '../../server/src/auth/redis-attempt-limiter.js';
import { createLogger } from '../../server/src/logger.js';
import { closeRedis, connectRedis } from '../../server/src/shared-store/redis-client.js';
import { graphql, startTestApp, type TestApp } from '../support/test-app.js';
import { freshPrefix, redisUrl, removeKeys, TcpProxy } from '../support/test-redis.js';

const logger = createLogger({ logLevel: 'silent' });

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('start-up with an unreachable REDIS_URL', () => {
  it('fails at once with a message that names REDIS_URL and not the password', async () => {
    const port = await closedPort();
    const started = Date.now();
    const error = await startTestApp({ REDIS_URL: `redis://:geheim-wachtwoord@127.0.0.1:${port}` }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/REDIS_URL/);
    expect(error?.message).toContain(`redis://127.0.0.1:${port}`);
    expect(error?.message).not.toContain('geheim-wachtwoord');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { email role } }';
const login = (t: TestApp, email: string) => graphql(t.url, LOGIN, { input: { email, password: 'niet het goede wachtwoord' } });

/** Two app instances (each with its own database) on one Redis, under a prefix of their own. */
async function twoInstances(env: Record<string, string>): Promise<{ a: TestApp; b: TestApp; prefix: string; close(): Promise<void> }> {
  const pairPrefix = freshPrefix();
  const shared = { REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: pairPrefix, ...env };
  const a = await startTestApp(shared);
  const b = await startTestApp(shared).catch(async (error: unknown) => {
    await a.close();
    throw error;
  });
  return {
    a,
    b,
    prefix: pairPrefix,
    async close() {
      await Promise.all([a.close(), b.close()]);
      await removeKeys(pairPrefix);
    },
  };
}

describe.skipIf(!redisUrl)('two app instances on one Redis', () => {
  it('share the sign-in throttles: per account, then per IP', async () => {
    const pair = await twoInstances({ LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '3', LOGIN_MAX_ATTEMPTS_PER_IP: '6' });
    try {
      const { a, b } = pair;
      // Three failures for one address, spread over both instances, lock it on both.
      for (const t of [a, b, a]) expect((await login(t, 'iemand@test.example')).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      for (const t of [b, a]) {
        const blocked = await login(t, 'iemand@test.example');
        expect(blocked.status).toBe(429);
        expect(blocked.body.errors[0].extensions.code).toBe('RATE_LIMITED');
        expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      // The refusals did not count against the IP: three more failures on other addresses
      // fill its six places, and then the IP is refused on both instances.
      for (const [t, email] of [[b, 'een@test.example'], [a, 'twee@test.example'], [b, 'drie@test.example']] as const) {
        expect((await login(t, email)).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      }
      for (const t of [a, b]) expect((await login(t, 'vier@test.example')).status).toBe(429);
      // The counters name the limiter, not the address or the IP.
      const raw = await connectRedis(redisUrl!, '', logger);
      try {
        const keys = await raw.keys(`${pair.prefix}limit:*`);
        expect(keys).toContain(`${pair.prefix}limit:login-account:${hashedLimitKey('iemand@test.example')}`);
        expect(keys).toContain(`${pair.prefix}limit:login-ip:${hashedLimitKey('127.0.0.1')}`);
        expect(keys.filter((key) => /@|127\.0\.0\.1/.test(key))).toEqual([]);
      } finally {
        await closeRedis(raw);
      }
    } finally {
      await pair.close();
    }
  });

  it('share the GraphQL budget per IP, which each route counts under a key of its own', async () => {
    const LIMIT = 10;
    const pair = await twoInstances({ GRAPHQL_RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    try {
      const { a, b } = pair;
      let answered = 0;
      for (let i = 0; i < 16; i++) {
        const { status } = await graphql(i % 2 === 0 ? a.url : b.url, '{ serverInfo { apiVersion } }');
        if (status === 200) answered++;
        else expect(status).toBe(429);
      }
      expect(answered).toBe(LIMIT);
      // Readiness has a budget of its own, untouched by the spent GraphQL one.
      expect((await fetch(`${a.url}/readyz`)).status).not.toBe(429);
      const raw = await connectRedis(redisUrl!, '', logger);
      try {
        // The key holds a hash of the IP, not the IP: a shared store keeps no personal data.
        const ip = hashedLimitKey('127.0.0.1');
        const keys = await raw.keys(`${pair.prefix}rate-limit:*`);
        expect(keys).toContain(`${pair.prefix}rate-limit:GET,POST/graphql-ip:${ip}`);
        expect(keys).toContain(`${pair.prefix}rate-limit:GET/readyz-ip:${ip}`);
        expect(keys.filter((key) => key.includes('127.0.0.1'))).toEqual([]);
        expect(await raw.get(`${pair.prefix}rate-limit:GET,POST/graphql-ip:${ip}`)).toBe('16');
      } finally {
        await closeRedis(raw);
      }
    } finally {
      await pair.close();
    }
  });
});

describe.skipIf(!redisUrl)('an app instance whose Redis goes away', () => {
  it('keeps throttling sign-in in its own memory, refusing nothing for the outage itself', async () => {
    const proxy = await TcpProxy.start(new URL(redisUrl!));
    const appPrefix = freshPrefix();
    const t = await startTestApp({ REDIS_URL: proxy.url, REDIS_KEY_PREFIX: appPrefix, LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '3', LOGIN_MAX_ATTEMPTS_PER_IP: '20' });
    try {
      expect((await login(t, 'iemand@test.example')).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      await proxy.down();
      // Public queries still answer (the request budget lets them through).
      expect((await graphql(t.url, '{ serverInfo { apiVersion } }')).status).toBe(200);
      // Memory starts counting afresh: three failures, then the account waits.
      for (let i = 0; i < 3; i++) expect((await login(t, 'iemand@test.example')).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const blocked = await login(t, 'iemand@test.example');
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(60);
      // Another address is not refused.
      expect((await login(t, 'iemand-anders@test.example')).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    } finally {
      await t.close();
      await proxy.close();
      await removeKeys(appPrefix);
    }
  });
});

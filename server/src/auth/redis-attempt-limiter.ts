/**
 * The attempt limiter of attempt-limiter.ts kept in Redis, so that every app instance
 * counts against the same window: the counter of a key is `limit:<name>:<hash>` under the
 * client's key prefix (REDIS_KEY_PREFIX, `bk:` by default), expiring with its window.
 * `<hash>` is the caller's key (an e-mail address, an IP) hashed (SHA-256, base64url, the
 * first 22 characters): a shared Redis holds no addresses, and `limit:<name>:` still says
 * whose counter it is. attempt() and forgive() are Lua scripts: Redis runs each as one
 * step, so parallel attempts on several instances cannot both pass the last free place.
 *
 * When Redis does not answer, each limiter counts in this instance's memory instead (a
 * MemoryAttemptLimiter with the same maximum and window) until Redis answers again: no
 * action is refused because of the outage (joining with an invite code on an action day
 * must not stop because Redis blinked), and the limits still hold, per instance, so a
 * guesser gets at most instances × maximum per window. The log says so once per outage,
 * per Redis client (one per process): one error when the limiters start counting in memory,
 * one info when Redis answers again; no line per attempt. While Redis is away, a limiter
 * asks it only when the client is connected, at most once a second (a Redis that hangs
 * costs one caller the command timeout, not every caller); the others go straight to
 * memory. forgive() and reset() during an outage act on the memory count, and try Redis as
 * well (a count Redis cannot take back merely keeps that key stricter). Counts made in
 * memory are not carried over to Redis when it is back: from then on Redis counts again.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { MemoryAttemptLimiter, type AttemptLimiter, type LimitVerdict } from './attempt-limiter.js';

/** While Redis is away, how often a limiter asks it again (when the client is connected at all). */
export const OUTAGE_PROBE_INTERVAL_MS = 1_000;

// KEYS[1] the counter, ARGV[1] the maximum, ARGV[2] the window in ms. Answers {allowed, ttl ms}.
// The window starts with the first attempt and is never extended; a counter somehow left
// without an expiry gets one, so that it cannot lock a key for good.
const ATTEMPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
local ttl = redis.call('PTTL', KEYS[1])
if count >= tonumber(ARGV[1]) then
  if ttl < 0 then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    ttl = tonumber(ARGV[2])
  end
  return {0, ttl}
end
redis.call('INCR', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return {1, 0}
`;

// KEYS[1] the counter. DECR keeps the expiry, so the window still ends when it would have.
const FORGIVE = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then redis.call('DECR', KEYS[1]) end
return count
`;

interface LimiterCommands {
  bkLimitAttempt(key: string, maxAttempts: number, windowMs: number): Promise<[number, number]>;
  bkLimitForgive(key: string): Promise<number>;
}

/** Defines the scripts once per client; ioredis sends them by hash (EVALSHA) after the first use. */
function withLimiterCommands(redis: Redis): Redis & LimiterCommands {
  if (!('bkLimitAttempt' in redis)) {
    redis.defineCommand('bkLimitAttempt', { numberOfKeys: 1, lua: ATTEMPT });
    redis.defineCommand('bkLimitForgive', { numberOfKeys: 1, lua: FORGIVE });
  }
  return redis as Redis & LimiterCommands;
}

/** The caller's key as it appears in Redis: no e-mail address or IP in a shared store. */
export function hashedLimitKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 22);
}

/**
 * Whether the limiters on one Redis client are counting in memory: shared by every limiter
 * on that client, so that an outage is logged once and ends once, whichever limiter
 * notices. `epoch` changes with every switch; an answer (or failure) of a command sent
 * before the last switch is too old to switch back, so a slow command that times out
 * after Redis answered again does not start a second outage.
 */
class RedisOutage {
  down = false;
  epoch = 0;
  #lastProbeAt = 0;

  constructor(private readonly logger: Logger) {}

  /** Whether a command should go to Redis now; false sends it straight to memory. */
  shouldAsk(redis: Redis): boolean {
    if (!this.down) return true;
    if (redis.status !== 'ready') return false;
    const now = Date.now();
    if (now - this.#lastProbeAt < OUTAGE_PROBE_INTERVAL_MS) return false;
    this.#lastProbeAt = now;
    return true;
  }

  answered(sentInEpoch: number): void {
    if (!this.down || sentInEpoch !== this.epoch) return;
    this.down = false;
    this.epoch++;
    this.logger.info('Redis (REDIS_URL) answers again: rate limits and sign-in throttles count in Redis again, shared by every instance');
  }

  failed(sentInEpoch: number, error: unknown, limiter: string): void {
    if (this.down || sentInEpoch !== this.epoch) return;
    this.down = true;
    this.epoch++;
    this.#lastProbeAt = Date.now();
    this.logger.error(
      { err: error, limiter },
      "Redis (REDIS_URL) did not answer: rate limits and sign-in throttles count in this instance's memory until it answers again",
    );
  }
}

const outages = new WeakMap<Redis, RedisOutage>();

function outageOf(redis: Redis, logger: Logger): RedisOutage {
  let outage = outages.get(redis);
  if (!outage) {
    outage = new RedisOutage(logger);
    outages.set(redis, outage);
  }
  return outage;
}

/** What a command on Redis came to: its answer, or none (not asked, or no answer). */
type Asked<T> = { answered: true; value: T } | { answered: false };

export class RedisAttemptLimiter implements AttemptLimiter {
  readonly #redis: Redis & LimiterCommands;
  readonly #outage: RedisOutage;
  /** Where this limiter counts while Redis does not answer: this instance only. */
  readonly #fallback: MemoryAttemptLimiter;

  /** `name` keeps the limiters' keys apart (login-ip, login-account, …); it must be unique per limiter. */
  constructor(
    redis: Redis,
    private readonly name: string,
    private readonly maxAttempts: number,
    private readonly windowMs: number,
    logger: Logger,
  ) {
    this.#redis = withLimiterCommands(redis);
    this.#outage = outageOf(redis, logger);
    this.#fallback = new MemoryAttemptLimiter(maxAttempts, windowMs);
  }

  /** Whether Redis is being counted in (false: in this instance's memory, Redis did not answer). */
  get usesRedis(): boolean {
    return !this.#outage.down;
  }

  async attempt(key: string): Promise<LimitVerdict> {
    const asked = await this.#ask(() => this.#redis.bkLimitAttempt(this.#key(key), this.maxAttempts, this.windowMs));
    if (!asked.answered) return this.#fallback.attempt(key);
    const [allowed, ttl] = asked.value;
    return allowed === 1 ? { allowed: true, retryAfterSeconds: 0 } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
  }

  async forgive(key: string): Promise<void> {
    const duringOutage = this.#outage.down;
    const asked = await this.#ask(() => this.#redis.bkLimitForgive(this.#key(key)));
    if (duringOutage || !asked.answered) await this.#fallback.forgive(key);
  }

  async reset(key: string): Promise<void> {
    const duringOutage = this.#outage.down;
    const asked = await this.#ask(() => this.#redis.del(this.#key(key)));
    if (duringOutage || !asked.answered) await this.#fallback.reset(key);
  }

  /** Sends a command unless Redis is known to be away; a failure starts an outage, an answer ends one. */
  async #ask<T>(command: () => Promise<T>): Promise<Asked<T>> {
    if (!this.#outage.shouldAsk(this.#redis)) return { answered: false };
    const epoch = this.#outage.epoch;
    try {
      const value = await command();
      this.#outage.answered(epoch);
      return { answered: true, value };
    } catch (error) {
      this.#outage.failed(epoch, error, this.name);
      return { answered: false };
    }
  }

  #key(key: string): string {
    return `limit:${this.name}:${hashedLimitKey(key)}`;
  }
}

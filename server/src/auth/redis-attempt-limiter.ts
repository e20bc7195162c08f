/**
 * The attempt limiter of attempt-limiter.ts kept in Redis, so that every app instance
 * counts against the same window: the counter of a key is `limit:<name>:<key>` under the
 * client's key prefix (REDIS_KEY_PREFIX, `bk:` by default), expiring with its window.
 * attempt() and forgive() are Lua scripts: Redis runs each as one step, so parallel
 * attempts on several instances cannot both pass the last free place.
 *
 * When Redis does not answer, attempt() refuses (with a short wait) instead of letting the
 * attempt through: these limits are what stands between a guesser and a password or a
 * code, and an outage, or an attacker who causes one, must not switch them off. Callers
 * then answer with their own "too many attempts, try again shortly" error, which every
 * client already handles, and the log says why. forgive() and reset() only take counts
 * back, so when they fail the key merely stays stricter: they log and carry on, rather
 * than turning an attempt that already succeeded into an error.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { AttemptLimiter, LimitVerdict } from './attempt-limiter.js';

/** How long a caller is asked to wait when Redis does not answer: an outage is rarely shorter. */
export const UNAVAILABLE_RETRY_SECONDS = 60;

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

export class RedisAttemptLimiter implements AttemptLimiter {
  readonly #redis: Redis & LimiterCommands;

  /** `name` keeps the limiters' keys apart (login-ip, login-account, …); it must be unique per limiter. */
  constructor(
    redis: Redis,
    private readonly name: string,
    private readonly maxAttempts: number,
    private readonly windowMs: number,
    private readonly logger: Logger,
  ) {
    this.#redis = withLimiterCommands(redis);
  }

  async attempt(key: string): Promise<LimitVerdict> {
    try {
      const [allowed, ttl] = await this.#redis.bkLimitAttempt(this.#key(key), this.maxAttempts, this.windowMs);
      return allowed === 1 ? { allowed: true, retryAfterSeconds: 0 } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
    } catch (error) {
      this.logger.error({ err: error, limiter: this.name }, 'Redis (REDIS_URL) did not answer: refusing the attempt until it is back');
      return { allowed: false, retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS };
    }
  }

  async forgive(key: string): Promise<void> {
    try {
      await this.#redis.bkLimitForgive(this.#key(key));
    } catch (error) {
      this.logger.warn({ err: error, limiter: this.name }, 'Redis (REDIS_URL) did not answer: an attempt stays counted');
    }
  }

  async reset(key: string): Promise<void> {
    try {
      await this.#redis.del(this.#key(key));
    } catch (error) {
      this.logger.warn({ err: error, limiter: this.name }, 'Redis (REDIS_URL) did not answer: earlier failures stay counted');
    }
  }

  #key(key: string): string {
    return `limit:${this.name}:${key}`;
  }
}

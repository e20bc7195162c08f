/**
 * Everything the access services need from the configuration, created once per process:
 * the password hasher with its concurrency cap, the login throttles and session lifetimes.
 * The throttles count in this process's memory, or in Redis when app.ts passes the
 * process's Redis client (REDIS_URL), so that several app instances share them.
 */
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { MemoryAttemptLimiter, type AttemptLimiter } from './attempt-limiter.js';
import { PasswordHasher } from './password.js';
import { RedisAttemptLimiter } from './redis-attempt-limiter.js';

/** Enough for a household signing up its members, far too few for a flood. */
const SIGNUPS_PER_IP = 10;
const SIGNUP_WINDOW_MS = 10 * 60_000;
/** A closing event on one wifi network: a room full of people may answer by the link at once. */
const QUESTIONNAIRE_ANSWERS_PER_IP = 30;

export interface AuthSettings {
  hasher: PasswordHasher;
  loginLimiterPerIp: AttemptLimiter;
  loginLimiterPerAccount: AttemptLimiter;
  /** Public sign-ups per IP (signup.service.ts): counted whether they succeed or not. */
  signupLimiterPerIp: AttemptLimiter;
  /** Questionnaire answers by the public link per IP (questionnaire.schema.ts). */
  questionnaireLimiterPerIp: AttemptLimiter;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  publicUrl: string;
  personalDataRetentionDays: number;
}

/** Where the throttles count when several instances share them; see redis-attempt-limiter.ts. */
export interface SharedLimits {
  redis: Redis;
  logger: Logger;
}

/**
 * Without `shared`, the throttles are in memory: one instance, and the tools and tests
 * that only need the hasher or a throttle of their own never need Redis.
 */
export function createAuthSettings(config: Config, shared: SharedLimits | null = null): AuthSettings {
  const limiter = (name: string, maxAttempts: number, windowMs: number): AttemptLimiter =>
    shared ? new RedisAttemptLimiter(shared.redis, name, maxAttempts, windowMs, shared.logger) : new MemoryAttemptLimiter(maxAttempts, windowMs);
  return {
    hasher: new PasswordHasher(config.argon2MaxConcurrent),
    loginLimiterPerIp: limiter('login-ip', config.loginMaxAttemptsPerIp, config.loginWindowMs),
    loginLimiterPerAccount: limiter('login-account', config.loginMaxAttemptsPerAccount, config.loginWindowMs),
    signupLimiterPerIp: limiter('signup-ip', SIGNUPS_PER_IP, SIGNUP_WINDOW_MS),
    questionnaireLimiterPerIp: limiter('questionnaire-ip', QUESTIONNAIRE_ANSWERS_PER_IP, SIGNUP_WINDOW_MS),
    sessionIdleMs: config.sessionIdleMs,
    sessionAbsoluteMs: config.sessionAbsoluteMs,
    publicUrl: config.publicUrl,
    personalDataRetentionDays: config.personalDataRetentionDays,
  };
}

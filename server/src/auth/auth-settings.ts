/**
 * Everything the access services need from the configuration, created once per process:
 * the password hasher with its concurrency cap, the login throttles and session lifetimes.
 */
import type { Config } from '../config.js';
import { AttemptLimiter } from './attempt-limiter.js';
import { PasswordHasher } from './password.js';

export interface AuthSettings {
  hasher: PasswordHasher;
  loginLimiterPerIp: AttemptLimiter;
  loginLimiterPerAccount: AttemptLimiter;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  publicUrl: string;
  personalDataRetentionDays: number;
}

export function createAuthSettings(config: Config): AuthSettings {
  return {
    hasher: new PasswordHasher(config.argon2MaxConcurrent),
    loginLimiterPerIp: new AttemptLimiter(config.loginMaxAttemptsPerIp, config.loginWindowMs),
    loginLimiterPerAccount: new AttemptLimiter(config.loginMaxAttemptsPerAccount, config.loginWindowMs),
    sessionIdleMs: config.sessionIdleMs,
    sessionAbsoluteMs: config.sessionAbsoluteMs,
    publicUrl: config.publicUrl,
    personalDataRetentionDays: config.personalDataRetentionDays,
  };
}

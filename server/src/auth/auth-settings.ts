/**
 * Everything the access services need from the configuration, created once per process:
 * the password hasher with its concurrency cap, the login throttles and session lifetimes.
 */
import type { Config } from '../config.js';
import { AttemptLimiter } from './attempt-limiter.js';
import { PasswordHasher } from './password.js';

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

export function createAuthSettings(config: Config): AuthSettings {
  return {
    hasher: new PasswordHasher(config.argon2MaxConcurrent),
    loginLimiterPerIp: new AttemptLimiter(config.loginMaxAttemptsPerIp, config.loginWindowMs),
    loginLimiterPerAccount: new AttemptLimiter(config.loginMaxAttemptsPerAccount, config.loginWindowMs),
    signupLimiterPerIp: new AttemptLimiter(SIGNUPS_PER_IP, SIGNUP_WINDOW_MS),
    questionnaireLimiterPerIp: new AttemptLimiter(QUESTIONNAIRE_ANSWERS_PER_IP, SIGNUP_WINDOW_MS),
    sessionIdleMs: config.sessionIdleMs,
    sessionAbsoluteMs: config.sessionAbsoluteMs,
    publicUrl: config.publicUrl,
    personalDataRetentionDays: config.personalDataRetentionDays,
  };
}

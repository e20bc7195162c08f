/**
 * Runtime configuration: the only module that reads process.env.
 * Values are validated once at start-up; an invalid value stops the process with a
 * message that names the variable. The result is frozen so nothing can change it later.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root; relative paths in the environment are resolved against it. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default('data/buurtkracht.db'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_BUILD_DIR: z.string().min(1).default('web/build'),
  DEMO_SEED: booleanFlag.default(true),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
});

export interface Config {
  readonly nodeEnv: 'development' | 'test' | 'production';
  readonly host: string;
  readonly port: number;
  /** Absolute path of the SQLite file, or ':memory:'. */
  readonly databasePath: string;
  readonly logLevel: string;
  /** Absolute path of the built web app (adapter-static output). */
  readonly webBuildDir: string;
  /** Seed the demo neighbourhood when the database is empty. */
  readonly demoSeed: boolean;
  readonly shutdownTimeoutMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function resolveFromRoot(value: string): string {
  return value === ':memory:' ? value : path.resolve(projectRoot, value);
}

/** Parses an environment (process.env by default) into a frozen Config or throws ConfigError. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, the way shells and .env files usually mean them.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '?');
      return `${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databasePath: resolveFromRoot(e.DATABASE_PATH),
    logLevel: e.LOG_LEVEL,
    webBuildDir: resolveFromRoot(e.WEB_BUILD_DIR),
    demoSeed: e.DEMO_SEED,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  });
}

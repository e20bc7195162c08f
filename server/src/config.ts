/**
 * Runtime configuration: the only module that reads process.env.
 * Values are validated once at start-up; an invalid value stops the process with a
 * message that names the variable. The result is frozen so nothing can change it later.
 */
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root; relative paths in the environment are resolved against it. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/**
 * One TRUST_PROXY entry: a named range of proxy-addr, or an address with an optional prefix.
 * Wide networks are refused: "0.0.0.0/1,128.0.0.0/1" would trust every client's own
 * X-Forwarded-For and undo the per-IP limits.
 */
function isProxyAddress(entry: string): boolean {
  if (entry === 'loopback' || entry === 'linklocal' || entry === 'uniquelocal') return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && (family === 4 ? bits >= 8 && bits <= 32 : bits >= 32 && bits <= 128);
}

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default('data/buurtkracht.db'),
  // PostgreSQL for several app instances (the scale path); unset: the SQLite file above.
  DATABASE_URL: z
    .string()
    .refine((value) => /^postgres(?:ql)?:\/\/[^\s]/.test(value) && URL.canParse(value), 'a postgres:// URL, e.g. postgres://buurtkracht:password@db.example.org:5432/buurtkracht')
    .optional(),
  // Shared rate limits and sign-in throttles when several app instances run; unset: in memory.
  REDIS_URL: z
    .string()
    .refine((value) => /^rediss?:\/\/[^\s]/.test(value) && URL.canParse(value), 'a redis:// or rediss:// URL, e.g. redis://redis.example.org:6379')
    .optional(),
  // Goes in front of every Redis key, so that several deployments (or test runs) can share one Redis.
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9:._-]{1,64}$/, 'up to 64 letters, digits and : . _ -, e.g. bk:').default('bk:'),
  // Photos in S3-compatible object storage (shared by several instances); unset: MEDIA_DIR.
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'a bucket name: 3 to 63 lower-case letters, digits, dots and dashes').optional(),
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_FORCE_PATH_STYLE: booleanFlag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_BUILD_DIR: z.string().min(1).default('web/build'),
  DEMO_SEED: booleanFlag.default(true),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(30_000),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(7 * 24 * 60).default(8 * 60),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(90 * 24).default(7 * 24),
  PERSONAL_DATA_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  ARGON2_MAX_CONCURRENT: z.coerce.number().int().min(1).max(64).default(2),
  LOGIN_MAX_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).max(10_000).default(30),
  LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(8),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  MEDIA_DIR: z.string().min(1).default('data/media'),
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(100).default(10),
  GRAPHQL_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  // Raster tiles for the console's findings map; "none" turns the background map off.
  MAP_TILE_URL: z
    .union([z.literal('none'), z.string().regex(/^https:\/\/[^\s/]+\/\S*\{z\}\S*\{x\}\S*\{y\}\S*$/, 'an https URL with {z}, {x} and {y}, or "none"')])
    .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  // E-mail to residents about their findings; unset: no mail at all.
  SMTP_URL: z
    .string()
    .refine((value) => /^smtps?:\/\/[^\s/?#]/.test(value) && URL.canParse(value), 'an smtp:// or smtps:// URL with a host, e.g. smtp://user:password@mail.example.org:587')
    .optional(),
  // The sender: an address, or a name and an address ("Buurtkracht <buurtkracht@example.org>").
  MAIL_FROM: z
    .string()
    .regex(/^(?:[^<>\r\n"]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+)$/, 'an e-mail address, or a name and an address: "Buurtkracht <buurtkracht@example.org>"')
    .optional(),
  // Scheduled backups of the database and the photos (npm run backup makes one by hand).
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_INTERVAL_HOURS: z.coerce.number().min(0).max(24 * 30).default(24),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(14),
  // Prometheus metrics: on a port of their own, or on the app's port behind a bearer token.
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_TOKEN: z.string().min(24, 'at least 24 characters').optional(),
  // Behind a reverse proxy: which hops to believe about the client's address (X-Forwarded-For).
  TRUST_PROXY: z
    .string()
    .transform((value) => value.split(',').map((part) => part.trim()))
    .refine((parts) => parts.every(isProxyAddress), 'the addresses of the proxies in front of the app: loopback, 10.0.0.0/8, 192.168.1.5 (comma-separated; networks no wider than /8, or /32 for IPv6)')
    .optional(),
  // Readiness (GET /readyz) fails when the database's disk has less free space than this.
  READY_MIN_FREE_DISK_MB: z.coerce.number().int().min(0).max(1_000_000).default(200),
});

/** Values that may hold a password: a start-up error names them but never prints them. */
const SECRET_VARIABLES = new Set(['SMTP_URL', 'METRICS_TOKEN', 'DATABASE_URL', 'REDIS_URL']);

export interface Config {
  readonly nodeEnv: 'development' | 'test' | 'production';
  readonly host: string;
  readonly port: number;
  /** Absolute path of the SQLite file, or ':memory:'; unused when databaseUrl is set. */
  readonly databasePath: string;
  /** A PostgreSQL server instead of the SQLite file; may hold a password: never log it. */
  readonly databaseUrl: string | null;
  /** Redis for the rate limits and throttles that several instances share; null: in memory. May hold a password. */
  readonly redisUrl: string | null;
  /** In front of every Redis key (REDIS_KEY_PREFIX). */
  readonly redisKeyPrefix: string;
  /**
   * Photos in an S3-compatible bucket instead of mediaDir; null: the folder. Credentials
   * come from the AWS SDK's own chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a role).
   */
  readonly s3: { readonly bucket: string; readonly endpoint: string | null; readonly region: string; readonly forcePathStyle: boolean } | null;
  readonly logLevel: string;
  /** Absolute path of the built web app (adapter-static output). */
  readonly webBuildDir: string;
  /** Seed the demo neighbourhood when the database is empty. */
  readonly demoSeed: boolean;
  readonly shutdownTimeoutMs: number;
  /** Where people reach the app; invite links start with it. */
  readonly publicUrl: string;
  /** Cookies get the Secure flag everywhere but in development. */
  readonly secureCookies: boolean;
  /** A request must arrive completely within this time (slow-client protection). */
  readonly requestTimeoutMs: number;
  readonly sessionIdleMs: number;
  readonly sessionAbsoluteMs: number;
  /** Personal data of a campaign is erased this long after it closes. */
  readonly personalDataRetentionDays: number;
  readonly argon2MaxConcurrent: number;
  readonly loginMaxAttemptsPerIp: number;
  readonly loginMaxAttemptsPerAccount: number;
  readonly loginWindowMs: number;
  /** Per participant token, staff session, or (anonymous) IP address. */
  readonly graphqlRateLimitPerMinute: number;
  /** Where photos are stored (relative to the repository root unless absolute). */
  readonly mediaDir: string;
  readonly maxUploadBytes: number;
  /** Tile URL template for the findings map, or null for markers without a background map. */
  readonly mapTileUrl: string | null;
  /** Where and as whom residents' e-mail is sent; null: e-mail is off. smtpUrl may hold a password: never log it. */
  readonly mail: { readonly smtpUrl: string; readonly from: string } | null;
  /** Scheduled backups into dir every intervalHours (0: none), keeping the newest keep; null: BACKUP_DIR unset. */
  readonly backup: { readonly dir: string; readonly intervalHours: number; readonly keep: number } | null;
  /** Where /metrics is served: its own port (host as the app's), or the app's port with a bearer token; null: off. */
  readonly metrics: { readonly port: number; readonly token: null } | { readonly port: null; readonly token: string } | null;
  readonly readyMinFreeDiskBytes: number;
  /**
   * Which proxies' X-Forwarded-For to believe (Fastify's trustProxy): false (the socket's
   * address is the client) or the proxies' addresses. Never "all", nor a hop count: a client
   * could then name its own address and escape the per-IP limits.
   */
  readonly trustProxy: false | readonly string[];
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
      return `${name}=${SECRET_VARIABLES.has(name) ? '(not shown)' : JSON.stringify(env[name] ?? '')}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.METRICS_PORT && e.METRICS_TOKEN) {
    throw new ConfigError('Invalid configuration:\n  METRICS_TOKEN=(not shown): set METRICS_PORT (metrics on a port of their own) or METRICS_TOKEN (on the app\'s port behind a token), not both');
  }
  if (e.METRICS_PORT && e.METRICS_PORT === e.PORT) {
    throw new ConfigError(`Invalid configuration:\n  METRICS_PORT=${e.METRICS_PORT}: must differ from PORT`);
  }
  if (e.DATABASE_URL && e.BACKUP_DIR) {
    throw new ConfigError('Invalid configuration:\n  BACKUP_DIR=' + JSON.stringify(e.BACKUP_DIR) + ': backups here copy the SQLite file; with DATABASE_URL, back up PostgreSQL with its own tools (pg_dump, or the managed service\'s backups) and leave BACKUP_DIR unset');
  }
  if (e.S3_BUCKET && e.BACKUP_DIR) {
    throw new ConfigError('Invalid configuration:\n  BACKUP_DIR=' + JSON.stringify(e.BACKUP_DIR) + ': backups here copy the photo folder; with S3_BUCKET, keep the photos safe with the bucket\'s own versioning or replication and leave BACKUP_DIR unset');
  }
  if (!e.S3_BUCKET && (e.S3_ENDPOINT || env.S3_FORCE_PATH_STYLE)) {
    throw new ConfigError('Invalid configuration:\n  S3_BUCKET="": required when S3_ENDPOINT or S3_FORCE_PATH_STYLE is set: the bucket that holds the photos');
  }
  if (e.SMTP_URL && !e.MAIL_FROM) {
    throw new ConfigError('Invalid configuration:\n  MAIL_FROM="": required when SMTP_URL is set: the sender of the e-mails, e.g. "Buurtkracht <buurtkracht@example.org>"');
  }
  return Object.freeze({
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databasePath: resolveFromRoot(e.DATABASE_PATH),
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    s3: e.S3_BUCKET ? Object.freeze({ bucket: e.S3_BUCKET, endpoint: e.S3_ENDPOINT ?? null, region: e.S3_REGION, forcePathStyle: e.S3_FORCE_PATH_STYLE }) : null,
    logLevel: e.LOG_LEVEL,
    webBuildDir: resolveFromRoot(e.WEB_BUILD_DIR),
    demoSeed: e.DEMO_SEED,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    secureCookies: e.NODE_ENV !== 'development',
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    personalDataRetentionDays: e.PERSONAL_DATA_RETENTION_DAYS,
    argon2MaxConcurrent: e.ARGON2_MAX_CONCURRENT,
    loginMaxAttemptsPerIp: e.LOGIN_MAX_ATTEMPTS_PER_IP,
    loginMaxAttemptsPerAccount: e.LOGIN_MAX_ATTEMPTS_PER_ACCOUNT,
    loginWindowMs: e.LOGIN_WINDOW_MINUTES * 60_000,
    graphqlRateLimitPerMinute: e.GRAPHQL_RATE_LIMIT_PER_MINUTE,
    // An in-memory database gets a throw-away media folder of its own.
    mediaDir: e.DATABASE_PATH === ':memory:' && !env.MEDIA_DIR ? path.join(os.tmpdir(), `buurtkracht-media-${process.pid}-${Date.now()}`) : resolveFromRoot(e.MEDIA_DIR),
    maxUploadBytes: e.MAX_UPLOAD_MB * 1024 * 1024,
    mapTileUrl: e.MAP_TILE_URL === 'none' ? null : e.MAP_TILE_URL,
    mail: e.SMTP_URL && e.MAIL_FROM ? Object.freeze({ smtpUrl: e.SMTP_URL, from: e.MAIL_FROM }) : null,
    backup: e.BACKUP_DIR ? Object.freeze({ dir: resolveFromRoot(e.BACKUP_DIR), intervalHours: e.BACKUP_INTERVAL_HOURS, keep: e.BACKUP_KEEP }) : null,
    metrics: e.METRICS_PORT ? Object.freeze({ port: e.METRICS_PORT, token: null }) : e.METRICS_TOKEN ? Object.freeze({ port: null, token: e.METRICS_TOKEN }) : null,
    readyMinFreeDiskBytes: e.READY_MIN_FREE_DISK_MB * 1024 * 1024,
    trustProxy: e.TRUST_PROXY === undefined ? false : Object.freeze(e.TRUST_PROXY),
  });
}

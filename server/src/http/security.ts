/**
 * HTTP-level protection: security headers (CSP, nosniff, referrer policy, no framing)
 * and the per-caller request budget on /graphql and /media. Rate-limited callers get 429
 * with Retry-After and a GraphQL-shaped error body.
 *
 * With REDIS_URL the budgets count in Redis, shared by every app instance; each route
 * counts under a key of its own: the plugin adds the route's methods and URL to the
 * namespace (`rate-limit:GET,POST/graphql-ip:HASH`), as it keeps a store per route in
 * memory. A caller known only by IP counts under a hash of it, so the shared store holds
 * no IP addresses. When Redis does not answer, the budgets let requests through (skipOnError;
 * redis-client.ts logs the outage once): they guard the server against floods, and
 * refusing every request would stop the field app's sync for as long as Redis is away.
 * Guessing stays limited meanwhile: the sign-in throttles and the other attempt limits
 * count in each instance's memory until Redis answers again (at most instances × their
 * maximum per window; auth/redis-attempt-limiter.ts), and refuse nothing for the outage.
 */
import rateLimit from '@fastify/rate-limit';
import helmet, { type HelmetOptions } from 'helmet';
import type { Redis } from 'ioredis';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashedLimitKey } from '../auth/redis-attempt-limiter.js';
import type { Viewer } from '../auth/viewer.js';
import type { Config } from '../config.js';
import { ErrorCode } from '../domain-error.js';
import { cspDirectives } from './content-security-policy.js';

/**
 * The security headers every response carries, worked out once: helmet computes them
 * from its options, and they never change while the process runs. (@fastify/helmet
 * rebuilt and re-parsed them on every request, ~6% of a small GraphQL request.)
 */
export function securityHeaders(config: Config): Record<string, string> {
  const options: HelmetOptions = {
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(config.webBuildDir, config.mapTileUrl) },
    // Invite links carry their code in the path; no page may pass it on.
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: config.nodeEnv === 'production' ? { maxAge: 31_536_000 } : false,
  };
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let failure: unknown;
  helmet(options)({} as never, response as never, (error?: unknown) => (failure = error));
  if (failure) throw failure;
  return headers;
}

export async function registerSecurity(app: FastifyInstance, config: Config, redis: Redis | null = null): Promise<void> {
  const headers = securityHeaders(config);
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(headers);
  });
  await app.register(rateLimit, { global: false, ...(redis ? { redis, nameSpace: 'rate-limit:', skipOnError: true } : {}) });
}

/**
 * One budget per participant (device token), per staff session, or per IP. The key is the
 * checked credential, never the one sent: a made-up or expired token or cookie counts
 * against the caller's IP, or a fresh random credential on every request would be a
 * fresh budget every time.
 */
export function rateLimitKey(request: FastifyRequest, viewer: Viewer): string {
  if (viewer.kind === 'participant') return `participant:${viewer.participantId}`;
  if (viewer.kind === 'staff') return `session:${viewer.sessionHash}`;
  return ipRateLimitKey(request);
}

/** The budget key of a caller known only by IP: a hash of it (hashedLimitKey), never the address. */
export const ipRateLimitKey = (request: FastifyRequest): string => `ip:${hashedLimitKey(request.ip)}`;

/** The budget of /graphql and /media; `viewerOf` is the route's own (per request, once) viewer lookup. */
export function graphqlRateLimit(config: Config, viewerOf: (request: FastifyRequest) => Promise<Viewer>) {
  return {
    max: config.graphqlRateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: async (request: FastifyRequest) => rateLimitKey(request, await viewerOf(request)),
    errorResponseBuilder: rateLimitedResponse,
  };
}

/**
 * Every 429 of this server: a GraphQL-shaped body with RATE_LIMITED and the wait in plain
 * Dutch (the limiter's own `after` is English: "1 minute").
 */
export function rateLimitedResponse(_request: FastifyRequest, context: { ttl: number }) {
  const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
  const wait = seconds < 60 ? `${seconds} ${seconds === 1 ? 'seconde' : 'seconden'}` : `${Math.ceil(seconds / 60)} ${Math.ceil(seconds / 60) === 1 ? 'minuut' : 'minuten'}`;
  return {
    statusCode: 429,
    errors: [{ message: `Te veel verzoeken achter elkaar. Probeer het over ${wait} opnieuw.`, extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: seconds } }],
  };
}

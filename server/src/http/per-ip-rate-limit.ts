/**
 * The per-IP budget of the endpoints anyone may call without signing in that still do
 * work per request: GET /readyz (database, worker and disk checks) and a refused GET
 * /metrics on the app port (hashing the presented token). 120 a minute per IP is far above
 * what an orchestrator or Prometheus sends (a probe every few seconds) and far below a
 * flood; behind a reverse proxy the IP is the client's when TRUST_PROXY names the proxy.
 * Each route counts on its own (@fastify/rate-limit keeps a store per route in memory, and
 * a key namespace per method and route in Redis, which all instances share when REDIS_URL
 * is set: security.ts). The 429 is security.ts's, like every other one here.
 */
import type { FastifyRequest } from 'fastify';
import { ipRateLimitKey, rateLimitedResponse } from './security.js';

export const PROBE_RATE_LIMIT_PER_MINUTE = 120;

/** `exempt` requests (say, a scrape with the right token) neither count nor are refused. */
export function perIpRateLimit(exempt?: (request: FastifyRequest) => boolean) {
  return {
    max: PROBE_RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: ipRateLimitKey,
    ...(exempt ? { allowList: (request: FastifyRequest) => exempt(request) } : {}),
    errorResponseBuilder: rateLimitedResponse,
  };
}

/**
 * HTTP-level protection: security headers (CSP, nosniff, referrer policy, no framing)
 * and the per-caller request budget on /graphql. Rate-limited callers get 429 with
 * Retry-After and a GraphQL-shaped error body.
 */
import rateLimit from '@fastify/rate-limit';
import helmet, { type HelmetOptions } from 'helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashSecret } from '../auth/tokens.js';
import type { Config } from '../config.js';
import { ErrorCode } from '../graphql/errors.js';
import { SESSION_COOKIE } from '../modules/account/session.service.js';
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

export async function registerSecurity(app: FastifyInstance, config: Config): Promise<void> {
  const headers = securityHeaders(config);
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(headers);
  });
  await app.register(rateLimit, { global: false });
}

/** One budget per device token, per staff session, or (for anonymous callers) per IP. */
export function rateLimitKey(request: FastifyRequest): string {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) return `token:${hashSecret(authorization.slice(7))}`;
  const session = request.cookies?.[SESSION_COOKIE];
  if (session) return `session:${hashSecret(session)}`;
  return `ip:${request.ip}`;
}

export function graphqlRateLimit(config: Config) {
  return {
    max: config.graphqlRateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: rateLimitKey,
    errorResponseBuilder: (_request: FastifyRequest, context: { after: string; ttl: number }) => ({
      statusCode: 429,
      errors: [
        {
          message: `Te veel verzoeken achter elkaar. Probeer het over ${context.after} opnieuw.`,
          extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: Math.ceil(context.ttl / 1000) },
        },
      ],
    }),
  };
}

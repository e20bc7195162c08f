/**
 * HTTP-level protection: security headers (CSP, nosniff, referrer policy, no framing)
 * and the per-caller request budget on /graphql. Rate-limited callers get 429 with
 * Retry-After and a GraphQL-shaped error body.
 */
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashSecret } from '../auth/tokens.js';
import type { Config } from '../config.js';
import { ErrorCode } from '../graphql/errors.js';
import { SESSION_COOKIE } from '../modules/account/session.service.js';
import { cspDirectives } from './content-security-policy.js';

export async function registerSecurity(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(config.webBuildDir, config.mapTileUrl) },
    // Invite links carry their code in the path; no page may pass it on.
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
    hsts: config.nodeEnv === 'production' ? { maxAge: 31_536_000 } : false,
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

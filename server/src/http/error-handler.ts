/**
 * Errors of the plain HTTP routes (media, exports, …) and of requests refused before
 * GraphQL runs (a body that is no JSON, too large, a rate limit), answered in the same
 * shape as GraphQL errors with a Dutch message. A DomainError a route lets through is
 * answered with its code, details and the HTTP status that code means; anything
 * unexpected is logged with the request id and masked.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, ErrorCode, type DomainErrorCode } from '../domain-error.js';
import { internalErrorMessage } from '../graphql/errors.js';

const requestProblems: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'Het verzoek is geen geldige JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Het verzoek is leeg.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'Het verzoek is te groot.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Dit soort inhoud wordt hier niet aangenomen.',
};

const statusOfCode: Record<DomainErrorCode, number> = {
  BAD_USER_INPUT: 400,
  QUERY_TOO_COMPLEX: 400,
  UNAUTHENTICATED: 401,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { errors?: unknown[] }, request, reply) => {
    if (error instanceof DomainError) {
      const wait = error.details.retryAfterSeconds;
      if (error.code === ErrorCode.RATE_LIMITED && wait != null) reply.header('retry-after', String(wait));
      return reply.code(statusOfCode[error.code]).send({ errors: [{ message: error.message, extensions: { code: error.code, ...error.details } }] });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'unexpected HTTP error');
      return reply.code(500).send({ errors: [{ message: internalErrorMessage, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId: request.id } }] });
    }
    // The rate limiter builds its own GraphQL-shaped body (see security.ts).
    if (status === 429 && Array.isArray(error.errors)) return reply.code(429).send({ errors: error.errors });
    const message = requestProblems[error.code] ?? 'Ongeldig verzoek.';
    return reply.code(status).send({ errors: [{ message, extensions: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' } }] });
  });
}

/**
 * One log line per request (method, path, status, time) instead of Fastify's two
 * ("incoming request" and "request completed"): half the logging work on every request
 * (measured ~3% of a small GraphQL request) and the same facts. The request id is on the
 * line through the child logger. Invite codes in paths and query strings stay out of logs.
 */
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/** The path as it may be logged: no query string, no invite code. */
export function loggablePath(url: string): string {
  const path = url.split('?', 1)[0]!;
  return path.replace(/^\/meedoen\/[^/]+/, '/meedoen/…');
}

export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { method: request.method, path: loggablePath(request.url), statusCode: reply.statusCode, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

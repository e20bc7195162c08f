/**
 * GET /metrics for Prometheus, as config.metrics says: on a listener of its own
 * (METRICS_PORT, same HOST as the app, started and stopped with the app's server), or on
 * the app's port behind `Authorization: Bearer <METRICS_TOKEN>`; with neither, there is no
 * /metrics at all. Never public: no CORS headers, never cached (no-store), not handled by
 * the service worker, and the request log holds the path only, never the token.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { AppMetrics } from '../modules/metrics/app-metrics.js';
import { perIpRateLimit } from './per-ip-rate-limit.js';
import { OneLinePerRequest } from './request-log.js';

export const METRICS_PATH = '/metrics';

async function sendMetrics(metrics: AppMetrics, reply: FastifyReply): Promise<FastifyReply> {
  const text = await metrics.registry.metrics();
  return reply.header('Cache-Control', 'no-store').type(metrics.registry.contentType).send(text);
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares digests of equal length, so the time taken says nothing about the token. */
function hasToken(request: FastifyRequest, token: string): boolean {
  const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!), digest(token));
}

function registerTokenRoute(app: FastifyInstance, metrics: AppMetrics, token: string): void {
  // Only refused requests count against the caller's IP: a scrape with the token never waits.
  app.get(METRICS_PATH, { config: { rateLimit: perIpRateLimit((request) => hasToken(request, token)) } }, async (request, reply) => {
    if (!hasToken(request, token)) {
      return reply.code(401).header('WWW-Authenticate', 'Bearer').header('Cache-Control', 'no-store').send({ error: 'UNAUTHENTICATED', message: 'Geen toegang.' });
    }
    return sendMetrics(metrics, reply);
  });
}

/** A second Fastify instance on METRICS_PORT, listening while the app's server does. */
function registerOwnListener(app: FastifyInstance, metrics: AppMetrics, config: Config, port: number, logger: Logger): void {
  const listener = Fastify({ loggerInstance: logger as FastifyBaseLogger, genReqId: () => randomUUID(), logController: new OneLinePerRequest({ requestIdLogLabel: 'requestId' }) });
  listener.get(METRICS_PATH, async (_request, reply) => sendMetrics(metrics, reply));
  listener.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'NOT_FOUND', message: 'Niet gevonden.' }));
  // onReady runs before the app's server listens, so a taken port stops the start-up.
  app.addHook('onReady', async () => {
    try {
      await listener.listen({ port, host: config.host });
    } catch (error) {
      throw new Error(`metrics could not listen on ${config.host}:${port} (METRICS_PORT): ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  app.addHook('onClose', async () => {
    await listener.close();
  });
}

export function registerMetrics(app: FastifyInstance, metrics: AppMetrics, config: Config, logger: Logger): void {
  if (!config.metrics) return;
  if (config.metrics.token !== null) registerTokenRoute(app, metrics, config.metrics.token);
  else registerOwnListener(app, metrics, config, config.metrics.port, logger);
}

/**
 * GET /healthz (liveness): 200 when the database answers a query, 503 otherwise.
 * GET /readyz (readiness): 200 when every check of modules/metrics/readiness.ts passes,
 * else 503 naming the checks that failed. Both are public (they reveal nothing) and never
 * cached. /readyz has a per-IP budget (per-ip-rate-limit.ts) since its checks do work;
 * /healthz runs one `select 1` and writes nothing, so it has none.
 */
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/database.js';
import type { ReadinessCheck } from '../modules/metrics/readiness.js';
import { perIpRateLimit } from './per-ip-rate-limit.js';

export function registerHealthRoutes(app: FastifyInstance, db: Db, failingChecks: () => Promise<ReadinessCheck[]>): void {
  app.get('/healthz', async (request, reply) => {
    try {
      await sql`select 1`.execute(db);
      return reply.header('Cache-Control', 'no-store').send({ status: 'ok' });
    } catch (error) {
      request.log.error({ err: error }, 'health check failed: database unavailable');
      return reply.code(503).header('Cache-Control', 'no-store').send({ status: 'unavailable' });
    }
  });

  app.get('/readyz', { config: { rateLimit: perIpRateLimit() } }, async (_request, reply) => {
    const failed = await failingChecks();
    reply.header('Cache-Control', 'no-store');
    return failed.length === 0 ? reply.send({ status: 'ready' }) : reply.code(503).send({ status: 'not ready', failed });
  });
}

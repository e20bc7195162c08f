/** GET /healthz: 200 when the database answers a query, 503 otherwise. */
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/database.js';

export function registerHealthRoute(app: FastifyInstance, db: Db): void {
  app.get('/healthz', async (request, reply) => {
    try {
      await sql`select 1`.execute(db);
      return reply.header('Cache-Control', 'no-store').send({ status: 'ok' });
    } catch (error) {
      request.log.error({ err: error }, 'health check failed: database unavailable');
      return reply.code(503).header('Cache-Control', 'no-store').send({ status: 'unavailable' });
    }
  });
}

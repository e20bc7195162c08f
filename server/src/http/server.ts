/**
 * The HTTP server: one Fastify instance on one port serving the GraphQL API, the health
 * and readiness checks and the built web app (and /metrics, when configured: see
 * metrics-route.ts). Every response carries the request id it was logged under;
 * text, scripts and JSON are compressed (compression.ts).
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import fastifyCookie from '@fastify/cookie';
import type { GraphQLSchema } from 'graphql';
import type { AuthSettings } from '../auth/auth-settings.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import { createAppMetrics } from '../modules/metrics/app-metrics.js';
import { readinessChecks } from '../modules/metrics/readiness.js';
import type { SyncRunner } from '../modules/sync/sync-runner.js';
import { registerCompression } from './compression.js';
import { registerGraphqlRoute } from './graphql-route.js';
import { OneLinePerRequest } from './request-log.js';
import { registerErrorHandler } from './error-handler.js';
import { registerExportRoutes } from './export-routes.js';
import { registerHealthRoutes } from './health.js';
import { registerMailUnsubscribeRoutes } from './mail-unsubscribe-route.js';
import { registerMediaRoutes } from './media-route.js';
import { registerMetrics } from './metrics-route.js';
import { registerSecurity } from './security.js';
import { registerStaticFiles } from './static-files.js';

export interface HttpDeps {
  config: Config;
  db: Db;
  /** Connection for GraphQL queries (see db/connect.ts). */
  readDb: Db;
  logger: Logger;
  schema: GraphQLSchema;
  auth: AuthSettings;
  syncRunner: SyncRunner;
  /** The process's Redis client (REDIS_URL), where the request budgets count; null or absent: in memory. */
  redis?: Redis | null;
}

/** GraphQL bodies are small; photo uploads get their own route and limit. */
export const GRAPHQL_BODY_LIMIT = 1024 * 1024;

export async function buildHttpServer(deps: HttpDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    logController: new OneLinePerRequest({ requestIdLogLabel: 'requestId' }),
    bodyLimit: GRAPHQL_BODY_LIMIT,
    // Slow-client protection: a request must arrive completely within REQUEST_TIMEOUT_MS
    // (30 s by default), a silent socket is dropped, and idle keep-alive ends after 10 s.
    requestTimeout: deps.config.requestTimeoutMs,
    connectionTimeout: deps.config.requestTimeoutMs,
    keepAliveTimeout: 10_000,
    return503OnClosing: true,
    // request.ip (per-IP limits, the log) is the client's address behind the proxies named in TRUST_PROXY.
    trustProxy: deps.config.trustProxy === false ? false : [...deps.config.trustProxy],
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  registerErrorHandler(app);
  await app.register(fastifyCookie);
  await registerCompression(app);
  await registerSecurity(app, deps.config, deps.redis ?? null);
  const { config } = deps;
  // Only a SQLite file lives on this machine's disk; ':memory:' and PostgreSQL have none here.
  const databaseFile = config.databaseUrl || config.databasePath === ':memory:' ? null : config.databasePath;
  const readiness = readinessChecks({ db: deps.db, syncRunner: deps.syncRunner, databaseFile, mediaDir: config.s3 ? null : config.mediaDir, minFreeDiskBytes: config.readyMinFreeDiskBytes, logger: deps.logger });
  registerHealthRoutes(app, deps.db, readiness);
  // Counted also when nothing serves them (no METRICS_*): counting costs next to nothing.
  const metrics = createAppMetrics({ databaseFile, readDb: deps.readDb, backupDir: config.backup?.dir ?? null, logger: deps.logger });
  registerMetrics(app, metrics, config, deps.logger);
  await registerGraphqlRoute(app, { ...deps, metrics });
  await registerMediaRoutes(app, deps);
  registerExportRoutes(app, deps);
  await registerMailUnsubscribeRoutes(app, deps);
  await registerStaticFiles(app, deps.config.webBuildDir);
  return app;
}

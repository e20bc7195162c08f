/**
 * Builds the whole application from a Config: database (migrated, optionally seeded),
 * schema and HTTP server, plus one close() that releases them in order. main.ts and the
 * tests both start the app through here.
 */
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { createAuthSettings } from './auth/auth-settings.js';
import type { Config } from './config.js';
import { checkReachable, describeTarget, openConnection, type Connection } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { schema } from './graphql/schema.js';
import { buildHttpServer } from './http/server.js';
import type { Logger } from './logger.js';
import { startBackupSchedule } from './modules/backup/backup-schedule.js';
import type { MailTuning } from './modules/mail/mail-delivery.js';
import { startResidentMail } from './modules/mail/resident-mail.js';
import { scheduleRetention } from './modules/participant/retention.service.js';
import { inlineSyncRunner, workerSyncRunner, type SyncRunner } from './modules/sync/sync-runner.js';
import { seedDemo, type DemoCredentials } from './seed/demo-seed.js';
import { closeRedis, connectRedis } from './shared-store/redis-client.js';

export interface App {
  http: FastifyInstance;
  connection: Connection;
  /** Where sync batches run; closed by close(). Tests stop its worker through it. */
  syncRunner: SyncRunner;
  /** The demo coordinator's sign-in when this start seeded the demo data (show it once), else null. */
  demoCredentials: DemoCredentials | null;
  /** Stops accepting requests, lets running ones finish, then closes the database. */
  close(): Promise<void>;
}

/** Settings that tests change and a deployment does not: the e-mail loop's waits. */
export interface AppTuning {
  mail?: Partial<MailTuning>;
}

export async function createApp(config: Config, logger: Logger, tuning: AppTuning = {}): Promise<App> {
  const connection = openConnection(config);
  let redis: Redis | null = null;
  let syncRunner: SyncRunner | null = null;
  try {
    // First, so that an unreachable REDIS_URL stops the start at once, before migrations run.
    redis = config.redisUrl ? await connectRedis(config.redisUrl, config.redisKeyPrefix, logger) : null;
    await checkReachable(connection, config);
    const applied = await migrateToLatest(connection.db);
    const where = describeTarget(config);
    logger.info({ database: where, migrationsApplied: applied.length }, `database ready at ${where}`);
    const auth = createAuthSettings(config, redis ? { redis, logger } : null);
    const demoCredentials = config.demoSeed ? await seedDemo(connection.db, auth, logger) : null;
    // An in-memory database exists per connection, so a worker could not see it.
    const inMemory = !config.databaseUrl && config.databasePath === ':memory:';
    const runner = inMemory ? inlineSyncRunner(connection.db) : workerSyncRunner({ databasePath: config.databasePath, databaseUrl: config.databaseUrl, logLevel: config.logLevel }, logger);
    syncRunner = runner;
    await runner.ready;
    const http = await buildHttpServer({ config, db: connection.db, readDb: connection.readDb, logger, schema, auth, syncRunner: runner, redis });
    const stopRetention = scheduleRetention(connection.db, config.personalDataRetentionDays, logger);
    const stopMail = startResidentMail(connection.db, config, logger, tuning.mail);
    const stopBackups = startBackupSchedule(config, logger);
    return {
      http,
      connection,
      syncRunner: runner,
      demoCredentials,
      async close() {
        await stopRetention();
        await http.close();
        // After the requests, which count in it.
        if (redis) await closeRedis(redis);
        // After the requests (a status change may still queue a mail), before the database closes.
        await stopMail();
        await stopBackups();
        await runner.close();
        if (connection.readDb !== connection.db) await connection.readDb.destroy();
        await connection.db.destroy();
      },
    };
  } catch (error) {
    // A start that failed after the worker started (the photo bucket's check, say) must not
    // leave the worker thread keeping the process alive.
    await syncRunner?.close();
    if (redis) await closeRedis(redis);
    if (connection.readDb !== connection.db) await connection.readDb.destroy();
    await connection.db.destroy();
    throw error;
  }
}

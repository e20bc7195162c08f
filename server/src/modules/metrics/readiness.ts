/**
 * Readiness (GET /readyz): may this instance take traffic? Three checks, each named by a
 * short word in the answer when it fails:
 * - database: the write connection can write (metrics.repo.ts probeWrite);
 * - sync-worker: the thread that applies sync batches answers a ping (the inline runner
 *   of an in-memory database always does);
 * - disk: the filesystems of the database and of the photos have at least
 *   READY_MIN_FREE_DISK_MB free, so writes fail on a full disk only after a warning.
 *   Photos in an S3 bucket take no disk here and are not checked: the bucket is the same
 *   for every instance, so its outage would take them all out of rotation, stopping
 *   counting and sync too, while devices keep unsent photos and retry them anyway.
 * Liveness (/healthz) stays a plain "does the database answer".
 *
 * The endpoint is public, and a probe takes the write lock for a moment: checks that
 * arrive within a second of each other share one run, so probing in a loop costs no
 * more than one run per second.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import type { SyncRunner } from '../sync/sync-runner.js';
import { probeWrite } from './metrics.repo.js';

export type ReadinessCheck = 'database' | 'sync-worker' | 'disk';

export interface ReadinessSources {
  db: Db;
  syncRunner: SyncRunner;
  /** The SQLite file; null for ':memory:' and for PostgreSQL, whose disk is the database server's. */
  databaseFile: string | null;
  /** MEDIA_DIR, or null when photos are not on this machine (an S3 bucket). */
  mediaDir: string | null;
  minFreeDiskBytes: number;
  logger: Logger;
}

/** A loaded worker answers within milliseconds; this allows for a batch that is being applied. */
const SYNC_PING_TIMEOUT_MS = 2000;
const SHARED_FOR_MS = 1000;

/** The nearest folder that exists: MEDIA_DIR is made when the first photo arrives. */
async function existingFolder(folder: string): Promise<string> {
  for (let current = folder; ; current = path.dirname(current)) {
    if (await fs.stat(current).then((s) => s.isDirectory(), () => false)) return current;
    if (path.dirname(current) === current) return current;
  }
}

async function enoughFreeDisk(sources: ReadinessSources): Promise<boolean> {
  const folders = [...(sources.mediaDir === null ? [] : [sources.mediaDir]), ...(sources.databaseFile === null ? [] : [path.dirname(sources.databaseFile)])];
  for (const folder of folders) {
    const stats = await fs.statfs(await existingFolder(folder));
    if (stats.bavail * stats.bsize < sources.minFreeDiskBytes) return false;
  }
  return true;
}

/** Returns a function that answers the checks that fail now ([] = ready). */
export function readinessChecks(sources: ReadinessSources): () => Promise<ReadinessCheck[]> {
  let shared: { settledAt: number | null; failed: Promise<ReadinessCheck[]> } | null = null;
  let lastReported = '';

  const failing = (check: ReadinessCheck, passes: Promise<boolean>) =>
    passes.then(
      (ok) => (ok ? [] : [check]),
      (error: unknown) => {
        sources.logger.warn({ err: error, check }, 'readiness check failed');
        return [check];
      },
    );

  async function run(): Promise<ReadinessCheck[]> {
    const results = await Promise.all([
      failing('database', probeWrite(sources.db).then(() => true)),
      failing('sync-worker', sources.syncRunner.ping(SYNC_PING_TIMEOUT_MS)),
      failing('disk', enoughFreeDisk(sources)),
    ]);
    const failed = results.flat();
    // A change is worth one line; the same state probed every few seconds is not.
    const report = failed.join(',');
    if (report !== lastReported) {
      if (failed.length > 0) sources.logger.warn({ failed }, 'not ready');
      else if (lastReported) sources.logger.info('ready again');
      lastReported = report;
    }
    return failed;
  }

  return () => {
    if (!shared || (shared.settledAt !== null && Date.now() - shared.settledAt >= SHARED_FOR_MS)) {
      const current: NonNullable<typeof shared> = { settledAt: null, failed: run() };
      void current.failed.finally(() => (current.settledAt = Date.now()));
      shared = current;
    }
    return shared.failed;
  };
}

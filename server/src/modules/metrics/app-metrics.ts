/**
 * The app's Prometheus metrics, in a registry of its own rather than prom-client's global
 * one, so that several apps in one process (the tests) each count only their own. Names
 * start with buurtkracht_. What is counted where:
 * - Node's process metrics (CPU, memory, event loop lag, GC): prom-client's defaults;
 * - GraphQL requests per operation and outcome, and their latency: http/graphql-metrics.ts;
 * - sync batches per outcome and their entries per status: http/graphql-metrics.ts;
 * - mails waiting to be sent, the database's size and the newest backup's age: read here
 *   when Prometheus scrapes, so they cost nothing in between.
 * Served by http/metrics-route.ts, never publicly; docs/operations.md lists every metric.
 */
import fs from 'node:fs/promises';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../../db/database.js';
import { dialectOf } from '../../db/dialect.js';
import type { Logger } from '../../logger.js';
import { newestBackupAt } from '../backup/backup-status.js';
import type { SyncResult } from '../sync/sync.service.js';
import { pendingMailCount, postgresDatabaseSize } from './metrics.repo.js';
import { MAX_OPERATION_NAMES, OperationNames } from './operation-names.js';
import { SYNC_STATUSES } from '@buurtkracht/protocol/sync-protocol';

export const METRICS_PREFIX = 'buurtkracht_';

export interface MetricsSources {
  /** The SQLite file; null for ':memory:' (no size to report) and for PostgreSQL (asked for its size). */
  databaseFile: string | null;
  readDb: Db;
  /** BACKUP_DIR; null when backups are off, and then there is no backup age. */
  backupDir: string | null;
  logger: Logger;
}

export interface AppMetrics {
  readonly registry: Registry;
  /** Which operation names get a label of their own (see operation-names.ts). */
  readonly operationNames: OperationNames;
  countGraphqlRequest(operation: string, outcome: string, seconds: number): void;
  /** `result` is null when the batch was refused or failed as a whole (outcome: its code). */
  countSyncBatch(outcome: string, result: SyncResult | null): void;
}

export function createAppMetrics(sources: MetricsSources): AppMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: METRICS_PREFIX });

  const graphqlRequests = new Counter({
    name: `${METRICS_PREFIX}graphql_requests_total`,
    help: 'GraphQL requests by operation name and outcome (ok, or the code of the first error).',
    labelNames: ['operation', 'outcome'] as const,
    registers,
  });
  const graphqlSeconds = new Histogram({
    name: `${METRICS_PREFIX}graphql_request_duration_seconds`,
    help: 'Time from receiving a GraphQL request to sending its answer, by operation name.',
    labelNames: ['operation'] as const,
    registers,
  });
  const syncBatches = new Counter({
    name: `${METRICS_PREFIX}sync_batches_total`,
    help: 'Sync batches by outcome: ok, or the code of a refusal of the whole batch.',
    labelNames: ['outcome'] as const,
    registers,
  });
  const syncEntries = new Counter({
    name: `${METRICS_PREFIX}sync_entries_total`,
    help: 'Entries of sync batches by result: APPLIED, DUPLICATE or REJECTED.',
    labelNames: ['status'] as const,
    registers,
  });
  // Present from the start at 0, so that the first batch shows as an increase.
  syncBatches.inc({ outcome: 'ok' }, 0);
  for (const status of SYNC_STATUSES) syncEntries.inc({ status }, 0);

  /** A gauge read at scrape time; one that cannot be read is left out of that scrape and logged. */
  const readAtScrape = <L extends string>(name: string, help: string, labelNames: readonly L[], read: (gauge: Gauge<L>) => Promise<void>) =>
    new Gauge<L>({
      name: `${METRICS_PREFIX}${name}`,
      help,
      labelNames,
      registers,
      async collect() {
        try {
          await read(this);
        } catch (error) {
          this.reset();
          sources.logger.warn({ err: error, metric: name }, 'metric could not be read');
        }
      },
    });

  readAtScrape('mail_outbox_pending', 'Mails to residents waiting to be sent (or retried).', [], async (gauge) => gauge.set(await pendingMailCount(sources.readDb)));
  if (sources.databaseFile !== null) {
    const databaseFile = sources.databaseFile;
    readAtScrape('database_size_bytes', 'Size of the SQLite database: its main file and its write-ahead log (wal).', ['file'], async (gauge) => {
      gauge.set({ file: 'main' }, (await fs.stat(databaseFile)).size);
      // No WAL file at all is a WAL of size 0 (SQLite removes it when the last connection closes).
      gauge.set({ file: 'wal' }, (await fs.stat(`${databaseFile}-wal`).catch(() => null))?.size ?? 0);
    });
  } else if (dialectOf(sources.readDb) === 'postgres') {
    readAtScrape('database_size_bytes', 'Size of the PostgreSQL database (pg_database_size).', ['file'], async (gauge) => {
      gauge.set({ file: 'main' }, await postgresDatabaseSize(sources.readDb));
    });
  }
  if (sources.backupDir) {
    const { backupDir } = sources;
    readAtScrape('backup_age_seconds', 'Seconds since the newest complete backup in BACKUP_DIR started; +Inf when there is none.', [], async (gauge) => {
      const newest = await newestBackupAt(backupDir);
      gauge.set(newest ? (Date.now() - newest.getTime()) / 1000 : Infinity);
    });
  }

  const operationNames = new OperationNames(MAX_OPERATION_NAMES, () =>
    sources.logger.warn({ max: MAX_OPERATION_NAMES }, 'metrics: too many different GraphQL operation names; further new names are counted as "other"'),
  );

  return {
    registry,
    operationNames,
    countGraphqlRequest(operation, outcome, seconds) {
      graphqlRequests.inc({ operation, outcome });
      graphqlSeconds.observe({ operation }, seconds);
    },
    countSyncBatch(outcome, result) {
      syncBatches.inc({ outcome });
      const perStatus = new Map<string, number>();
      for (const entry of result?.results ?? []) perStatus.set(entry.status, (perStatus.get(entry.status) ?? 0) + 1);
      for (const [status, count] of perStatus) syncEntries.inc({ status }, count);
    },
  };
}

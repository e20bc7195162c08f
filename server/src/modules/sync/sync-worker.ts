/**
 * The sync service in a worker thread, with its own write connection to the database.
 * A 500-entry batch is ~10 ms of synchronous SQLite and JavaScript; on the main thread it
 * held up every other request (a dashboard on the big screen waited for whole batches).
 * Here it runs beside the main thread, which only parses the request and writes the
 * answer. Jobs come from sync-runner.ts, one per message, answered in kind; jobs that
 * queued up while a transaction ran (several phones syncing at once) are applied
 * together in the next one (see syncTogether).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkReachable, openConnection, type DatabaseTarget } from '../../db/connect.js';
import { DomainError } from '../../domain-error.js';
import { createLogger } from '../../logger.js';
import '../../validation-locale.js';
import { syncTogether, type BatchOutcome } from './sync.service.js';
import type { SyncJob, SyncJobAnswer } from './sync-runner.js';

/** At most this many batches (4,000 entries) share a transaction, to keep each short. */
const MAX_BATCHES_PER_TRANSACTION = 8;

const { logLevel, ...target } = workerData as DatabaseTarget & { logLevel: string };
// The worker only writes; readers live on the main thread.
const connection = openConnection(target, { reader: false });
const { db } = connection;
const logger = createLogger({ logLevel });

function toAnswer(job: SyncJob, outcome: BatchOutcome): SyncJobAnswer {
  if (!outcome.error) return { id: job.id, result: outcome.result! };
  if (outcome.error instanceof DomainError) return { id: job.id, error: outcome.error.toJSON() };
  logger.error({ err: outcome.error, requestId: job.requestId }, 'sync failed unexpectedly');
  return { id: job.id, error: 'unexpected' };
}

const queue: SyncJob[] = [];
let draining = false;

function send(job: SyncJob, outcome: BatchOutcome): void {
  try {
    parentPort!.postMessage(toAnswer(job, outcome));
  } catch (error) {
    // An answer that cannot be copied to the main thread must still end the request.
    logger.error({ err: error, requestId: job.requestId }, 'sync answer could not be sent');
    parentPort!.postMessage({ id: job.id, error: 'unexpected' } satisfies SyncJobAnswer);
  }
}

async function drain(): Promise<void> {
  draining = true;
  try {
    while (queue.length > 0) {
      const jobs = queue.splice(0, MAX_BATCHES_PER_TRANSACTION);
      let outcomes: BatchOutcome[];
      try {
        outcomes = await syncTogether(
          db,
          jobs.map((job) => ({ viewer: job.viewer, input: job.input, logger: logger.child({ requestId: job.requestId }), now: new Date(job.now) })),
        );
      } catch (error) {
        // The shared commit failed: none of these batches was stored, so none is acknowledged.
        outcomes = jobs.map(() => ({ error }));
      }
      jobs.forEach((job, i) => send(job, outcomes[i]!));
    }
  } finally {
    draining = false;
  }
}

parentPort!.on('message', (job: SyncJob | { ping: number }) => {
  // Readiness asks whether this thread still answers; it does between transactions.
  if ('ping' in job) return parentPort!.postMessage({ pong: job.ping });
  queue.push(job);
  if (!draining) void drain();
});

// Loaded and connected: the server may start taking requests. A PostgreSQL pool connects
// only at its first query, so ask one; when it fails, the worker's error fails start-up.
await checkReachable(connection, target);
parentPort!.postMessage({ ready: true });

/**
 * The sync service in a worker thread, with its own write connection to the database.
 * A 500-entry batch is ~12 ms of synchronous SQLite and JavaScript; on the main thread it
 * held up every other request (a dashboard on the big screen waited for whole batches).
 * Here it runs beside the main thread, which only parses the request and writes the
 * answer. Jobs come from sync-runner.ts, one at a time per message, answered in kind.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/connect.js';
import { createLogger } from '../../logger.js';
import { sync } from './sync.service.js';
import type { SyncJob, SyncJobAnswer } from './sync-runner.js';

const { databasePath, logLevel } = workerData as { databasePath: string; logLevel: string };
// The worker only writes; readers live on the main thread.
const { db } = openDatabase(databasePath, { reader: false });
const logger = createLogger({ logLevel });

parentPort!.on('message', async (job: SyncJob) => {
  let answer: SyncJobAnswer;
  try {
    answer = { id: job.id, result: await sync(db, job.viewer, job.input, logger.child({ requestId: job.requestId }), new Date(job.now)) };
  } catch (error) {
    const extensions = (error as { extensions?: Record<string, unknown> }).extensions;
    if (typeof extensions?.code === 'string') answer = { id: job.id, error: { message: (error as Error).message, extensions } };
    else {
      logger.error({ err: error, requestId: job.requestId }, 'sync failed unexpectedly');
      answer = { id: job.id, error: { message: 'internal', extensions: null } };
    }
  }
  parentPort!.postMessage(answer);
});

// Loaded and connected: the server may start taking requests.
parentPort!.postMessage({ ready: true });

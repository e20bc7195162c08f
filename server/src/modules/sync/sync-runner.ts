/**
 * Where a sync batch runs: in a worker thread for a database file (see sync-worker.ts),
 * or inline for an in-memory database, which exists per connection and so cannot be
 * shared with a worker. A refusal comes back as the same DomainError (its data crosses
 * the thread, see DomainError.toJSON); anything else becomes an internal error, logged
 * where it happened.
 */
import { Worker } from 'node:worker_threads';
import type { Viewer } from '../../auth/viewer.js';
import type { DatabaseTarget } from '../../db/connect.js';
import type { Db } from '../../db/database.js';
import { DomainError, type DomainErrorData } from '../../domain-error.js';
import type { Logger } from '../../logger.js';
import type { SyncInput } from './sync-request.js';
import { sync, type SyncResult } from './sync.service.js';

export interface SyncJob {
  id: number;
  viewer: Viewer;
  input: SyncInput;
  requestId: string;
  now: string;
}

export type SyncJobAnswer =
  | { id: number; result: SyncResult; error?: undefined }
  /** 'unexpected': logged in the worker, and an internal error to the caller. */
  | { id: number; result?: undefined; error: DomainErrorData | 'unexpected' };

export interface SyncRunner {
  /** Settles when batches can be taken (the worker has loaded), or fails when it cannot start. */
  ready: Promise<void>;
  run(viewer: Viewer, input: SyncInput, logger: Logger, requestId: string): Promise<SyncResult>;
  /**
   * True when the worker answers within timeoutMs (readiness). A worker that is gone
   * (crashed) is restarted, as the next batch would do, and answers false this time.
   */
  ping(timeoutMs: number): Promise<boolean>;
  /** Lets running batches finish, then stops. */
  close(): Promise<void>;
}

export function inlineSyncRunner(db: Db): SyncRunner {
  return { ready: Promise.resolve(), run: (viewer, input, logger) => sync(db, viewer, input, logger), ping: async () => true, close: async () => {} };
}

const WORKER_ENTRY = new URL('./sync-worker-entry.mjs', import.meta.url);

/** `workerUrl` is for tests, which swap in a stand-in worker. */
export function workerSyncRunner(options: DatabaseTarget & { logLevel: string }, logger: Logger, workerUrl: URL = WORKER_ENTRY): SyncRunner {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (result: SyncResult) => void; reject: (error: Error) => void }>();
  let idle: (() => void) | null = null;
  let nextPing = 1;
  const pings = new Map<number, () => void>();

  const failAll = (error: Error) => {
    for (const job of pending.values()) job.reject(error);
    pending.clear();
    idle?.();
  };

  let markReady: () => void = () => {};
  let markFailed: (error: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    markFailed = reject;
  });
  ready.catch(() => {}); // awaited by createApp; later restarts never reject it

  function start(): Worker {
    const started = new Worker(workerUrl, { workerData: options });
    started.on('message', (answer: SyncJobAnswer | { ready: true } | { pong: number }) => {
      if ('ready' in answer) return markReady();
      if ('pong' in answer) return pings.get(answer.pong)?.();
      const job = pending.get(answer.id);
      if (!job) return;
      pending.delete(answer.id);
      if (answer.error) job.reject(answer.error === 'unexpected' ? new Error('sync worker failed') : DomainError.fromJSON(answer.error));
      else job.resolve(answer.result!);
      if (pending.size === 0) idle?.();
    });
    // A crashed worker answers nothing more: its open transaction was rolled back, the
    // devices resend, and the next batch starts a fresh worker.
    started.on('error', (error) => {
      logger.error({ err: error }, 'sync worker crashed');
      markFailed(error);
    });
    started.on('exit', (code) => {
      markFailed(new Error(`sync worker stopped while starting (exit code ${code})`));
      if (worker === started) worker = null;
      if (pending.size > 0) failAll(new Error(`sync worker stopped (exit code ${code})`));
    });
    return started;
  }

  // Started now rather than at the first batch: loading it takes most of a second.
  worker = start();

  return {
    ready,
    run(viewer, input, _logger, requestId) {
      worker ??= start();
      const id = nextId++;
      const job: SyncJob = { id, viewer, input, requestId, now: new Date().toISOString() };
      return new Promise<SyncResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker!.postMessage(job);
      });
    },
    ping(timeoutMs) {
      if (!worker) {
        worker = start();
        return Promise.resolve(false);
      }
      const id = nextPing++;
      const asked = worker;
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          pings.delete(id);
          resolve(false);
        }, timeoutMs);
        pings.set(id, () => {
          clearTimeout(timer);
          pings.delete(id);
          resolve(true);
        });
        asked.postMessage({ ping: id });
      });
    },
    async close() {
      if (pending.size > 0) await new Promise<void>((resolve) => (idle = resolve));
      await worker?.terminate();
      worker = null;
    },
  };
}

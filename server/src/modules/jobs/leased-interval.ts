/**
 * A job that runs now and then at every interval, on one app instance at a time (the
 * holder of its lease, job-lease.ts): the retention run and the e-mail housekeeping.
 */
import type { DbOrTrx } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { JobLease } from './job-lease.js';

/** How many ticks a lease outlasts its last renewal: a holder that misses this many in a row (crashed, stalled) loses the job. */
export const LEASE_TICKS = 3;

export interface LeasedIntervalOptions {
  name: string;
  intervalMs: number;
  logger: Logger;
  /** The lease's time; LEASE_TICKS intervals unless set. */
  ttlMs?: number;
}

/**
 * Runs `job` now and every `intervalMs` while this instance holds the lease (taken or
 * renewed at each tick; a tick while the previous run still runs is skipped). `job`
 * handles and logs its own failures. Returns stop(): no further runs, waits for a running
 * one, and gives the lease up so another instance takes over at its next tick.
 */
export function runLeasedInterval(db: DbOrTrx, options: LeasedIntervalOptions, job: () => Promise<unknown>): () => Promise<void> {
  const { name, intervalMs, logger } = options;
  const lease = new JobLease(db, name, { ttlMs: options.ttlMs ?? LEASE_TICKS * intervalMs, logger });
  let stopped = false;
  let running: Promise<void> | null = null;
  const tick = () => {
    if (stopped || running) return;
    running = (async () => {
      let holds: boolean;
      try {
        holds = await lease.acquire();
      } catch (error) {
        logger.error({ err: error, job: name }, `job ${name} skipped: its lease could not be read or renewed`);
        return;
      }
      if (holds && !stopped) await job();
    })()
      .catch((error: unknown) => logger.error({ err: error, job: name }, `job ${name} failed`))
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
    await lease.release();
  };
}

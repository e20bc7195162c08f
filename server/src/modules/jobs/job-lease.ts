/**
 * One app instance at a time runs a background job, when several share one database: the
 * one that holds the job's lease (a job_lease row, job-lease.repo.ts). The holder renews
 * it at each tick of its loop, for a few ticks' time, and gives it up when it stops; the
 * other instances ask at each of their ticks and take the job over once it is given up or
 * has run out (its holder crashed or stalled). Holding a lease is about double work and
 * duplicate e-mail, not correctness: the jobs stay safe to run twice (the mail loop still
 * claims each outbox row before it sends it).
 *
 * Times come from each instance's own clock: the instances' clocks must agree to well
 * within a lease's time (NTP does), as every other stored time here assumes too.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { DbOrTrx } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import * as repo from './job-lease.repo.js';

/**
 * A holder id of its own for every lease object (so for every loop of every app instance,
 * also when one process runs two apps, as tests do); host and process id tell operators
 * where the job runs.
 */
export const newHolderId = () => `${os.hostname()}:${process.pid}:${randomBytes(6).toString('hex')}`;

export interface JobLeaseOptions {
  /** How long the lease lasts after each renewal: a few of the loop's ticks. */
  ttlMs: number;
  logger: Logger;
  holder?: string;
  clock?: () => Date;
}

export class JobLease {
  readonly name: string;
  readonly holder: string;
  readonly ttlMs: number;
  readonly #db: DbOrTrx;
  readonly #logger: Logger;
  readonly #clock: () => Date;
  /** Until when this instance holds the lease (ms), as of its last renewal; 0 when it does not. No other instance can take it before. */
  #heldUntil = 0;

  constructor(db: DbOrTrx, name: string, options: JobLeaseOptions) {
    this.#db = db;
    this.name = name;
    this.holder = options.holder ?? newHolderId();
    this.ttlMs = options.ttlMs;
    this.#logger = options.logger;
    this.#clock = options.clock ?? (() => new Date());
  }

  /**
   * At a tick of the job's loop: takes the lease, or renews it when this instance holds it,
   * for `forMs` (the ttl unless the loop's next tick is further away). True when this
   * instance runs the job now.
   */
  async acquire(forMs = this.ttlMs): Promise<boolean> {
    const now = this.#clock();
    return this.#record(now, forMs, await repo.tryAcquire(this.#db, this.name, this.holder, now, forMs));
  }

  /**
   * Between the steps of a long run: true while this instance still holds the lease. Renews
   * it only once less than half its time is left, so most steps cost no write; false when
   * another instance took the job over meanwhile (this one stalled past its lease).
   */
  async keep(): Promise<boolean> {
    const now = this.#clock();
    if (this.#heldUntil === 0) return false;
    if (this.#heldUntil - now.getTime() > this.ttlMs / 2) return true;
    return this.#record(now, this.ttlMs, await repo.renew(this.#db, this.name, this.holder, now, this.ttlMs));
  }

  /** When the loop stops: another instance takes the job over at its next tick instead of after the lease ran out. Never throws. */
  async release(): Promise<void> {
    this.#heldUntil = 0;
    try {
      await repo.release(this.#db, this.name, this.holder);
    } catch (error) {
      this.#logger.warn({ err: error, job: this.name }, 'job lease not given up; another instance takes the job over once it runs out');
    }
  }

  #record(now: Date, forMs: number, holds: boolean): boolean {
    const before = this.#heldUntil !== 0;
    this.#heldUntil = holds ? now.getTime() + forMs : 0;
    if (holds && !before) this.#logger.info({ job: this.name, holder: this.holder }, `this instance runs the job ${this.name} now`);
    if (!holds && before) this.#logger.warn({ job: this.name, holder: this.holder }, `another instance took the job ${this.name} over`);
    return holds;
  }
}

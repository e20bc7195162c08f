/**
 * Background jobs run on one app instance at a time when several share a database (issue
 * 20): the lease row itself (one holder; taken over once it ran out or was given up;
 * renewed by its holder only; exactly one winner when two connections race for it), and
 * the loop that runs a job only while it holds the lease (runs never overlap across
 * instances, the other one takes over when the holder stops). Two whole apps with e-mail
 * on: job-leases-mail.test.ts. Runs on a database file (or, in the PostgreSQL project, a
 * PostgreSQL database) as `npm start` does.
 */
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../server/src/db/database.js';
import { JobLease } from '../../server/src/modules/jobs/job-lease.js';
import { release, renew, tryAcquire } from '../../server/src/modules/jobs/job-lease.repo.js';
import { runLeasedInterval } from '../../server/src/modules/jobs/leased-interval.js';
import { RETENTION_JOB, scheduleRetention } from '../../server/src/modules/participant/retention.service.js';
import { capturedLogger, leaseRow, sharedDatabase, sleep, takenBy } from '../support/job-lease-fixture.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe('the lease row', () => {
  const t0 = new Date('2026-12-01T12:00:00.000Z');

  it('one of two holders gets it; the other gets it once the first one’s time ran out, and then the first one does not', async () => {
    const [a, b] = (await sharedDatabase(cleanup)).dbs as [Db, Db];
    expect(await tryAcquire(a, 'job', 'holder-a', t0, 1_000)).toBe(true);
    expect(await tryAcquire(b, 'job', 'holder-b', at(t0, 10), 1_000)).toBe(false);
    expect(await tryAcquire(b, 'job', 'holder-b', at(t0, 999), 1_000)).toBe(false);
    expect(await leaseRow(a, 'job')).toEqual({ name: 'job', holder: 'holder-a', expires_at: at(t0, 1_000).toISOString() });
    expect(await tryAcquire(b, 'job', 'holder-b', at(t0, 1_001), 1_000)).toBe(true);
    expect(await tryAcquire(a, 'job', 'holder-a', at(t0, 1_002), 1_000)).toBe(false);
    expect(await leaseRow(a, 'job')).toEqual({ name: 'job', holder: 'holder-b', expires_at: at(t0, 2_001).toISOString() });
  });

  it('its holder extends it, by renewing or by acquiring again; another instance’s renewal does nothing', async () => {
    const [a, b] = (await sharedDatabase(cleanup)).dbs as [Db, Db];
    expect(await tryAcquire(a, 'job', 'holder-a', t0, 1_000)).toBe(true);
    expect(await renew(a, 'job', 'holder-a', at(t0, 800), 1_000)).toBe(true);
    expect(await renew(b, 'job', 'holder-b', at(t0, 900), 1_000)).toBe(false);
    // Past the first expiry, within the renewed one.
    expect(await tryAcquire(b, 'job', 'holder-b', at(t0, 1_500), 1_000)).toBe(false);
    expect(await tryAcquire(a, 'job', 'holder-a', at(t0, 1_700), 1_000)).toBe(true);
    expect(await tryAcquire(b, 'job', 'holder-b', at(t0, 2_600), 1_000)).toBe(false);
    expect(await leaseRow(b, 'job')).toMatchObject({ holder: 'holder-a', expires_at: at(t0, 2_700).toISOString() });
    expect(await tryAcquire(b, 'job', 'holder-b', at(t0, 2_701), 1_000)).toBe(true);
    expect(await renew(a, 'job', 'holder-a', at(t0, 2_702), 1_000)).toBe(false);
    expect(await leaseRow(a, 'job')).toMatchObject({ holder: 'holder-b' });
  });

  it('given up, it goes to the next instance that asks at once; giving up a lease another instance holds changes nothing', async () => {
    const [a, b] = (await sharedDatabase(cleanup)).dbs as [Db, Db];
    expect(await tryAcquire(a, 'job', 'holder-a', t0, 60_000)).toBe(true);
    expect(await tryAcquire(b, 'job', 'holder-b', at(t0, 1), 60_000)).toBe(false);
    await release(a, 'job', 'holder-a');
    expect(await tryAcquire(b, 'job', 'holder-b', at(t0, 2), 60_000)).toBe(true);
    await release(a, 'job', 'holder-a');
    expect(await leaseRow(a, 'job')).toMatchObject({ holder: 'holder-b' });
    expect(await tryAcquire(a, 'job', 'holder-a', at(t0, 3), 60_000)).toBe(false);
  });

  it('two connections racing for it (new, and run out) get exactly one winner, every time', async () => {
    const [a, b] = (await sharedDatabase(cleanup)).dbs as [Db, Db];
    for (let round = 0; round < 40; round++) {
      const name = `race-${round}`;
      if (round % 2 === 1) await tryAcquire(a, name, 'crashed', at(t0, -2_000), 1_000);
      const [wonA, wonB] = await Promise.all([tryAcquire(a, name, 'holder-a', t0, 1_000), tryAcquire(b, name, 'holder-b', t0, 1_000)]);
      expect([wonA, wonB].filter(Boolean), name).toHaveLength(1);
      expect((await leaseRow(a, name))?.holder, name).toBe(wonA ? 'holder-a' : 'holder-b');
    }
  });

  it('is one upsert that compiles for PostgreSQL too: its update applies only to a run-out lease or the holder’s own, and returns a row only then', async () => {
    const statements: { sql: string; parameters: readonly unknown[] }[] = [];
    const postgres = new Kysely<Database>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (db) => new PostgresIntrospector(db),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
      log: (event) => void statements.push({ sql: event.query.sql, parameters: event.query.parameters }),
    });
    await tryAcquire(postgres, 'job', 'holder-a', t0, 1_000);
    expect(statements).toEqual([
      {
        sql: 'insert into "job_lease" ("name", "holder", "expires_at") values ($1, $2, $3) on conflict ("name") do update set "holder" = $4, "expires_at" = $5 where ("job_lease"."expires_at" < $6 or "job_lease"."holder" = $7) returning "holder"',
        parameters: ['job', 'holder-a', at(t0, 1_000).toISOString(), 'holder-a', at(t0, 1_000).toISOString(), t0.toISOString(), 'holder-a'],
      },
    ]);
  });
});

describe('a JobLease', () => {
  it('between steps renews only once half its time is used; it says when another instance took the job over', async () => {
    const [a, b] = (await sharedDatabase(cleanup)).dbs as [Db, Db];
    let now = new Date('2026-12-01T12:00:00.000Z');
    const clock = () => now;
    const { logger, lines } = capturedLogger();
    const lease = new JobLease(a, 'job', { ttlMs: 1_000, logger, clock });
    const other = new JobLease(b, 'job', { ttlMs: 1_000, logger, clock });
    expect(lease.holder).not.toBe(other.holder);
    expect(await lease.acquire()).toBe(true);
    expect(await other.acquire()).toBe(false);
    const expiry = async () => (await leaseRow(a, 'job'))?.expires_at;
    const first = await expiry();
    now = at(now, 400);
    expect(await lease.keep()).toBe(true);
    expect(await expiry()).toBe(first);
    now = at(now, 200);
    expect(await lease.keep()).toBe(true);
    expect(await expiry()).toBe(at(now, 1_000).toISOString());
    // It stalls past its lease; the other instance takes the job over.
    now = at(now, 1_001);
    expect(await other.acquire()).toBe(true);
    expect(await lease.keep()).toBe(false);
    expect(lines.map((line) => [line.msg, line.holder])).toEqual([
      ['this instance runs the job job now', lease.holder],
      ['this instance runs the job job now', other.holder],
      ['another instance took the job job over', lease.holder],
    ]);
  });
});

describe('a job on a leased interval', () => {
  it('runs on one instance at a time, never overlapping; when its holder stops, the other instance takes over at its next tick', async () => {
    const dbs = (await sharedDatabase(cleanup, 2)).dbs;
    const runs: { instance: number; start: number; end: number }[] = [];
    const { logger, lines } = capturedLogger();
    const stops = dbs.map((db, instance) =>
      // A lease far longer than a tick, so a busy test machine's late timer cannot hand the job over by itself.
      runLeasedInterval(db, { name: 'demo-job', intervalMs: 20, ttlMs: 5_000, logger }, async () => {
        const start = performance.now();
        await sleep(5);
        runs.push({ instance, start, end: performance.now() });
      }),
    );
    const stopAll = () => Promise.all(stops.map((stop) => stop()));
    cleanup.push(stopAll);
    await until(() => runs.length >= 8, 'eight runs');
    const holder = runs[0]!.instance;
    expect(new Set(runs.map((run) => run.instance))).toEqual(new Set([holder]));
    expect(takenBy(lines, 'demo-job')).toHaveLength(1);
    await stops[holder]!();
    const ranBefore = runs.length;
    await until(() => runs.slice(ranBefore).some((run) => run.instance !== holder), 'the other instance to take over', 2_000);
    expect(runs.slice(ranBefore).every((run) => run.instance !== holder)).toBe(true);
    expect(takenBy(lines, 'demo-job')).toHaveLength(2);
    await stopAll();
    const sorted = runs.slice().sort((x, y) => x.start - y.start);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.start, `run ${i} starts after run ${i - 1} ended`).toBeGreaterThanOrEqual(sorted[i - 1]!.end);
  });

  it('the retention run is such a job: one of two instances takes it, and the other once the first stops', async () => {
    const dbs = (await sharedDatabase(cleanup, 2)).dbs;
    const logs = dbs.map(() => capturedLogger());
    // Every 200 ms (the lease lasts three of them) instead of every hour.
    const stops = dbs.map((db, i) => scheduleRetention(db, 30, logs[i]!.logger, 200));
    cleanup.push(() => Promise.all(stops.map((stop) => stop())));
    await until(async () => (await leaseRow(dbs[0]!, RETENTION_JOB)) !== undefined, 'the retention lease');
    await sleep(500);
    const holders = logs.map((log) => takenBy(log.lines, RETENTION_JOB));
    expect(holders.flat()).toHaveLength(1);
    const first = holders[0]!.length === 1 ? 0 : 1;
    expect((await leaseRow(dbs[0]!, RETENTION_JOB))?.holder).toBe(holders[first]![0]);
    await stops[first]!();
    await until(() => takenBy(logs[1 - first]!.lines, RETENTION_JOB).length === 1, 'the other instance to take retention over', 2_000);
    expect((await leaseRow(dbs[0]!, RETENTION_JOB))?.holder).toBe(takenBy(logs[1 - first]!.lines, RETENTION_JOB)[0]);
  });
});

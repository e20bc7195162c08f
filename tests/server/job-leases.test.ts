/**
 * Background jobs run on one app instance at a time when several share a database (issue
 * 20): the lease row itself (one holder; taken over once it ran out or was given up;
 * renewed by its holder only; exactly one winner when two connections race for it), the
 * loop that runs a job only while it holds the lease (runs never overlap across instances,
 * the other one takes over when the holder stops), and two whole apps on one database with
 * e-mail on: every queued mail reaches the SMTP server exactly once, one instance runs each
 * job, and a crashed holder's mail loop is taken over once its lease ran out. Runs on a
 * database file (or, in the PostgreSQL project, a PostgreSQL database) as `npm start` does.
 */
import { Writable } from 'node:stream';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { openConnection } from '../../server/src/db/connect.js';
import type { Database, Db } from '../../server/src/db/database.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { JobLease } from '../../server/src/modules/jobs/job-lease.js';
import { release, renew, tryAcquire } from '../../server/src/modules/jobs/job-lease.repo.js';
import { runLeasedInterval } from '../../server/src/modules/jobs/leased-interval.js';
import { MAIL_HOUSEKEEPING_JOB, RESIDENT_MAIL_JOB } from '../../server/src/modules/mail/resident-mail.js';
import { RETENTION_JOB, scheduleRetention } from '../../server/src/modules/participant/retention.service.js';
import { MAIL_FROM, outbox, PUBLIC_URL, queueDemoStatusMail } from '../support/mail-fixture.js';
import { TestSmtpServer } from '../support/smtp-test-server.js';
import { databaseFile } from '../support/test-app.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

interface LogLine {
  level: number;
  msg: string;
  job?: string;
  holder?: string;
}

/** A logger whose lines the test reads. */
function capturedLogger() {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const raw of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(raw) as LogLine);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

/** The holders that said they took `job` over, in order. */
const takenBy = (lines: LogLine[], job: string) => lines.filter((line) => line.job === job && line.msg === `this instance runs the job ${job} now`).map((line) => line.holder);

/** A fresh database (migrated), and `count` connections to it, each as a separate instance would open it. */
async function sharedDatabase(count = 2): Promise<{ env: Record<string, string>; dbs: Db[] }> {
  const file = databaseFile();
  cleanup.push(() => file.remove());
  const target = { databasePath: file.env.DATABASE_PATH ?? '', databaseUrl: file.env.DATABASE_URL ?? null };
  const dbs: Db[] = [];
  for (let i = 0; i < count; i++) {
    const { db } = openConnection(target, { reader: false });
    cleanup.push(() => db.destroy());
    dbs.push(db);
  }
  await migrateToLatest(dbs[0]!);
  return { env: file.env, dbs };
}

const leaseRow = (db: Db, name: string) => db.selectFrom('job_lease').selectAll().where('name', '=', name).executeTakeFirst();

describe('the lease row', () => {
  const t0 = new Date('2026-12-01T12:00:00.000Z');

  it('one of two holders gets it; the other gets it once the first one’s time ran out, and then the first one does not', async () => {
    const [a, b] = (await sharedDatabase()).dbs as [Db, Db];
    expect(await tryAcquire(a, 'job', 'holder-a', t0, 1_000)).toBe(true);
    expect(await tryAcquire(b, 'job', 'holder-b', at(t0, 10), 1_000)).toBe(false);
    expect(await tryAcquire(b, 'job', 'holder-b', at(t0, 999), 1_000)).toBe(false);
    expect(await leaseRow(a, 'job')).toEqual({ name: 'job', holder: 'holder-a', expires_at: at(t0, 1_000).toISOString() });
    expect(await tryAcquire(b, 'job', 'holder-b', at(t0, 1_001), 1_000)).toBe(true);
    expect(await tryAcquire(a, 'job', 'holder-a', at(t0, 1_002), 1_000)).toBe(false);
    expect(await leaseRow(a, 'job')).toEqual({ name: 'job', holder: 'holder-b', expires_at: at(t0, 2_001).toISOString() });
  });

  it('its holder extends it, by renewing or by acquiring again; another instance’s renewal does nothing', async () => {
    const [a, b] = (await sharedDatabase()).dbs as [Db, Db];
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
    const [a, b] = (await sharedDatabase()).dbs as [Db, Db];
    expect(await tryAcquire(a, 'job', 'holder-a', t0, 60_000)).toBe(true);
    expect(await tryAcquire(b, 'job', 'holder-b', at(t0, 1), 60_000)).toBe(false);
    await release(a, 'job', 'holder-a');
    expect(await tryAcquire(b, 'job', 'holder-b', at(t0, 2), 60_000)).toBe(true);
    await release(a, 'job', 'holder-a');
    expect(await leaseRow(a, 'job')).toMatchObject({ holder: 'holder-b' });
    expect(await tryAcquire(a, 'job', 'holder-a', at(t0, 3), 60_000)).toBe(false);
  });

  it('two connections racing for it (new, and run out) get exactly one winner, every time', async () => {
    const [a, b] = (await sharedDatabase()).dbs as [Db, Db];
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
    const [a, b] = (await sharedDatabase()).dbs as [Db, Db];
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
    const dbs = (await sharedDatabase(2)).dbs;
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
    const dbs = (await sharedDatabase(2)).dbs;
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

describe('two app instances on one database, with e-mail on', () => {
  /** An app on the shared database, with e-mail to the test SMTP server and a fast mail loop, and the log lines it writes. */
  async function startInstance(env: Record<string, string>, smtp: TestSmtpServer, mailTuning: { pollMs: number; jobLeaseMs?: number } = { pollMs: 20 }) {
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', PUBLIC_URL, SMTP_URL: smtp.url, MAIL_FROM, ...env });
    const { logger, lines } = capturedLogger();
    const app = await createApp(config, logger, { mail: mailTuning });
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await app.close();
    };
    cleanup.push(close);
    return { app, config, lines, close };
  }

  async function smtpServer() {
    const smtp = await TestSmtpServer.start();
    cleanup.push(() => smtp.close());
    return smtp;
  }

  it('each queued mail is sent exactly once, by the one instance that runs the mail loop; the other takes over when it stops', async () => {
    const smtp = await smtpServer();
    const file = databaseFile();
    cleanup.push(() => file.remove());
    const instances = [await startInstance(file.env, smtp), await startInstance(file.env, smtp)];
    const db = instances[0]!.app.connection.db;

    const addresses = Array.from({ length: 6 }, (_, i) => `bewoner${i}@voorbeeld.nl`);
    for (const [i, address] of addresses.entries()) await queueDemoStatusMail(instances[i % 2]!.app, instances[i % 2]!.config, address);
    await smtp.waitFor(addresses.length);
    // Many more polls of both loops: nothing goes out again.
    await sleep(400);
    expect(smtp.received.map((mail) => mail.to).flat().sort()).toEqual(addresses.slice().sort());
    expect((await outbox(db)).map((row) => [row.state, row.attempts])).toEqual(addresses.map(() => ['SENT', 1]));

    // Each job has one holder, the instance that said it took it, and the other instance never did.
    const holderOf = async (job: string, on: Db = db) => (await leaseRow(on, job))?.holder;
    for (const job of [RESIDENT_MAIL_JOB, RETENTION_JOB, MAIL_HOUSEKEEPING_JOB]) {
      const taken = instances.map((instance) => takenBy(instance.lines, job));
      expect(taken.flat(), job).toEqual([await holderOf(job)]);
    }
    const mailer = takenBy(instances[0]!.lines, RESIDENT_MAIL_JOB).length === 1 ? 0 : 1;
    const other = instances[1 - mailer]!;

    // The mail loop's holder stops: it gives its leases up, and the other instance sends from its next poll on.
    const stoppedHolders = instances[mailer]!.lines.filter((line) => line.msg.startsWith('this instance runs the job')).map((line) => line.holder!);
    await instances[mailer]!.close();
    expect(await other.app.connection.db.selectFrom('job_lease').select('name').where('holder', 'in', stoppedHolders).execute()).toEqual([]);
    await queueDemoStatusMail(other.app, other.config, 'daarna@voorbeeld.nl');
    await smtp.waitFor(addresses.length + 1);
    await sleep(200);
    expect(smtp.received.slice(addresses.length).map((mail) => mail.to)).toEqual([['daarna@voorbeeld.nl']]);
    expect(takenBy(other.lines, RESIDENT_MAIL_JOB)).toEqual([await holderOf(RESIDENT_MAIL_JOB, other.app.connection.db)]);
  });

  it('a holder that crashed (its lease left behind) holds the mail up until its lease ran out; then another instance sends it', async () => {
    const smtp = await smtpServer();
    const { env, dbs } = await sharedDatabase(1);
    const db = dbs[0]!;
    // The crashed instance's lease: well ahead at first, then run out once the test has seen the mail wait.
    const leftBehind = (expiresAt: number) => ({ name: RESIDENT_MAIL_JOB, holder: 'crashed-instance', expires_at: new Date(expiresAt).toISOString() });
    await db.insertInto('job_lease').values(leftBehind(Date.now() + 60_000)).execute();

    const instance = await startInstance(env, smtp);
    await queueDemoStatusMail(instance.app, instance.config, 'later@voorbeeld.nl');
    // Many polls of the loop.
    await sleep(300);
    expect(smtp.received).toEqual([]);
    expect((await outbox(db)).map((row) => [row.state, row.attempts])).toEqual([['PENDING', 0]]);
    expect(takenBy(instance.lines, RESIDENT_MAIL_JOB)).toEqual([]);
    expect(await leaseRow(db, RESIDENT_MAIL_JOB)).toMatchObject({ holder: 'crashed-instance' });

    const runsOut = Date.now() + 100;
    await db.updateTable('job_lease').set(leftBehind(runsOut)).where('name', '=', RESIDENT_MAIL_JOB).execute();
    const [mail] = await smtp.waitFor(1);
    expect(Date.now()).toBeGreaterThan(runsOut);
    expect(mail!.to).toEqual(['later@voorbeeld.nl']);
    expect(takenBy(instance.lines, RESIDENT_MAIL_JOB)).toEqual([(await leaseRow(db, RESIDENT_MAIL_JOB))?.holder]);
  });
});

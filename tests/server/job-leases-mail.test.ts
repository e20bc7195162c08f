/**
 * Two whole app instances on one database with e-mail on (issue 20): every queued mail
 * reaches the SMTP server exactly once, one instance runs each background job, the other
 * takes the mail loop over when the holder stops, and a crashed holder's mail waits until
 * its lease ran out. The lease itself: job-leases.test.ts. Runs on a database file (or, in
 * the PostgreSQL project, a PostgreSQL database) as `npm start` does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import type { Db } from '../../server/src/db/database.js';
import { MAIL_HOUSEKEEPING_JOB, RESIDENT_MAIL_JOB } from '../../server/src/modules/mail/resident-mail.js';
import { RETENTION_JOB } from '../../server/src/modules/participant/retention.service.js';
import { capturedLogger, leaseRow, sharedDatabase, sleep, takenBy } from '../support/job-lease-fixture.js';
import { MAIL_FROM, outbox, PUBLIC_URL, queueDemoStatusMail } from '../support/mail-fixture.js';
import { TestSmtpServer } from '../support/smtp-test-server.js';
import { databaseFile } from '../support/test-app.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
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
    const { env, dbs } = await sharedDatabase(cleanup, 1);
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

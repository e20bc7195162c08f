/**
 * What the job-lease tests share: a fresh migrated database with several connections to
 * it (each as a separate app instance would open it), the lease row as stored, and a
 * logger whose lines the test reads, with the holders that said they took a job over.
 * Everything a helper opens goes on the test file's `cleanup` list.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { openConnection } from '../../server/src/db/connect.js';
import type { Db } from '../../server/src/db/database.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { databaseFile } from './test-app.js';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface LogLine {
  level: number;
  msg: string;
  job?: string;
  holder?: string;
}

/** A logger whose lines the test reads. */
export function capturedLogger() {
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
export const takenBy = (lines: LogLine[], job: string) => lines.filter((line) => line.job === job && line.msg === `this instance runs the job ${job} now`).map((line) => line.holder);

/** A fresh database (migrated), and `count` connections to it, each as a separate instance would open it. */
export async function sharedDatabase(cleanup: (() => unknown)[], count = 2): Promise<{ env: Record<string, string>; dbs: Db[] }> {
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

export const leaseRow = (db: Db, name: string) => db.selectFrom('job_lease').selectAll().where('name', '=', name).executeTakeFirst();

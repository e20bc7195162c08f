/**
 * globalSetup of the "server-postgres" project: migrates the template database that every
 * test database of this run is copied from (test-database.ts), and afterwards drops this
 * run's databases. Leftovers of runs that crashed more than a few hours ago go too; a run
 * going on beside this one (another person's, on the same server) is left alone.
 */
import type { TestProject } from 'vitest/node';
import { openConnection } from '../../server/src/db/connect.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { psql, templateOf, TEST_DATABASE_PREFIX, urlOfDatabase } from './test-database.js';

const STALE_AFTER_MS = 6 * 3_600_000;

const databasesOf = (prefix: string) => psql(`select datname from pg_database where datname like '${prefix}%'`).split('\n').filter(Boolean);
const dropAll = (names: string[]) => names.forEach((name) => psql(`drop database if exists ${name} with (force)`));

function dropStale(now: number): void {
  dropAll(
    databasesOf(TEST_DATABASE_PREFIX).filter((name) => {
      const started = Number.parseInt(name.slice(TEST_DATABASE_PREFIX.length).split('_')[0]!, 36);
      return !Number.isFinite(started) || now - started > STALE_AFTER_MS;
    }),
  );
}

export async function setup(project: TestProject): Promise<() => void> {
  const now = Date.now();
  dropStale(now);
  const run = now.toString(36);
  project.provide('postgresRun', run);
  // UTF-8 with byte-order sorting, as SQLite compares text, whatever the cluster's locale.
  psql(`create database ${templateOf(run)} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  const { db } = openConnection({ databasePath: '', databaseUrl: urlOfDatabase(templateOf(run)) }, { reader: false });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  return () => dropAll([...databasesOf(`${TEST_DATABASE_PREFIX}${run}_`)].sort((a, b) => (a === templateOf(run) ? 1 : b === templateOf(run) ? -1 : 0)));
}

/**
 * globalSetup of the "server-postgres" project: migrates the template database that every
 * test database is copied from (test-database.ts), and afterwards drops what the run left.
 */
import { openConnection } from '../../server/src/db/connect.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { psql, TEMPLATE_DATABASE, TEST_DATABASE_PREFIX, urlOfDatabase } from './test-database.js';

function dropLeftovers(): void {
  const names = psql(`select datname from pg_database where datname like '${TEST_DATABASE_PREFIX}%'`).split('\n').filter(Boolean);
  for (const name of names) psql(`drop database if exists ${name} with (force)`);
}

export async function setup(): Promise<() => void> {
  dropLeftovers();
  psql(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
  psql(`create database ${TEMPLATE_DATABASE}`);
  const { db } = openConnection({ databasePath: '', databaseUrl: urlOfDatabase(TEMPLATE_DATABASE) }, { reader: false });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  return dropLeftovers;
}

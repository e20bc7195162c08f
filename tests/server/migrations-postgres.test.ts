/**
 * Upgrading a database that holds data on PostgreSQL. The fixtures of migrations.test.ts
 * (tests/fixtures/migrations/) are SQLite dumps: their rows are loaded into a PostgreSQL
 * database that the migrations brought to the fixture's point, which is then migrated to
 * latest. It must end with exactly the tables and rows that the same fixture upgraded on
 * SQLite ends with (which migrations.test.ts checks row by row against the fixture), and
 * the app must start on it and serve what was there.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openConnection, openDatabase } from '../../server/src/db/connect.js';
import { FolderMigrationProvider, migrateToLatest, migrationsFolder } from '../../server/src/db/migrate.js';
import { readFacts } from '../support/make-migration-fixture.js';
import { fixtureNames, readFixture } from '../support/migration-fixtures.js';
import { loadDump } from '../support/sql-dump.js';
import { tableRows } from '../support/table-hashes.js';
import { createTestDatabase, onPostgres } from '../support/test-database.js';
import { graphql, startTestApp } from '../support/test-app.js';

/** Kysely's bookkeeping says when each migration ran, which differs between the two runs. */
const SKIP = { kysely_migration: ['timestamp'] };

/**
 * The rows, with every time from this test's run (a migration stamps what it writes with
 * its own "now", e.g. the change log's entries for the phones) as one placeholder: the two
 * runs are a second apart. Times the fixture held stay as they are.
 */
async function rowsOf(db: Parameters<typeof tableRows>[0], since: string) {
  const rows = await tableRows(db, SKIP);
  const stamp = /"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)"/g;
  return Object.fromEntries(Object.entries(rows).map(([table, lines]) => [table, lines.map((line) => line.replace(stamp, (whole, at: string) => (at >= since ? '"(now)"' : whole))).sort()]));
}

/** The fixture upgraded on SQLite, as the reference. */
async function upgradedOnSqlite(dump: string, since: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-pg-reference-'));
  try {
    const file = path.join(dir, 'reference.db');
    const raw = new SQLite(file);
    try {
      loadDump(raw, dump);
    } finally {
      raw.close();
    }
    const { db } = openDatabase(file, { reader: false });
    try {
      await migrateToLatest(db);
      return await rowsOf(db, since);
    } finally {
      await db.destroy();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A PostgreSQL database at the fixture's migration, holding the fixture's rows, for the caller to drop. */
async function fixtureOnPostgres(name: string, dump: string) {
  const database = createTestDatabase({ empty: true });
  const { db } = openConnection({ databasePath: '', databaseUrl: database.url }, { reader: false });
  try {
    const { error } = await new Migrator({ db, provider: new FolderMigrationProvider(migrationsFolder) }).migrateTo(name.replace(/\.sql$/, ''));
    if (error) throw error;
    // The dump's rows, as SQLite wrote them (one INSERT per line); its schema is SQLite's own.
    const inserts = dump.split('\n').filter((line) => line.startsWith('INSERT INTO "') && !line.startsWith('INSERT INTO "kysely_migration'));
    expect(inserts.length).toBeGreaterThan(50);
    await db.transaction().execute(async (trx) => {
      // In the dump's table order a row may come before the row it points at.
      await sql`set local session_replication_role = replica`.execute(trx);
      for (const line of inserts) await sql.raw(line).execute(trx);
    });
    // Rows with their own seq do not move an identity column's sequence on: take it past them.
    const identities = await sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns where is_identity = 'YES' and table_schema = current_schema()`.execute(db);
    for (const { table_name, column_name } of identities.rows) {
      await sql`select setval(pg_get_serial_sequence(${table_name}, ${column_name}), coalesce((select max(${sql.ref(column_name)}) from ${sql.table(table_name)}), 0) + 1, false)`.execute(db);
    }
  } catch (error) {
    await db.destroy();
    database.drop();
    throw error;
  }
  return { database, db };
}

describe.skipIf(!onPostgres)('upgrading a database that holds data, on PostgreSQL', () => {
  for (const name of fixtureNames()) {
    it(`upgrades ${name} to the same tables and rows as SQLite does, and the app serves them`, async () => {
      const since = new Date().toISOString();
      const dump = readFixture(name);
      const expected = await upgradedOnSqlite(dump, since);
      const facts = readFacts(dump);
      const { database, db } = await fixtureOnPostgres(name, dump);
      try {
        let areaCm2: number;
        try {
          await migrateToLatest(db);
          const actual = await rowsOf(db, since);
          expect(actual.change_log!.some((line) => line.includes('"(now)"'))).toBe(true);
          expect(actual).toEqual(expected);
          const sum = await db.selectFrom('tally_event').select((eb) => eb.fn.sum<number>('area_cm2').as('n')).where('campaign_id', '=', facts.tegelwipCampaignId).executeTakeFirstOrThrow();
          areaCm2 = Number(sum.n);
          expect(areaCm2).toBeGreaterThan(0);
        } finally {
          await db.destroy();
        }
        const t = await startTestApp({ DATABASE_URL: database.url });
        try {
          const login = await graphql(t.url, 'mutation($input: LoginInput!) { login(input: $input) { role } }', { input: { email: facts.adminEmail, password: facts.password } });
          expect(login.body.data?.login.role, JSON.stringify(login.body)).toBe('ADMIN');
          const admin = { cookie: login.headers.getSetCookie()[0]!.split(';')[0]! };
          const { body } = await graphql(t.url, 'query($id: ID!) { tallyDashboard(campaignId: $id) { total { areaCm2 } } }', { id: facts.tegelwipCampaignId }, admin);
          expect(body.data.tallyDashboard.total.areaCm2).toBe(areaCm2);
        } finally {
          await t.close();
        }
      } finally {
        database.drop();
      }
    });
  }
});

/**
 * Which database the server tests run on. `npm test` runs the server suite on SQLite files
 * (project "server"); with TEST_DATABASE_URL set (a PostgreSQL superuser: tests create
 * databases, and some switch foreign keys off) it runs the same suite again on PostgreSQL (project "server-postgres", which
 * sets TEST_DIALECT). There, every test database is a fresh copy of a template that
 * globalSetup (tests/support/postgres-global-setup.ts) migrated once: copying takes tens of
 * milliseconds, migrating every time would take seconds. Made synchronously with psql, so
 * databaseFile() keeps its simple shape for both dialects.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import type SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { inject } from 'vitest';
import { openConnection, type Connection } from '../../server/src/db/connect.js';
import type { Database } from '../../server/src/db/database.js';

export const onPostgres = process.env.TEST_DIALECT === 'postgres';

/** Why a test runs on SQLite only: say it where it is skipped, with what it exercises. */
export const sqliteOnly = (_reason: string) => onPostgres;

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's id (postgres-global-setup.ts): in the names of its template and its databases. */
    postgresRun: string;
  }
}

/**
 * Every database a run makes is named after the run (its start time, base 36), so that two
 * runs on one server (a developer's beside a helper's) never drop each other's databases,
 * and a crashed run's leftovers can be recognised by age.
 */
export const TEST_DATABASE_PREFIX = 'buurtkracht_t_';
export const templateOf = (run: string) => `${TEST_DATABASE_PREFIX}${run}_template`;

export function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: the PostgreSQL tests need a superuser role, e.g. postgres://buurtkracht:buurtkracht@127.0.0.1:5432/postgres');
  return url;
}

/** The URL of another database on the same server as TEST_DATABASE_URL. */
export function urlOfDatabase(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one statement with psql. The password goes in PGPASSWORD, not on the command line, where `ps` would show it. */
export function psql(statement: string, url = adminUrl()): string {
  const target = new URL(url);
  const password = decodeURIComponent(target.password);
  target.password = '';
  return execFileSync('psql', [target.toString(), '-v', 'ON_ERROR_STOP=1', '-qAtc', statement], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: password ? { ...process.env, PGPASSWORD: password } : process.env,
  });
}

/** A new database: empty, or (by default) a copy of the migrated template (its encoding and locale too). */
export function createTestDatabase(options: { empty?: boolean } = {}): { name: string; url: string; drop(): void } {
  const run = inject('postgresRun');
  const name = `${TEST_DATABASE_PREFIX}${run}_${crypto.randomBytes(6).toString('hex')}`;
  psql(options.empty ? `create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'` : `create database ${name} template ${templateOf(run)}`);
  return {
    name,
    url: urlOfDatabase(name),
    // "with (force)" ends connections a failed test left open (PostgreSQL 13 and later).
    drop: () => void psql(`drop database if exists ${name} with (force)`),
  };
}

/** The raw SQLite handle of an app's connection, for the tests that run on SQLite only. */
export function sqliteOf(connection: Connection): SQLite.Database {
  if (connection.dialect !== 'sqlite') throw new Error('This test reads SQLite directly: mark it with sqliteOnly(reason).');
  return connection.sqlite;
}

/** A connection of its own to the database of databaseFile()'s env (either dialect), for a test to read or migrate. */
export function openTestConnection(env: Record<string, string>): Connection {
  return openConnection({ databasePath: env.DATABASE_PATH ?? '', databaseUrl: env.DATABASE_URL ?? null }, { reader: false });
}

/** Index names of a table (not the ones a database makes for its own keys). */
export async function indexNamesOf(db: Kysely<any>, table: string): Promise<string[]> {
  const query = onPostgres
    ? sql<{ name: string }>`select indexname as name from pg_indexes where tablename = ${table} and indexname not like '%_pkey' order by indexname`
    : sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = ${table} and name not like 'sqlite_%' order by name`;
  return (await query.execute(db)).rows.map((r) => r.name);
}

/** A table's columns and whether each is NOT NULL, as the database holds them. */
export async function columnsOf(db: Kysely<any>, table: string): Promise<{ name: string; notNull: boolean }[]> {
  const tables = await db.introspection.getTables();
  const found = tables.find((t) => t.name === table);
  if (!found) throw new Error(`no table ${table}`);
  return found.columns.map((c) => ({ name: c.name, notNull: !c.isNullable }));
}

/**
 * Runs writes with the foreign keys off, in a transaction of their own, for a test that
 * needs a row no route of the app can make. SQLite checks keys per connection (a pragma
 * outside a transaction); PostgreSQL's keys are triggers, which replica mode skips.
 */
export async function withoutForeignKeys<T>(db: Kysely<any>, work: (trx: Kysely<any>) => Promise<T>): Promise<T> {
  if (!onPostgres) {
    await sql`PRAGMA foreign_keys = OFF`.execute(db);
    try {
      return await work(db);
    } finally {
      await sql`PRAGMA foreign_keys = ON`.execute(db);
    }
  }
  return db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    return work(trx);
  });
}

/**
 * Makes every insert into `table` whose `column` holds `value` fail with `message`, for a
 * test of what a failure halfway through a transaction leaves; the returned function
 * removes it. A trigger on both databases: SQLite's raise(abort), a PL/pgSQL exception.
 */
export async function failInsertsWhere(db: Kysely<any>, table: string, column: string, value: string, message: string): Promise<() => Promise<void>> {
  const name = `fail_for_test_${crypto.randomBytes(4).toString('hex')}`;
  if (onPostgres) {
    await sql`create function ${sql.raw(name)}() returns trigger language plpgsql as $$ begin if new.${sql.raw(column)} = ${sql.lit(value)} then raise exception ${sql.lit(message)}; end if; return new; end $$`.execute(db);
    await sql`create trigger ${sql.raw(name)} before insert on ${sql.table(table)} for each row execute function ${sql.raw(name)}()`.execute(db);
    return async () => {
      await sql`drop trigger ${sql.raw(name)} on ${sql.table(table)}`.execute(db);
      await sql`drop function ${sql.raw(name)}`.execute(db);
    };
  }
  await sql`create trigger ${sql.raw(name)} before insert on ${sql.table(table)} when new.${sql.raw(column)} = ${sql.lit(value)} begin select raise(abort, ${sql.lit(message)}); end`.execute(db);
  return async () => {
    await sql`drop trigger ${sql.raw(name)}`.execute(db);
  };
}

/**
 * An empty database of the dialect under test, for a test that migrates it itself: SQLite
 * in memory (one connection, nothing to fsync), or a new PostgreSQL database.
 */
export function openEmptyDatabase(): { db: Kysely<Database>; close(): Promise<void> } {
  if (!onPostgres) {
    const { db } = openConnection({ databasePath: ':memory:', databaseUrl: null });
    return { db, close: () => db.destroy() };
  }
  const database = createTestDatabase({ empty: true });
  const { db } = openConnection({ databasePath: '', databaseUrl: database.url }, { reader: false });
  return {
    db,
    async close() {
      await db.destroy();
      database.drop();
    },
  };
}

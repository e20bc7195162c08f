/**
 * Moves a programme from its SQLite file to PostgreSQL: every row of every table, in one
 * PostgreSQL transaction, so the target ends up with all of it or with nothing.
 * - The file must not be in use (database-lock.ts): its exclusive lock is held for the
 *   whole copy, so no write can land in the file after its rows were read. A running
 *   server would otherwise acknowledge batches that the copy no longer takes along.
 * - The file must have exactly the migrations this version of the app has: the target is
 *   migrated to the same point, so both have the same tables and columns.
 * - The target must hold no rows, checked before it is migrated: a copy merged into a
 *   database in use would mix two programmes, and an older Buurtkracht database with data
 *   must not be upgraded on the way to a refusal.
 * - Text with a NUL character, which SQLite keeps and PostgreSQL cannot, is named (table,
 *   column, row) before anything is written.
 * - Tables go in foreign-key order. A table's references to its own rows (a campaign
 *   copied from another, a correction of a tally event) are filled in after all its rows
 *   are there, so the order of the rows does not matter.
 * - Counters continue past the copy: an identity column's sequence is set beyond the
 *   highest key ever handed out, which SQLite keeps in sqlite_sequence even after the row
 *   itself was removed (the change log's seq must never be handed out twice: a phone's
 *   pull cursor relies on it).
 */
import fs from 'node:fs';
import type SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { lockUnusedDatabase } from '../modules/backup/database-lock.js';
import { FolderMigrationProvider, migrateToLatest, migrationsFolder } from './migrate.js';

export class CopyRefusedError extends Error {
  override name = 'CopyRefusedError';
}

/** Kysely's own bookkeeping: the target's migrator writes it. */
const isKyselys = (table: string) => table === 'kysely_migration' || table === 'kysely_migration_lock';
/** PostgreSQL takes at most 65,535 parameters per statement. */
const MAX_PARAMETERS = 60_000;
const MAX_ROWS_PER_INSERT = 1_000;

export interface CopiedTable {
  table: string;
  rows: number;
}

/** Copies the SQLite file at `sourcePath` into the (empty) PostgreSQL database of `target`. */
export async function copySqliteToPostgres(sourcePath: string, target: Kysely<any>, onTable: (copied: CopiedTable) => void = () => {}): Promise<CopiedTable[]> {
  if (!fs.existsSync(sourcePath)) throw new CopyRefusedError(`There is no file ${sourcePath}.`);
  const lock = lockUnusedDatabase(sourcePath, { doing: 'copying it' });
  if (!lock) throw new CopyRefusedError(`${sourcePath} is not a SQLite database.`);
  try {
    const source = lock.connection;
    await checkSameMigrations(source, sourcePath);
    const tables = tablesInForeignKeyOrder(source);
    refuseNulCharacters(source, tables);
    await refuseUnlessEmpty(target);
    await migrateToLatest(target);
    return await target.transaction().execute(async (trx) => {
      // Again inside the transaction: something may have written since the first look.
      await refuseUnlessEmpty(trx);
      const copied: CopiedTable[] = [];
      for (const table of tables) {
        const rows = await copyTable(source, trx, table);
        copied.push({ table, rows });
        onTable({ table, rows });
      }
      await continueIdentities(source, trx);
      return copied;
    });
  } finally {
    lock.release();
  }
}

async function checkSameMigrations(source: SQLite.Database, sourcePath: string): Promise<void> {
  const known = Object.keys(await new FolderMigrationProvider(migrationsFolder).getMigrations()).sort();
  const hasBookkeeping = source.prepare(`select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'`).get() !== undefined;
  const applied = hasBookkeeping ? (source.prepare('select name from kysely_migration order by name').pluck().all() as string[]) : [];
  const unknown = applied.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new CopyRefusedError(`${sourcePath} was migrated by a newer version of Buurtkracht (${unknown.join(', ')}): copy it with that version.`);
  }
  const missing = known.filter((name) => !applied.includes(name));
  if (missing.length > 0) {
    throw new CopyRefusedError(
      `${sourcePath} lacks ${missing.length} migration(s) of this version (${missing[0]}…). Bring it up to date first: DATABASE_PATH=${sourcePath} npm run db:migrate (without DATABASE_URL), then copy again.`,
    );
  }
}

/** Every table of the file but Kysely's, each after the tables its foreign keys point at. */
function tablesInForeignKeyOrder(source: SQLite.Database): string[] {
  const names = (source.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).pluck().all() as string[]).filter(
    (name) => !isKyselys(name),
  );
  const dependsOn = new Map(names.map((name) => [name, (source.prepare('select "table" from pragma_foreign_key_list(?)').pluck().all(name) as string[]).filter((t) => t !== name)]));
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (ordered.includes(name)) return;
    if (visiting.has(name)) throw new Error(`foreign keys form a cycle through ${name}: no order to copy the tables in`);
    visiting.add(name);
    for (const other of dependsOn.get(name) ?? []) visit(other);
    visiting.delete(name);
    ordered.push(name);
  };
  names.forEach(visit);
  return ordered;
}

/** Refuses a target with a row in any table but Kysely's (of this app or of another). */
async function refuseUnlessEmpty(db: Kysely<any>): Promise<void> {
  const { rows: tables } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  for (const { name } of tables) {
    if (isKyselys(name)) continue;
    const { rows } = await sql<{ one: number }>`select 1 as one from ${sql.table(name)} limit 1`.execute(db);
    if (rows.length > 0) throw new CopyRefusedError(`The PostgreSQL database already holds data (table ${name}): copy into a new, empty database.`);
  }
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const keyColumnsOf = (source: SQLite.Database, table: string) => source.prepare('select name from pragma_table_info(?) where pk > 0 order by pk').pluck().all(table) as string[];

/** Names the first text with a NUL character: PostgreSQL cannot store one, and a copy without it would not be whole. */
function refuseNulCharacters(source: SQLite.Database, tables: string[]): void {
  for (const table of tables) {
    const textColumns = source.prepare(`select name from pragma_table_info(?) where lower(type) = 'text'`).pluck().all(table) as string[];
    // A table without a primary key has a rowid (only tables with one may go without).
    const primaryKey = keyColumnsOf(source, table);
    const key = primaryKey.length > 0 ? primaryKey : ['rowid'];
    for (const column of textColumns) {
      const found = source.prepare(`select ${key.map(quote).join(', ')} from ${quote(table)} where instr(${quote(column)}, char(0)) > 0 limit 1`).get() as Record<string, unknown> | undefined;
      if (found) {
        const row = key.map((k) => `${k} ${String(found[k])}`).join(', ');
        throw new CopyRefusedError(`${table}.${column} holds a NUL character (row ${row}), which PostgreSQL cannot store. Remove it from the file, then copy again.`);
      }
    }
  }
}

/** Integers as SQLite stores them (64-bit): as text to PostgreSQL, which reads them into its own integer types exactly. */
const toParameter = (value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

async function copyTable(source: SQLite.Database, trx: Kysely<any>, table: string): Promise<number> {
  const columns = source.prepare('select name from pragma_table_info(?) order by cid').pluck().all(table) as string[];
  const withoutRowid = (source.prepare('select wr from pragma_table_list(?)').pluck().get(table) as number) === 1;
  // References to rows of the same table wait until every row is there (see the top).
  const selfReferences = source.prepare('select "from" from pragma_foreign_key_list(?) where "table" = ?').pluck().all(table, table) as string[];
  const key = keyColumnsOf(source, table);
  if (selfReferences.length > 0 && key.length === 0) throw new Error(`copying ${table}: it refers to its own rows but has no primary key to find them by`);
  const rows = source.prepare(`select * from ${quote(table)}${withoutRowid ? '' : ' order by rowid'}`).safeIntegers(true);
  const perInsert = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS / columns.length)));
  const later: { where: Record<string, unknown>; set: Record<string, unknown> }[] = [];
  let batch: Record<string, unknown>[] = [];
  let count = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    try {
      await trx.insertInto(table).values(batch).execute();
    } catch (error) {
      throw failed(table, `rows ${count - batch.length + 1}–${count}`, error);
    }
    batch = [];
  };
  for (const row of rows.iterate() as Iterable<Record<string, unknown>>) {
    const values = Object.fromEntries(columns.map((column) => [column, toParameter(row[column])]));
    const set = Object.fromEntries(selfReferences.filter((column) => values[column] !== null).map((column) => [column, values[column]]));
    if (Object.keys(set).length > 0) {
      for (const column of Object.keys(set)) values[column] = null;
      later.push({ where: Object.fromEntries(key.map((k) => [k, values[k]])), set });
    }
    batch.push(values);
    count++;
    if (batch.length === perInsert) await flush();
  }
  await flush();
  for (const { where, set } of later) {
    try {
      await trx.updateTable(table).set(set).where((eb) => eb.and(Object.entries(where).map(([k, v]) => eb(k, '=', v)))).execute();
    } catch (error) {
      throw failed(table, `row ${JSON.stringify(where)}`, error);
    }
  }
  return count;
}

const failed = (table: string, what: string, error: unknown) =>
  new Error(`copying ${table} (${what}) failed: ${error instanceof Error ? error.message : String(error)}. Nothing was copied.`, { cause: error });

/** Sets each identity column's sequence past the highest key the file ever handed out. */
async function continueIdentities(source: SQLite.Database, trx: Kysely<any>): Promise<void> {
  const handedOut = new Map(
    (source.prepare(`select 1 from sqlite_master where name = 'sqlite_sequence'`).get() ? (source.prepare('select name, seq from sqlite_sequence').all() as { name: string; seq: number }[]) : []).map((r) => [r.name, r.seq]),
  );
  const { rows: identities } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns where table_schema = current_schema() and is_identity = 'YES'`.execute(trx);
  for (const { table_name: table, column_name: column } of identities) {
    if (isKyselys(table)) continue;
    const { rows } = await sql<{ n: number | null }>`select max(${sql.ref(column)}) as n from ${sql.table(table)}`.execute(trx);
    const highest = Math.max(Number(rows[0]?.n ?? 0), handedOut.get(table) ?? 0);
    // setval(…, n, true): the next key is n + 1. A sequence cannot be set to 0: nothing to continue then.
    if (highest > 0) await sql`select setval(pg_get_serial_sequence(${table}, ${column}), ${highest}, true)`.execute(trx);
  }
}

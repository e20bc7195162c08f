/**
 * Every table of a database (found by Kysely's introspection, so a table added later is
 * covered without a change here) with all its rows, so an update shows as well as an
 * insert or delete. Works on SQLite and PostgreSQL alike, and gives both the same answer
 * for the same rows: columns in name order, rows sorted here rather than by the database
 * (the two place nulls differently). `skip` names columns a test expects to move.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

type Skip = Readonly<Record<string, readonly string[]>>;

/** Per table, each row as JSON (its columns in name order), sorted. */
export async function tableRows(db: Kysely<any>, skip: Skip = {}): Promise<Record<string, string[]>> {
  const tables = (await db.introspection.getTables({ withInternalKyselyTables: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  const result: Record<string, string[]> = {};
  for (const table of tables) {
    const columns = table.columns.map((c) => c.name).filter((column) => !skip[table.name]?.includes(column)).sort();
    const { rows } = await sql<Record<string, unknown>>`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table.name)}`.execute(db);
    result[table.name] = rows.map((row) => JSON.stringify(columns.map((c) => row[c]))).sort();
  }
  return result;
}

/** A content hash per table (tableRows, hashed). */
export async function tableHashes(db: Kysely<any>, skip: Skip = {}): Promise<Record<string, string>> {
  const rows = await tableRows(db, skip);
  return Object.fromEntries(Object.entries(rows).map(([table, lines]) => [table, createHash('sha256').update(lines.join('\n')).digest('hex')]));
}

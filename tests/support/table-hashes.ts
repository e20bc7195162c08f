/**
 * A content hash per table, for every table in the database (found by Kysely's
 * introspection, so a table added later is covered without a change here): all rows,
 * ordered by every column, so an update shows as well as an insert or delete. Works on
 * SQLite and PostgreSQL alike; `skip` names columns a test expects to move.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

export async function tableHashes(db: Kysely<any>, skip: Readonly<Record<string, readonly string[]>> = {}): Promise<Record<string, string>> {
  const tables = (await db.introspection.getTables({ withInternalKyselyTables: true })).map((t) => t).sort((a, b) => a.name.localeCompare(b.name));
  const hashes: Record<string, string> = {};
  for (const table of tables) {
    const columns = table.columns.map((c) => c.name).filter((column) => !skip[table.name]?.includes(column));
    const list = sql.join(columns.map((c) => sql.ref(c)));
    const { rows } = await sql<Record<string, unknown>>`select ${list} from ${sql.table(table.name)} order by ${list}`.execute(db);
    const hash = createHash('sha256');
    for (const row of rows) hash.update(JSON.stringify(columns.map((c) => row[c]))).update('\n');
    hashes[table.name] = hash.digest('hex');
  }
  return hashes;
}

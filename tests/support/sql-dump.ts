/**
 * A SQLite database as SQL text and back, for fixtures that are reviewed in a diff: the
 * schema exactly as SQLite stored it (so loading gives the same tables, constraints and
 * indexes), then every row as an INSERT, in the shape of `sqlite3 db .dump`.
 */
import type SQLite from 'better-sqlite3';

const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Buffer.isBuffer(value)) return `X'${value.toString('hex')}'`;
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** Every table (rows ordered by their key columns, else all columns), then indexes, triggers and views. */
export function dumpDatabase(sqlite: SQLite.Database): string {
  const objects = sqlite.prepare("select type, name, tbl_name, sql from sqlite_master where sql is not null order by rowid").all() as { type: string; name: string; tbl_name: string; sql: string }[];
  const lines = ['PRAGMA foreign_keys=OFF;', 'BEGIN TRANSACTION;'];
  for (const table of objects.filter((o) => o.type === 'table' && !o.name.startsWith('sqlite_'))) {
    lines.push(`${table.sql};`);
    const columns = sqlite.prepare('select name, pk from pragma_table_info(?) order by cid').all(table.name) as { name: string; pk: number }[];
    const key = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    const order = (key.length > 0 ? key : columns).map((c) => quoteName(c.name)).join(', ');
    for (const row of sqlite.prepare(`select * from ${quoteName(table.name)} order by ${order}`).raw().iterate() as Iterable<unknown[]>) {
      lines.push(`INSERT INTO ${quoteName(table.name)} VALUES(${row.map(literal).join(',')});`);
    }
  }
  const hasSequence = objects.some((o) => o.name === 'sqlite_sequence');
  if (hasSequence) {
    lines.push('DELETE FROM sqlite_sequence;');
    for (const row of sqlite.prepare('select name, seq from sqlite_sequence order by name').raw().iterate() as Iterable<unknown[]>) {
      lines.push(`INSERT INTO sqlite_sequence VALUES(${row.map(literal).join(',')});`);
    }
  }
  for (const other of objects.filter((o) => o.type !== 'table')) lines.push(`${other.sql};`);
  lines.push('COMMIT;');
  return `${lines.join('\n')}\n`;
}

/** Runs a dump (comments and all) against an empty database. */
export function loadDump(sqlite: SQLite.Database, dump: string): void {
  sqlite.exec(dump);
}

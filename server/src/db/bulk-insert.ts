/**
 * Multi-row inserts for the hot path of a sync batch (hundreds of ledger events and
 * processed mutations per request). Building a 500-row insert with Kysely's query builder
 * costs more than SQLite takes to run it, so the statement text is built once per table,
 * column list and row count (still by Kysely, so it stays dialect-correct) and reused
 * with new parameters.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import { dialectOf } from './dialect.js';
import type { Database, DbOrTrx } from './database.js';

const MAX_ROWS_PER_STATEMENT = 500;
const compiled = new Map<string, string>();

function insertSql<T extends keyof Database & string>(db: DbOrTrx, table: T, columns: readonly string[], rows: number): string {
  // Per dialect: SQLite's placeholders are ?, PostgreSQL's $1, $2, …
  const key = `${dialectOf(db as Kysely<any>)}|${table}|${columns.join(',')}|${rows}`;
  let text = compiled.get(key);
  if (!text) {
    const template = Array.from({ length: rows }, () => Object.fromEntries(columns.map((c) => [c, null])));
    text = db.insertInto(table).values(template as never).compile().sql;
    compiled.set(key, text);
  }
  return text;
}

/** Inserts rows (every row has every column; null where empty) in statements of up to 500 rows. */
export async function bulkInsert<T extends keyof Database & string, K extends keyof Database[T] & string>(
  db: DbOrTrx,
  table: T,
  columns: readonly K[],
  rows: readonly { readonly [P in K]: unknown }[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += MAX_ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + MAX_ROWS_PER_STATEMENT);
    const parameters: unknown[] = [];
    for (const row of chunk) for (const column of columns) parameters.push(row[column] ?? null);
    await db.executeQuery(CompiledQuery.raw(insertSql(db, table, columns, chunk.length), parameters));
  }
}

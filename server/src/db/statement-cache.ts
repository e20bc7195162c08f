/**
 * Reuses prepared statements across queries. Kysely's SQLite driver prepares every query
 * anew, and SQLite's parse-and-plan step is the biggest cost of the large multi-row
 * inserts of a sync batch (the same 500-row statement text every time). The cache keeps
 * the most recently used statements by their SQL text; a statement that is still being
 * iterated is never handed out twice.
 */
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

export const STATEMENT_CACHE_SIZE = 300;

export function withStatementCache(sqlite: SQLite.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase & { readonly inTransaction: boolean } {
  const cache = new Map<string, SQLite.Statement>();
  return {
    get inTransaction() {
      return sqlite.inTransaction;
    },
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Re-insert to mark it most recently used (a Map keeps insertion order).
        cache.delete(sql);
        cache.set(sql, cached);
        return cached as unknown as SqliteStatement;
      }
      const statement = sqlite.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > size) cache.delete(cache.keys().next().value!);
      }
      return statement as unknown as SqliteStatement;
    },
  };
}

/**
 * Counts the SQL statements the main process runs while `work` runs (N+1 checks: a list of
 * 100 must take as many statements as a list of 10). On SQLite, runs of better-sqlite3's
 * prepared statements (they are cached, so runs, not prepares); on PostgreSQL, pg's
 * queries (begin, commit and the write lock included: a fixed cost per transaction).
 */
import pg from 'pg';
import type { App } from '../../server/src/app.js';

type Method = (...args: unknown[]) => unknown;

function patch(target: Record<string, Method>, names: readonly string[], onCall: () => void): () => void {
  const originals = names.map((name) => [name, target[name]!] as const);
  for (const [name, original] of originals) {
    target[name] = function (this: unknown, ...args: unknown[]) {
      onCall();
      return original.apply(this, args);
    };
  }
  return () => {
    for (const [name, original] of originals) target[name] = original;
  };
}

export async function countStatements<T>(app: App, work: () => Promise<T>): Promise<{ count: number; result: T }> {
  let count = 0;
  const connection = app.connection;
  const restore =
    connection.dialect === 'sqlite'
      ? patch(Object.getPrototypeOf(connection.sqlite.prepare('select 1')) as Record<string, Method>, ['all', 'run', 'get'], () => count++)
      : patch(pg.Client.prototype as unknown as Record<string, Method>, ['query'], () => count++);
  try {
    const result = await work();
    return { count, result };
  } finally {
    restore();
  }
}

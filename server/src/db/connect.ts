/**
 * Opens the SQLite database (better-sqlite3) and wraps it in Kysely.
 * The file and its folder are created on first use.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './database.js';
import { ImmediateSqliteDialect } from './immediate-transactions.js';
import { withStatementCache } from './statement-cache.js';

/** The WAL file is truncated to this size after a checkpoint (SQLite's default keeps all). */
export const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

export interface Connection {
  db: Kysely<Database>;
  /**
   * A second connection for GraphQL queries. Kysely lets one connection run one
   * transaction at a time, so with a single connection a dashboard refresh would wait
   * for a whole sync batch; in WAL mode a reader sees the last commit without waiting.
   * The same as `db` for an in-memory database, which exists per connection.
   */
  readDb: Kysely<Database>;
  /** The raw handle, for pragmas and benchmarks only; modules use Kysely. */
  sqlite: SQLite.Database;
}

/** `reader: false` skips the second connection (the sync worker only writes). */
export function openDatabase(databasePath: string, options: { reader?: boolean } = {}): Connection {
  if (databasePath !== ':memory:') fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  const sqlite = databasePath === ':memory:' ? new SQLite(databasePath) : openWriter(databasePath);
  sqlite.pragma('foreign_keys = ON');
  // Wait instead of failing with SQLITE_BUSY when a second connection (db:migrate, an
  // admin command) holds the write lock for a moment.
  sqlite.pragma('busy_timeout = 5000');
  // FULL rather than NORMAL: once the server acknowledges a sync batch the device deletes
  // its own copy, so an acknowledged commit must survive a power cut, not only a process
  // crash. Field writes arrive in batches of up to 500 rows per transaction, which keeps
  // the extra fsync per commit cheap.
  sqlite.pragma('synchronous = FULL');
  // After a checkpoint SQLite reuses the WAL file from the start but never shrinks it: one
  // large batch (or a long read holding checkpoints back) would leave it at its largest
  // size for good, and on a full disk that space is missing. Truncate it to this size
  // whenever it is reset.
  sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
  if (databasePath === ':memory:' || options.reader === false) return { db, readDb: db, sqlite };
  const reader = new SQLite(databasePath, { readonly: true });
  reader.pragma('busy_timeout = 5000');
  const readDb = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(reader) }) });
  return { db, readDb, sqlite };
}

const MAX_OPEN_ATTEMPTS = 3;
const inodeOf = (file: string) => fs.statSync(file, { throwIfNoEntry: false })?.ino ?? null;

/**
 * The write connection, on the file DATABASE_PATH names once the connection holds its
 * first lock. A restore (modules/backup/restore.service.ts) holds SQLite's lock on the old
 * file while it renames the restored one into place; a connection opened just before that
 * waits on the lock and would then carry on with the old file, while SQLite names its WAL
 * after the path: that WAL would later be replayed into the restored database. So the
 * path's inode before opening must still be the path's inode after the first statement
 * (the one that waited); if not, or if SQLite itself saw the file move (it refuses to
 * write to a moved file in rollback mode, the mode restore leaves the old file in), the
 * connection is closed before it wrote anything and the path opened again. A path that did
 * not exist yet counts as moved once: the second open finds the file the first one created.
 */
function openWriter(databasePath: string): SQLite.Database {
  for (let attempt = 1; attempt <= MAX_OPEN_ATTEMPTS; attempt++) {
    const before = inodeOf(databasePath);
    const sqlite = new SQLite(databasePath);
    let moved = false;
    try {
      // WAL lets readers (dashboards) run while a sync batch is being written.
      sqlite.pragma('journal_mode = WAL');
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_READONLY_DBMOVED') {
        sqlite.close();
        throw error;
      }
      moved = true;
    }
    if (!moved && before !== null && inodeOf(databasePath) === before) return sqlite;
    sqlite.close();
  }
  throw new Error(`${databasePath} was replaced while it was being opened, ${MAX_OPEN_ATTEMPTS} times (is a restore running?). Start again once it is done.`);
}

/**
 * Opens the database the configuration names: the SQLite file (better-sqlite3, the
 * embedded default; the file and its folder are created on first use), or PostgreSQL when
 * DATABASE_URL is set (postgres-connection.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql, SqliteDialect } from 'kysely';
import type { Database } from './database.js';
import { ImmediateSqliteDialect } from './immediate-transactions.js';
import { openPostgres, type PostgresConnection } from './postgres-connection.js';
import { withStatementCache } from './statement-cache.js';

/** The WAL file is truncated to this size after a checkpoint (SQLite's default keeps all). */
export const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

export interface SqliteConnection {
  dialect: 'sqlite';
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

export type Connection = SqliteConnection | PostgresConnection;

/** Where the data lives: Config's databaseUrl when set, else its databasePath. */
export interface DatabaseTarget {
  databasePath: string;
  databaseUrl: string | null;
}

export const describeTarget = (target: DatabaseTarget) => (target.databaseUrl ? `PostgreSQL at ${redactUrl(target.databaseUrl)}` : target.databasePath);

/** A database URL without its password, for logs and messages. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  // pg also takes the password as a parameter of the URL.
  if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
  return parsed.toString();
}

/**
 * Throws an error that names DATABASE_URL (never its password) when PostgreSQL cannot be
 * reached, instead of the driver's bare message from whatever ran first (the migrator).
 * A SQLite file is opened synchronously, so its errors are already about the file.
 */
export async function checkReachable(connection: Connection, target: DatabaseTarget): Promise<void> {
  if (connection.dialect !== 'postgres' || !target.databaseUrl) return;
  try {
    await sql`select 1`.execute(connection.db);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot reach PostgreSQL at ${redactUrl(target.databaseUrl)} (DATABASE_URL): ${reason}. Check the address, the user and its password, and that the database exists.`, { cause: error });
  }
}

/** `reader: false`: the caller only writes (the sync worker, command-line tools). */
export function openConnection(target: DatabaseTarget, options: { reader?: boolean } = {}): Connection {
  if (target.databaseUrl) return openPostgres(target.databaseUrl, options.reader === false ? { writers: 2, readers: 0 } : {});
  return openDatabase(target.databasePath, options);
}

/** The SQLite file (or ':memory:'); `reader: false` skips the second connection. */
export function openDatabase(databasePath: string, options: { reader?: boolean } = {}): SqliteConnection {
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
  if (databasePath === ':memory:' || options.reader === false) return { dialect: 'sqlite', db, readDb: db, sqlite };
  const reader = new SQLite(databasePath, { readonly: true });
  reader.pragma('busy_timeout = 5000');
  const readDb = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(reader) }) });
  return { dialect: 'sqlite', db, readDb, sqlite };
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

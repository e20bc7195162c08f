/**
 * Is anyone using this database file? Restore must not replace a database under a running
 * server. The answer comes from SQLite's own file locks rather than a pid file:
 * - A running server keeps its connections open for its whole life, and in WAL mode every
 *   open connection holds a shared lock on the database even while idle. A connection in
 *   exclusive locking mode can take SQLite's exclusive lock only when no other connection
 *   (of this process or another: db:migrate, a backup, the sync worker) has the file open.
 * - The locks belong to the open files, so they vanish when a process dies: no stale lock
 *   after a crash, and no pid that a container restart gives to another program (the
 *   server is often pid 1), which would fool a pid file.
 * Limits: the other process must see the same locks, i.e. run on the same machine (a
 * Docker volume is fine; a network file system may not pass locks on, and SQLite says
 * not to use WAL mode there anyway). And the server must never open the database file
 * with anything but SQLite (fs.stat is fine, reading it is not): closing any descriptor
 * of a file drops all of the process's POSIX locks on it, SQLite's included.
 *
 * The lock is kept until release(), so a server that starts while a restore runs waits
 * for it (and fails after its busy timeout); one that gets the lock after the swap notices
 * that its file was replaced (db/connect.ts) and opens the restored one. Holding the lock
 * for longer than that timeout after the swap would only turn that second server into a
 * failed one, and would not stop a process paused between opening and its first read.
 */
import SQLite from 'better-sqlite3';
import { BackupError } from './backup-manifest.js';

export class DatabaseInUseError extends BackupError {
  override name = 'DatabaseInUseError';
}

export interface DatabaseLock {
  /**
   * Folds the WAL into the file and leaves WAL mode, so the file alone holds everything.
   * SQLite will not write to a file in rollback mode once it has been moved
   * (SQLITE_READONLY_DBMOVED), so a connection still waiting on it when the restore is
   * done cannot give it a WAL; db/connect.ts then opens the restored file instead.
   */
  makeSelfContained(): void;
  /** The locking connection itself: while the lock is held, only it can read the file (copy-to-postgres.ts reads through it). */
  readonly connection: SQLite.Database;
  release(): void;
}

const codeOf = (error: unknown) => String((error as { code?: unknown } | null)?.code ?? '');
/** A file that is no SQLite database: nothing can be using it as one. */
const isNoDatabase = (code: string) => code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');

function cannotCheck(databasePath: string, error: unknown): BackupError {
  const reason = error instanceof Error ? error.message : String(error);
  return new BackupError(`Cannot check whether the database ${databasePath} is in use (${codeOf(error) || 'error'}: ${reason}); nothing was changed. Check that the path is a database file this user may write to.`);
}

/**
 * Takes the exclusive lock on the database, or throws DatabaseInUseError; null only for a
 * file that is no SQLite database. Any other failure is a BackupError: not knowing is no
 * reason to go ahead. With `create`, makes an empty database first (its folder must exist).
 * `doing` ends the in-use message: what must wait until the server is stopped.
 */
export function lockUnusedDatabase(databasePath: string, options: { create?: boolean; doing?: string } = {}): DatabaseLock | null {
  let db: SQLite.Database;
  try {
    db = new SQLite(databasePath, { fileMustExist: options.create !== true, timeout: 0 });
  } catch (error) {
    throw cannotCheck(databasePath, error);
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // Taking a write lock is what makes exclusive mode claim the file; committing keeps it.
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (error) {
    db.close();
    const code = codeOf(error);
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new DatabaseInUseError(`The database ${databasePath} is in use: stop the Buurtkracht server (and any backup or other command using it) before ${options.doing ?? 'restoring'}.`);
    }
    if (isNoDatabase(code)) return null;
    throw cannotCheck(databasePath, error);
  }
  return {
    connection: db,
    makeSelfContained() {
      db.pragma('wal_checkpoint(TRUNCATE)');
      // PERSIST, not DELETE: in exclusive mode this connection keeps its journal open until
      // release(), and closing it in DELETE mode deletes `<path>-journal` by name, which by
      // then belongs to the restored database.
      db.pragma('journal_mode = PERSIST');
    },
    release() {
      db.close();
    },
  };
}

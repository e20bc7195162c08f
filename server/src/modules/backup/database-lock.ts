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
 * and then fails instead of opening a file that is being replaced.
 */
import SQLite from 'better-sqlite3';
import { BackupError } from './backup-manifest.js';

export class DatabaseInUseError extends BackupError {
  override name = 'DatabaseInUseError';
}

export interface DatabaseLock {
  /** Folds the WAL into the file and leaves WAL mode, so the file alone holds everything. */
  makeSelfContained(): void;
  release(): void;
}

/** Takes the exclusive lock on an existing database, or throws DatabaseInUseError; null for a file SQLite cannot read. */
export function lockUnusedDatabase(databasePath: string): DatabaseLock | null {
  let db: SQLite.Database;
  try {
    db = new SQLite(databasePath, { fileMustExist: true, timeout: 0 });
  } catch {
    return null;
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // Taking a write lock is what makes exclusive mode claim the file; committing keeps it.
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (error) {
    db.close();
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new DatabaseInUseError(`The database ${databasePath} is in use: stop the Buurtkracht server (and any backup or other command using it) before restoring.`);
    }
    // Not a database SQLite can read (damaged, or another kind of file): nothing can be using it as one.
    return null;
  }
  return {
    makeSelfContained() {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.pragma('journal_mode = DELETE');
    },
    release() {
      db.close();
    },
  };
}

/**
 * Puts a backup back as DATABASE_PATH and MEDIA_DIR. In order, each step only when the
 * one before succeeded:
 * 1. verify every file of the backup against its manifest (backup-verify.ts);
 * 2. refuse when the current database is in use (database-lock.ts: its lock is then held
 *    until the end; with no database, on an empty one made for that), or when there is a
 *    current database or photo folder and the operator did not say --force;
 * 3. copy the backup beside the targets under temporary names, checking each copy's
 *    checksum again and the database with SQLite's quick_check;
 * 4. swap: the current photo folder and then database move aside (…before-restore-<time>),
 *    the copies take their names. A failure in step 4 moves the old ones back.
 * Until step 4, the current database and photos are not touched at all; the old ones are
 * kept aside rather than deleted, for the operator to remove once the restore is checked.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import { BackupError, DATABASE_FILE, fsyncFile, fsyncFolder, MEDIA_FOLDER, type BackupManifest } from './backup-manifest.js';
import { backupName } from './backup-status.js';
import { verifyBackup } from './backup-verify.js';
import { lockUnusedDatabase, type DatabaseLock } from './database-lock.js';

export interface RestoreTarget {
  databasePath: string;
  mediaDir: string;
}

export interface Restored {
  manifest: BackupManifest;
  /** Where the replaced database and photo folder were moved; null when there was none. */
  previousDatabase: string | null;
  previousMedia: string | null;
}

const exists = (p: string) => fs.lstat(p).then(() => true, () => false);
const isNonEmptyFolder = (p: string) => fs.readdir(p).then((names) => names.length > 0, () => false);

export interface RestoreOptions {
  force?: boolean;
  now?: Date;
  /** Runs with the lock held, just before step 4: tests start a server in that moment. */
  beforeSwap?: () => Promise<void>;
}

export async function restoreBackup(backupFolder: string, target: RestoreTarget, options: RestoreOptions = {}): Promise<Restored> {
  if (target.databasePath === ':memory:') throw new BackupError('Cannot restore into an in-memory database: set DATABASE_PATH to a file.');
  const manifest = await verifyBackup(backupFolder);

  const hadDatabase = await exists(target.databasePath);
  const hadJournal = await exists(`${target.databasePath}-journal`);
  const present = [
    ...(hadDatabase || hadJournal || (await exists(`${target.databasePath}-wal`)) ? [`a database at ${target.databasePath}`] : []),
    ...((await isNonEmptyFolder(target.mediaDir)) ? [`photos in ${target.mediaDir}`] : []),
  ];
  // With no database yet, an empty one is made and locked in its place: a server started
  // during the restore then waits for it, instead of making a database of its own that the
  // restore would replace under it.
  if (!hadDatabase) await fs.mkdir(path.dirname(target.databasePath), { recursive: true });
  const lock = lockUnusedDatabase(target.databasePath, { create: !hadDatabase });
  if (!hadDatabase) lock?.makeSelfContained();
  let swapped = false;
  try {
    if (present.length > 0 && !options.force) {
      throw new BackupError(`There is already ${present.join(' and ')}. Run the restore again with --force to replace them; what is there now is then kept beside it, not deleted.`);
    }
    const stamp = `${backupName(options.now ?? new Date()).replace('buurtkracht-', '')}-${randomBytes(2).toString('hex')}`;
    const newDatabase = `${target.databasePath}.restoring-${stamp}`;
    const newMedia = `${target.mediaDir}.restoring-${stamp}`;
    try {
      await copyChecked(backupFolder, manifest, DATABASE_FILE, newDatabase);
      checkDatabase(newDatabase);
      await fs.mkdir(newMedia, { recursive: true });
      for (const file of manifest.files.filter((f) => f.path.startsWith(`${MEDIA_FOLDER}/`))) {
        await copyChecked(backupFolder, manifest, file.path, path.join(newMedia, ...file.path.split('/').slice(1)));
      }
      await options.beforeSwap?.();
      const result = await swap(target, newDatabase, newMedia, stamp, lock, hadDatabase);
      swapped = true;
      return { manifest, ...result };
    } finally {
      await fs.rm(newDatabase, { force: true });
      await fs.rm(newMedia, { recursive: true, force: true });
    }
  } finally {
    // The empty stand-in goes (still under the lock) when nothing took its place.
    if (!hadDatabase && !swapped) {
      await fs.rm(target.databasePath, { force: true });
      if (!hadJournal) await fs.rm(`${target.databasePath}-journal`, { force: true });
    }
    lock?.release();
  }
}

/** Copies one file of the backup to `to`, hashing what is written; a differing copy is an error. */
async function copyChecked(backupFolder: string, manifest: BackupManifest, name: string, to: string): Promise<void> {
  const expected = manifest.files.find((f) => f.path === name)!;
  await fs.mkdir(path.dirname(to), { recursive: true });
  const hash = createHash('sha256');
  const source = createReadStream(path.join(backupFolder, ...name.split('/')));
  source.on('data', (chunk) => hash.update(chunk as Buffer));
  await pipeline(source, createWriteStream(to, { flags: 'wx' }));
  await fsyncFile(to);
  if (hash.digest('hex') !== expected.sha256) throw new BackupError(`${name} changed while it was being restored; nothing was replaced. Try again.`);
}

function checkDatabase(file: string): void {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`The database in the backup fails SQLite's check (${String(check)}); nothing was replaced. Use another backup.`);
  } finally {
    db.close();
  }
}

/**
 * Step 4. Photos first, the database last, by one rename: once the restored database
 * stands at DATABASE_PATH a server may open it, so nothing may put the old one back after
 * that, and the path never stands empty.
 */
async function swap(target: RestoreTarget, newDatabase: string, newMedia: string, stamp: string, lock: DatabaseLock | null, hadDatabase: boolean) {
  const previousDatabase = hadDatabase ? `${target.databasePath}.before-restore-${stamp}` : null;
  const previousMedia = (await exists(target.mediaDir)) ? `${target.mediaDir}.before-restore-${stamp}` : null;
  let mediaSwapped = false;
  let databaseAside: 'linked' | 'moved' | null = null;
  try {
    if (previousMedia) await fs.rename(target.mediaDir, previousMedia);
    await fs.mkdir(path.dirname(target.mediaDir), { recursive: true });
    await fs.rename(newMedia, target.mediaDir);
    mediaSwapped = true;
    // The old WAL must not outlive its database: SQLite would replay it into the new one.
    lock?.makeSelfContained();
    // A hard link keeps the old file reachable while the rename below replaces it in one step;
    // a file system without hard links gets two renames and a moment without a database.
    if (previousDatabase) {
      databaseAside = await fs.link(target.databasePath, previousDatabase).then(
        () => 'linked' as const,
        async () => (await fs.rename(target.databasePath, previousDatabase), 'moved' as const),
      );
    }
    for (const suffix of ['-wal', '-shm', '-journal']) await fs.rm(target.databasePath + suffix, { force: true });
    await fs.rename(newDatabase, target.databasePath);
  } catch (error) {
    if (databaseAside === 'linked') await fs.rm(previousDatabase!, { force: true });
    if (databaseAside === 'moved') await fs.rename(previousDatabase!, target.databasePath).catch(() => undefined);
    if (mediaSwapped) await fs.rename(target.mediaDir, newMedia).catch(() => undefined);
    if (previousMedia && !(await exists(target.mediaDir))) await fs.rename(previousMedia, target.mediaDir).catch(() => undefined);
    throw error;
  }
  await fsyncFolder(path.dirname(target.databasePath));
  await fsyncFolder(path.dirname(target.mediaDir));
  return { previousDatabase, previousMedia };
}

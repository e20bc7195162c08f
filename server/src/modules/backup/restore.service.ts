/**
 * Puts a backup back as DATABASE_PATH and MEDIA_DIR. In order, each step only when the
 * one before succeeded:
 * 1. verify every file of the backup against its manifest (backup-verify.ts);
 * 2. refuse when the current database is in use (database-lock.ts), or when there is a
 *    current database or photo folder and the operator did not say --force;
 * 3. copy the backup beside the targets under temporary names, checking each copy's
 *    checksum again and the database with SQLite's quick_check;
 * 4. swap: the current database and photo folder move aside (…before-restore-<time>),
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

export async function restoreBackup(backupFolder: string, target: RestoreTarget, options: { force?: boolean; now?: Date } = {}): Promise<Restored> {
  if (target.databasePath === ':memory:') throw new BackupError('Cannot restore into an in-memory database: set DATABASE_PATH to a file.');
  const manifest = await verifyBackup(backupFolder);

  const hadDatabase = await exists(target.databasePath);
  const lock = hadDatabase ? lockUnusedDatabase(target.databasePath) : null;
  try {
    const present = [
      ...(hadDatabase || (await exists(`${target.databasePath}-wal`)) || (await exists(`${target.databasePath}-journal`)) ? [`a database at ${target.databasePath}`] : []),
      ...((await isNonEmptyFolder(target.mediaDir)) ? [`photos in ${target.mediaDir}`] : []),
    ];
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
      return { manifest, ...(await swap(target, newDatabase, newMedia, stamp, lock)) };
    } finally {
      await fs.rm(newDatabase, { force: true });
      await fs.rm(newMedia, { recursive: true, force: true });
    }
  } finally {
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

/** Step 4. The database is replaced by one rename, so its path never stands empty. */
async function swap(target: RestoreTarget, newDatabase: string, newMedia: string, stamp: string, lock: DatabaseLock | null) {
  const previousDatabase = (await exists(target.databasePath)) ? `${target.databasePath}.before-restore-${stamp}` : null;
  const previousMedia = (await exists(target.mediaDir)) ? `${target.mediaDir}.before-restore-${stamp}` : null;
  // The old WAL must not outlive its database: SQLite would replay it into the new one.
  lock?.makeSelfContained();
  // A hard link keeps the old file reachable while the rename below replaces it in one step;
  // a file system without hard links gets two renames and a moment without a database.
  if (previousDatabase) await fs.link(target.databasePath, previousDatabase).catch(() => fs.rename(target.databasePath, previousDatabase));
  for (const suffix of ['-wal', '-shm', '-journal']) await fs.rm(target.databasePath + suffix, { force: true });
  await fs.mkdir(path.dirname(target.databasePath), { recursive: true });
  await fs.rename(newDatabase, target.databasePath);
  try {
    if (previousMedia) await fs.rename(target.mediaDir, previousMedia);
    await fs.mkdir(path.dirname(target.mediaDir), { recursive: true });
    await fs.rename(newMedia, target.mediaDir);
  } catch (error) {
    if (previousMedia && !(await exists(target.mediaDir))) await fs.rename(previousMedia, target.mediaDir).catch(() => undefined);
    if (previousDatabase) await fs.rename(previousDatabase, target.databasePath).catch(() => undefined);
    else await fs.rm(target.databasePath, { force: true });
    throw error;
  }
  await fsyncFolder(path.dirname(target.databasePath));
  await fsyncFolder(path.dirname(target.mediaDir));
  return { previousDatabase, previousMedia };
}

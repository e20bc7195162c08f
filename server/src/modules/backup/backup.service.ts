/**
 * Makes one backup while the server runs: the database through SQLite's online backup
 * API and the photos of MEDIA_DIR, into BACKUP_DIR/buurtkracht-YYYYMMDD-HHMMSSZ/ with a
 * manifest.json (see backup-manifest.ts). The folder is written under a hidden temporary
 * name and renamed only when everything in it is on disk, so a failed or interrupted
 * backup never leaves a folder that looks complete.
 *
 * What a backup guarantees:
 * - The database is one consistent snapshot, copied in a single read transaction that
 *   begins after `startedAt`: every transaction committed before `startedAt` (every sync
 *   batch acknowledged by then) is in it whole, and so may some committed a little later;
 *   none is in it in part. In WAL mode the sync worker keeps writing meanwhile. The copy
 *   runs on the calling thread (about 2.5 ms per MB here), which keeps it one transaction:
 *   copied in steps, SQLite would restart it after every write of another connection, and
 *   under a steady sync load it would never finish.
 * - Every photo that snapshot names is in the backup. A photo's files are written before
 *   its row (the row is the commit point, media.service.ts) and are never changed or
 *   removed afterwards (retention erases rows, not photos), so copying MEDIA_DIR after the
 *   snapshot finds them all. Photos uploaded after the snapshot may be copied too; they
 *   are files without a row, which the server ignores and a new upload rewrites. A photo
 *   the snapshot names but MEDIA_DIR lacks (a damaged disk) is listed in the manifest's
 *   missingPhotos instead of failing every backup from then on. Should photos ever be
 *   deleted, this order must be revisited.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { mediaFile } from '../media/media.service.js';
import { appVersion, DATABASE_FILE, fsyncFile, fsyncFolder, MANIFEST_FORMAT_VERSION, MEDIA_FOLDER, sha256OfFile, writeManifest, BackupError, type BackupFile, type BackupManifest } from './backup-manifest.js';
import { backupName } from './backup-status.js';

export interface BackupSources {
  /** The live database file (not ':memory:'). */
  databasePath: string;
  mediaDir: string;
}

export interface BackupMade {
  name: string;
  path: string;
  manifest: BackupManifest;
  bytes: number;
}

/** Copies every page in one step: one read transaction, so no restarts (see above). */
const ALL_PAGES = 0x7fffffff;

/** Makes one backup in `backupDir`; an aborted or failed one leaves nothing that looks like a backup. */
export async function createBackup(sources: BackupSources, backupDir: string, options: { now?: Date; signal?: AbortSignal } = {}): Promise<BackupMade> {
  const startedAt = options.now ?? new Date();
  if (sources.databasePath === ':memory:') throw new BackupError('An in-memory database cannot be backed up: set DATABASE_PATH to a file.');
  await fs.access(sources.databasePath).catch(() => {
    throw new BackupError(`There is no database at ${sources.databasePath} to back up.`);
  });
  const fromMedia = path.relative(path.resolve(sources.mediaDir), path.resolve(backupDir));
  if (!fromMedia.startsWith('..') && !path.isAbsolute(fromMedia)) {
    // Each backup would copy all earlier ones along with the photos.
    throw new BackupError(`The backup folder ${backupDir} is inside MEDIA_DIR (${sources.mediaDir}); choose a folder outside it.`);
  }
  await fs.mkdir(backupDir, { recursive: true });
  const temporary = path.join(backupDir, `.${backupName(startedAt)}.partial-${process.pid}-${randomBytes(3).toString('hex')}`);
  await fs.mkdir(temporary);
  try {
    const snapshot = await copyDatabase(sources.databasePath, path.join(temporary, DATABASE_FILE));
    options.signal?.throwIfAborted();
    const files = [await describe(temporary, DATABASE_FILE), ...(await copyMedia(sources.mediaDir, temporary, options.signal))];
    const copied = new Set(files.map((f) => f.path));
    const missingPhotos = snapshot.photoIds.filter((id) => (['display', 'thumb'] as const).some((size) => !copied.has(inBackup(sources.mediaDir, mediaFile(sources.mediaDir, id, size)))));
    const manifest: BackupManifest = {
      format: 'buurtkracht-backup',
      formatVersion: MANIFEST_FORMAT_VERSION,
      startedAt: startedAt.toISOString(),
      completedAt: new Date().toISOString(),
      appVersion: await appVersion(),
      schemaMigration: snapshot.schemaMigration,
      files,
      missingPhotos,
    };
    await writeManifest(temporary, manifest);
    await fsyncFolder(temporary);
    const final = await renameToFreeName(temporary, backupDir, startedAt);
    await fsyncFolder(backupDir);
    return { name: path.basename(final), path: final, manifest, bytes: files.reduce((sum, f) => sum + f.bytes, 0) };
  } catch (error) {
    await fs.rm(temporary, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}

/** The online backup, then made self-contained (no -wal beside it) and checked. */
async function copyDatabase(databasePath: string, to: string): Promise<{ schemaMigration: string | null; photoIds: string[] }> {
  const source = new SQLite(databasePath, { readonly: true, fileMustExist: true });
  try {
    await source.backup(to, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
  const copy = new SQLite(to, { fileMustExist: true });
  try {
    // The copy keeps the live file's WAL mode, which would need -wal and -shm files beside it.
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`The database copy failed SQLite's check (${String(check)}); the live database may be damaged.`);
    const tables = new Set((copy.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]));
    const schemaMigration = tables.has('kysely_migration') ? ((copy.prepare('SELECT max(name) FROM kysely_migration').pluck().get() as string | null) ?? null) : null;
    const photoIds = tables.has('media') ? (copy.prepare('SELECT id FROM media ORDER BY id').pluck().all() as string[]) : [];
    return { schemaMigration, photoIds };
  } finally {
    copy.close();
  }
}

/** Where a file of MEDIA_DIR goes in the backup: media/ plus its path in MEDIA_DIR, with / separators. */
const inBackup = (mediaDir: string, file: string) => `${MEDIA_FOLDER}/${path.relative(mediaDir, file).split(path.sep).join('/')}`;

/** Copies MEDIA_DIR's files (not uploads still being written, *.tmp) into media/. */
async function copyMedia(mediaDir: string, backupFolder: string, signal: AbortSignal | undefined): Promise<BackupFile[]> {
  const entries = await fs.readdir(mediaDir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const files: BackupFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.endsWith('.tmp')) continue;
    signal?.throwIfAborted();
    const source = path.join(entry.parentPath, entry.name);
    const name = inBackup(mediaDir, source);
    const target = path.join(backupFolder, ...name.split('/'));
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.copyFile(source, target);
    files.push(await describe(backupFolder, name));
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Size and checksum of a file as it is in the backup, after making it durable. */
async function describe(backupFolder: string, name: string): Promise<BackupFile> {
  const file = path.join(backupFolder, ...name.split('/'));
  await fsyncFile(file);
  return { path: name, bytes: (await fs.stat(file)).size, sha256: await sha256OfFile(file) };
}

/** Renames into the dated name, with -2, -3… when a backup of the same second has it. */
async function renameToFreeName(temporary: string, backupDir: string, startedAt: Date): Promise<string> {
  for (let attempt = 1; attempt <= 100; attempt++) {
    const final = path.join(backupDir, backupName(startedAt, attempt));
    if (await fs.stat(final).then(() => true, () => false)) continue;
    try {
      await fs.rename(temporary, final);
      return final;
    } catch (error) {
      // Another backup took the name between the check and the rename.
      if (!['EEXIST', 'ENOTEMPTY'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    }
  }
  throw new BackupError(`No free name for a backup in ${backupDir}.`);
}

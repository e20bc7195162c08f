/**
 * Proves a backup folder is whole before a restore touches anything: its manifest reads,
 * every file it lists is there with the recorded size and SHA-256, and this version of
 * the app knows the database's schema (a backup of a newer version would meet migrations
 * this app has never heard of).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { migrationsFolder } from '../../db/migrate.js';
import { BackupError, readManifest, sha256OfFile, type BackupManifest } from './backup-manifest.js';

/** At most this many broken files are named in one message; the rest are counted. */
const NAMED_PROBLEMS = 5;

export async function verifyBackup(folder: string, knownMigrations?: readonly string[]): Promise<BackupManifest> {
  const manifest = await readManifest(folder);
  const problems: string[] = [];
  for (const file of manifest.files) {
    const onDisk = path.join(folder, ...file.path.split('/'));
    const stat = await fs.stat(onDisk).catch(() => null);
    if (!stat?.isFile()) problems.push(`${file.path} is missing`);
    else if (stat.size !== file.bytes) problems.push(`${file.path} has ${stat.size} bytes instead of ${file.bytes}`);
    else if ((await sha256OfFile(onDisk)) !== file.sha256) problems.push(`${file.path} has changed (checksum differs)`);
  }
  if (problems.length > 0) {
    const more = problems.length > NAMED_PROBLEMS ? `, and ${problems.length - NAMED_PROBLEMS} more` : '';
    throw new BackupError(`The backup ${folder} is damaged: ${problems.slice(0, NAMED_PROBLEMS).join('; ')}${more}. Nothing was restored; use another backup.`);
  }
  const known = knownMigrations ?? (await migrationNames());
  if (manifest.schemaMigration !== null && !known.includes(manifest.schemaMigration)) {
    throw new BackupError(`This backup comes from a newer version of Buurtkracht (its database has migration ${manifest.schemaMigration}, which this version does not know; the backup says app version ${manifest.appVersion}). Install that version to restore it.`);
  }
  return manifest;
}

/** The migrations this app has, by the names Kysely records (see db/migrate.ts). */
async function migrationNames(): Promise<string[]> {
  const files = await fs.readdir(migrationsFolder);
  return files.filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts')).map((f) => f.replace(/\.(ts|js|mjs)$/, ''));
}

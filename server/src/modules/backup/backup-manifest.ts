/**
 * The manifest.json of a backup folder: what made it, when, and every file it holds with
 * its size and SHA-256, so that a restore can prove the folder is whole before it touches
 * anything. Also the small file helpers that backup and restore share (hashing, fsync).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../config.js';
import { MANIFEST_FILE } from './backup-status.js';

/** The manifest format this app writes; it refuses to restore a newer one. */
export const MANIFEST_FORMAT_VERSION = 1;
/** The database's name inside a backup folder. */
export const DATABASE_FILE = 'buurtkracht.db';
/** The folder inside a backup that holds MEDIA_DIR's files, in their own layout. */
export const MEDIA_FOLDER = 'media';

/** A path inside the backup: the database, or a file under media/; never leaving the folder. */
const backupPath = z
  .string()
  .refine(
    (p) => p === DATABASE_FILE || (p.startsWith(`${MEDIA_FOLDER}/`) && p.split('/').every((part) => part !== '' && part !== '.' && part !== '..') && !p.includes('\\')),
    'a path inside the backup folder',
  );

const manifestSchema = z.object({
  format: z.literal('buurtkracht-backup'),
  formatVersion: z.number().int().min(1),
  startedAt: z.iso.datetime(),
  completedAt: z.iso.datetime(),
  appVersion: z.string(),
  /** The newest migration the database had; restore refuses one this app does not know. */
  schemaMigration: z.string().nullable(),
  files: z.array(z.object({ path: backupPath, bytes: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
  /** Photos the database names whose files were missing from MEDIA_DIR when the backup ran. */
  missingPhotos: z.array(z.string()),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
export type BackupFile = BackupManifest['files'][number];

export class BackupError extends Error {
  override name = 'BackupError';
}

/** Reads and checks a backup folder's manifest; BackupError says in plain words what is wrong. */
export async function readManifest(folder: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await fs.readFile(path.join(folder, MANIFEST_FILE), 'utf8');
  } catch {
    throw new BackupError(`${folder} is not a Buurtkracht backup: it has no readable ${MANIFEST_FILE}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupError(`${path.join(folder, MANIFEST_FILE)} is not valid JSON: the backup is damaged.`);
  }
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > MANIFEST_FORMAT_VERSION) {
    throw new BackupError(`This backup was made by a newer version of Buurtkracht (backup format ${version}); install that version to restore it.`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new BackupError(`${path.join(folder, MANIFEST_FILE)} is damaged (${first.path.join('.') || 'manifest'}: ${first.message}).`);
  }
  if (!parsed.data.files.some((f) => f.path === DATABASE_FILE)) throw new BackupError(`${path.join(folder, MANIFEST_FILE)} lists no ${DATABASE_FILE}: the backup is damaged.`);
  return parsed.data;
}

export async function writeManifest(folder: string, manifest: BackupManifest): Promise<void> {
  const file = path.join(folder, MANIFEST_FILE);
  await fs.writeFile(file, `${JSON.stringify(manifest, null, 2)}\n`);
  await fsyncFile(file);
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function fsyncFile(file: string): Promise<void> {
  const handle = await fs.open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a rename or a new file in `dir` durable; some file systems cannot sync a folder, which is fine. */
export async function fsyncFolder(dir: string): Promise<void> {
  await fsyncFile(dir).catch(() => undefined);
}

/** The version in the root package.json, recorded in each manifest. */
export async function appVersion(): Promise<string> {
  const pkg = JSON.parse(await fs.readFile(path.join(projectRoot, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

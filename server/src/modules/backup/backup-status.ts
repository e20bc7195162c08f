/**
 * Which folders in a backup directory are complete backups, and when the newest was made.
 * A backup is written under a hidden temporary name and renamed to
 * `buurtkracht-YYYYMMDD-HHMMSSZ` (a `-N` suffix when two start in the same second) only
 * after its manifest.json is written, so a folder with that name and a manifest is
 * complete; anything else in the directory (a half-written backup, an operator's own
 * folder) is not ours to count or delete. The time in the name is the moment the backup
 * started: everything committed before it is in the backup.
 *
 * Cheap on purpose (one readdir and a stat per backup, no manifest parsing): the metrics
 * scrape asks for the newest backup's age often. Restore verifies a backup in full.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

export const MANIFEST_FILE = 'manifest.json';

const NAME = /^buurtkracht-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})Z(?:-(\d{1,4}))?$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The folder name of a backup started at `at` (UTC); `attempt` > 1 when that name is taken. */
export function backupName(at: Date, attempt = 1): string {
  const stamp = `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}-${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}Z`;
  return `buurtkracht-${stamp}${attempt > 1 ? `-${attempt}` : ''}`;
}

/** When the backup named `name` started, or null for a name that is not a backup's. */
export function backupStartedAt(name: string): Date | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const at = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 2026-02-31 over into March; such a name was not made by backupName.
  return backupName(at, Number(m[7] ?? 1)) === name ? at : null;
}

export interface CompleteBackup {
  name: string;
  path: string;
  startedAt: Date;
}

/** The complete backups in `dir`, newest first; none when the directory does not exist. */
export async function completeBackups(dir: string): Promise<CompleteBackup[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found: CompleteBackup[] = [];
  for (const entry of entries) {
    const startedAt = entry.isDirectory() ? backupStartedAt(entry.name) : null;
    if (!startedAt) continue;
    const folder = path.join(dir, entry.name);
    const manifest = await fs.stat(path.join(folder, MANIFEST_FILE)).catch(() => null);
    if (manifest?.isFile()) found.push({ name: entry.name, path: folder, startedAt });
  }
  // Same second: the higher suffix is the later one.
  const attempt = (name: string) => Number(NAME.exec(name)?.[7] ?? 1);
  return found.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || attempt(b.name) - attempt(a.name));
}

/** When the newest complete backup in `dir` started, or null when there is none. */
export async function newestBackupAt(dir: string): Promise<Date | null> {
  return (await completeBackups(dir))[0]?.startedAt ?? null;
}

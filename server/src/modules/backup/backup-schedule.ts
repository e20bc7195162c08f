/**
 * Scheduled backups in the server (BACKUP_DIR, BACKUP_INTERVAL_HOURS, BACKUP_KEEP). The
 * next backup is due one interval after the newest complete one in BACKUP_DIR, whoever
 * made it (this server before a restart, or `npm run backup`); at start that may be right
 * away. After each successful backup only the newest `keep` complete backups stay. Each
 * run logs one line: what it made and removed, or why it failed. A failed run removes
 * nothing and is tried again one interval later.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { createBackup } from './backup.service.js';
import { completeBackups } from './backup-status.js';

/** setTimeout's longest wait (about 24.8 days); longer waits (BACKUP_INTERVAL_HOURS allows 30 days) go in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Removes all but the newest `keep` complete backups; returns the removed names. A folder
 * that is not a complete backup (no manifest, or not named as ours) is never touched.
 */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const removed: string[] = [];
  for (const old of (await completeBackups(dir)).slice(keep)) {
    // Renamed first: a removal cut short leaves a hidden folder, never a backup with files missing.
    const doomed = path.join(dir, `.${old.name}.removing`);
    await fs.rename(old.path, doomed);
    await fs.rm(doomed, { recursive: true, force: true });
    removed.push(old.name);
  }
  return removed;
}

/** Starts the schedule when BACKUP_DIR is set; returns a stop() that ends a running backup early and waits for it. */
export function startBackupSchedule(config: Pick<Config, 'backup' | 'databasePath' | 'mediaDir'>, logger: Logger): () => Promise<void> {
  const settings = config.backup;
  if (!settings || settings.intervalHours === 0) return async () => {};
  if (config.databasePath === ':memory:') {
    logger.warn('BACKUP_DIR is set, but an in-memory database is not backed up');
    return async () => {};
  }
  const intervalMs = settings.intervalHours * 3_600_000;
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const wait = (dueAt: number) => {
    if (stopping.signal.aborted) return;
    const delay = Math.max(0, dueAt - Date.now());
    timer = setTimeout(() => (delay > MAX_TIMER_MS ? wait(dueAt) : (running = run())), Math.min(delay, MAX_TIMER_MS));
    timer.unref();
  };

  const run = async () => {
    const started = Date.now();
    try {
      const made = await createBackup(config, settings.dir, { signal: stopping.signal });
      const removed = await pruneBackups(settings.dir, settings.keep).catch((error: unknown) => {
        logger.error({ err: error, backup: made.path }, 'backup made, but old backups could not be removed');
        return [];
      });
      const summary = { backup: made.path, files: made.manifest.files.length, bytes: made.bytes, ms: Date.now() - started, removed, missingPhotos: made.manifest.missingPhotos.length };
      if (made.manifest.missingPhotos.length > 0) logger.warn(summary, 'backup made, but photos the database names are missing from MEDIA_DIR (listed in its manifest.json)');
      else logger.info(summary, 'backup made');
    } catch (error) {
      if (stopping.signal.aborted) logger.warn({ dir: settings.dir }, 'backup stopped: the server is shutting down');
      else logger.error({ err: error, dir: settings.dir }, 'backup failed');
    }
    wait(Date.now() + intervalMs);
  };

  running = completeBackups(settings.dir)
    .then((backups) => wait((backups[0]?.startedAt.getTime() ?? 0) + intervalMs))
    .catch((error: unknown) => {
      logger.error({ err: error, dir: settings.dir }, 'cannot read BACKUP_DIR; trying a backup now');
      wait(0);
    });

  return async () => {
    stopping.abort();
    clearTimeout(timer);
    await running;
  };
}

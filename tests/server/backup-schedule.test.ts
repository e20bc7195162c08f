/**
 * Scheduled backups in the server (BACKUP_DIR, BACKUP_INTERVAL_HOURS, BACKUP_KEEP): when
 * they run, which old backups go, which folders are never touched, one log line per run,
 * and that the app starts and stops them. On a database file with the sync worker.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup } from '../../server/src/modules/backup/backup.service.js';
import { startBackupSchedule } from '../../server/src/modules/backup/backup-schedule.js';
import { completeBackups } from '../../server/src/modules/backup/backup-status.js';
import { sqliteDatabaseFile, startTestApp, type TestApp } from '../support/test-app.js';
import { sqliteOnly } from '../support/test-database.js';

/** A logger whose lines the test can read. */
function capturedLogger() {
  const lines: { level: number; msg: string; [key: string]: unknown }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(sqliteOnly('backups copy the SQLite file'))('scheduled backups', () => {
  const file = sqliteDatabaseFile();
  const workDir = path.dirname(file.env.DATABASE_PATH!);
  const sources = { databasePath: file.env.DATABASE_PATH!, mediaDir: file.env.MEDIA_DIR! };
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(file.env);
  });
  afterAll(async () => {
    await t.close();
    file.remove();
  });

  it('keeps the newest BACKUP_KEEP complete backups and never touches other folders', async () => {
    const dir = path.join(workDir, 'keep');
    const old = [];
    for (const day of ['01', '02', '03']) old.push(await createBackup(sources, dir, { now: new Date(`2025-06-${day}T03:00:00Z`) }));
    // Not ours, or not complete: an operator's folder (even with a manifest), a backup's
    // name without a manifest, a half-written one, and a file.
    const foreign = ['handmatig', 'buurtkracht-20250101-000000Z', '.buurtkracht-20250601-030000Z.partial-99-abcdef'];
    for (const name of foreign) fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, 'handmatig', 'manifest.json'), '{}');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'eigen aantekeningen');

    const { logger, lines } = capturedLogger();
    const stop = startBackupSchedule({ ...sources, backup: { dir, intervalHours: 24, keep: 2 } }, logger);
    // The newest backup is far older than a day: one is due right away.
    await until(() => lines.length > 0);
    await stop();

    const kept = await completeBackups(dir);
    expect(kept.map((b) => b.name)).toEqual([expect.stringMatching(/^buurtkracht-\d{8}-\d{6}Z$/), old[2]!.name]);
    expect(kept[0]!.startedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(fs.readdirSync(dir).sort()).toEqual([...foreign, 'notes.txt', kept[0]!.name, old[2]!.name].sort());
    expect(lines).toEqual([expect.objectContaining({ level: 30, msg: 'backup made', backup: kept[0]!.path, removed: [old[1]!.name, old[0]!.name] })]);
  });

  it('waits one interval after the newest backup, also one made before a restart', async () => {
    const dir = path.join(workDir, 'recent');
    await createBackup(sources, dir, { now: new Date(Date.now() - 3_600_000) });
    const { logger, lines } = capturedLogger();
    // 30 days is longer than one timer can wait (24.8 days).
    const stops = [24, 720].map((intervalHours) => startBackupSchedule({ ...sources, backup: { dir, intervalHours, keep: 2 } }, logger));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const stop of stops) await stop();
    expect(await completeBackups(dir)).toHaveLength(1);
    expect(lines).toEqual([]);
  });

  it('logs a failed backup once, removes nothing, and tries again one interval later', async () => {
    const dir = path.join(workDir, 'failing');
    const before = await createBackup(sources, dir, { now: new Date('2025-06-01T03:00:00Z') });
    const { logger, lines } = capturedLogger();
    const missing = { databasePath: path.join(workDir, 'gone.db'), mediaDir: sources.mediaDir };
    const stop = startBackupSchedule({ ...missing, backup: { dir, intervalHours: 0.0003, keep: 1 } }, logger); // ~1 s
    await until(() => lines.length >= 2);
    await stop();
    expect(lines.slice(0, 2)).toEqual([
      expect.objectContaining({ level: 50, msg: 'backup failed', err: expect.objectContaining({ message: expect.stringContaining('There is no database at') }) }),
      expect.objectContaining({ level: 50, msg: 'backup failed' }),
    ]);
    expect(fs.readdirSync(dir)).toEqual([before.name]);
  });

  it('does nothing without BACKUP_DIR or with BACKUP_INTERVAL_HOURS=0', async () => {
    const { logger, lines } = capturedLogger();
    const dir = path.join(workDir, 'off');
    await startBackupSchedule({ ...sources, backup: null }, logger)();
    await startBackupSchedule({ ...sources, backup: { dir, intervalHours: 0, keep: 2 } }, logger)();
    expect(fs.existsSync(dir)).toBe(false);
    expect(lines).toEqual([]);
  });

  it('runs in the app from its start, every interval, and stops with it', async () => {
    const own = sqliteDatabaseFile();
    const dir = path.join(path.dirname(own.env.DATABASE_PATH!), 'backups');
    const app = await startTestApp({ ...own.env, BACKUP_DIR: dir, BACKUP_INTERVAL_HOURS: '0.0004', BACKUP_KEEP: '2' }); // ~1.4 s
    try {
      await until(async () => (await completeBackups(dir)).length >= 2);
    } finally {
      await app.close();
    }
    const afterClose = fs.readdirSync(dir).sort();
    expect(afterClose.length).toBeLessThanOrEqual(2);
    expect(afterClose.every((name) => /^buurtkracht-\d{8}-\d{6}Z(-\d+)?$/.test(name))).toBe(true); // nothing half-written
    await new Promise((resolve) => setTimeout(resolve, 1_800));
    expect(fs.readdirSync(dir).sort()).toEqual(afterClose); // stopped
    own.remove();
  });
});

/**
 * Restoring a backup (modules/backup/restore.service.ts, `npm run restore`): it checks
 * every file before touching anything, refuses the database of a running server and an
 * existing database without --force, keeps what it replaces, and the app starts on what
 * it restored. The app runs on a database file with the sync worker, as npm start does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { BackupError } from '../../server/src/modules/backup/backup-manifest.js';
import { createBackup, type BackupMade } from '../../server/src/modules/backup/backup.service.js';
import { DatabaseInUseError } from '../../server/src/modules/backup/database-lock.js';
import { restoreBackup } from '../../server/src/modules/backup/restore.service.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { filesUnder, runCli, sha256Of, testPhoto, uploadPhoto } from '../support/backup.js';
import { SYNC, TestDevice } from '../support/sync-client.js';
import { sqliteDatabaseFile, graphql, startTestApp } from '../support/test-app.js';
import { sqliteOf, sqliteOnly } from '../support/test-database.js';

// Backups copy the SQLite file and the photo folder; on PostgreSQL the operator backs up
// with PostgreSQL's own tools and config.ts refuses BACKUP_DIR.
describe.skipIf(sqliteOnly('backups and restores copy the SQLite file'))('npm run restore', () => {
  const file = sqliteDatabaseFile();
  const workDir = path.dirname(file.env.DATABASE_PATH!);
  let fx: AccessFixture;
  let backup: BackupMade;
  let tallyId: string;
  let photoId: string;
  let uploader: Record<string, string>;
  let counter = 0;
  /** A target that does not exist yet. */
  const freshTarget = () => {
    const dir = path.join(workDir, `target-${++counter}`);
    return { databasePath: path.join(dir, 'buurtkracht.db'), mediaDir: path.join(dir, 'media') };
  };
  /** A copy of the good backup to damage. */
  const copyOfBackup = () => {
    const copy = path.join(workDir, `backup-copy-${++counter}`);
    fs.cpSync(backup.path, copy, { recursive: true });
    return copy;
  };

  beforeAll(async () => {
    fx = await accessFixture(file.env);
    uploader = (await fx.makeParticipant(fx.schouwA)).headers;
    photoId = uuidv7();
    expect(await uploadPhoto(fx.t.url, uploader, photoId, await testPhoto(1))).toBe(201);
    const device = new TestDevice();
    const tally = device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 6);
    tallyId = (tally.args as { id: string }).id;
    expect((await graphql(fx.t.url, SYNC, device.input([tally]), fx.headers.participant)).body.data.sync.results[0].status).toBe('APPLIED');
    backup = await createBackup(fx.t.config, path.join(workDir, 'backups'));
  });
  afterAll(async () => {
    await fx.t.close();
    file.remove();
  });

  it('restores into a fresh folder, and the app starts on it with the data and photos of the backup', async () => {
    const target = freshTarget();
    const restored = await restoreBackup(backup.path, target);
    expect(restored).toMatchObject({ previousDatabase: null, previousMedia: null });
    // The target's folder holds buurtkracht.db and media/ as the backup does, and nothing else (no WAL, no temporary copies).
    expect(filesUnder(path.dirname(target.databasePath))).toEqual(backup.manifest.files.map((f) => f.path).sort());

    const app = await startTestApp({ DATABASE_PATH: target.databasePath, MEDIA_DIR: target.mediaDir });
    try {
      expect(sqliteOf(app.app.connection).pragma('integrity_check', { simple: true })).toBe('ok');
      const row = await app.app.connection.db.selectFrom('tally_event').select('count').where('id', '=', tallyId).executeTakeFirst();
      expect(row).toEqual({ count: 6 });
      const photo = await fetch(`${app.url}/media/${photoId}?size=thumb`, { headers: uploader });
      expect(photo.status).toBe(200);
      expect(Buffer.from(await photo.arrayBuffer()).equals(fs.readFileSync(path.join(target.mediaDir, photoId.slice(0, 2), `${photoId}.thumb.jpg`)))).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('refuses a backup with one changed byte, a missing file or a damaged manifest, and touches nothing', async () => {
    const target = freshTarget();
    const damaged = async (damage: (copy: string) => void, message: string | RegExp) => {
      const copy = copyOfBackup();
      damage(copy);
      await expect(restoreBackup(copy, target, { force: true })).rejects.toThrow(message);
      expect(fs.existsSync(path.dirname(target.databasePath))).toBe(false);
    };
    const photo = backup.manifest.files.find((f) => f.path.endsWith('.display.jpg'))!.path;
    const flipByte = (file: string) => {
      const bytes = fs.readFileSync(file);
      const at = Math.floor(bytes.length / 2);
      bytes[at] = bytes[at]! ^ 0x01;
      fs.writeFileSync(file, bytes);
    };
    await damaged((copy) => flipByte(path.join(copy, photo)), `${photo} has changed (checksum differs)`);
    await damaged((copy) => flipByte(path.join(copy, 'buurtkracht.db')), 'buurtkracht.db has changed (checksum differs)');
    await damaged((copy) => fs.rmSync(path.join(copy, photo)), `${photo} is missing`);
    await damaged((copy) => fs.appendFileSync(path.join(copy, 'buurtkracht.db'), 'x'), /buurtkracht\.db has \d+ bytes instead of \d+/);
    await damaged((copy) => fs.writeFileSync(path.join(copy, 'manifest.json'), '{"format": "buurtkracht-backup",'), 'is not valid JSON');
    const editManifest = (change: (manifest: any) => void) => (copy: string) => {
      const manifest = JSON.parse(fs.readFileSync(path.join(copy, 'manifest.json'), 'utf8'));
      change(manifest);
      fs.writeFileSync(path.join(copy, 'manifest.json'), JSON.stringify(manifest));
    };
    await damaged(editManifest((m) => m.files.push({ path: 'media/../../escape.db', bytes: 0, sha256: '0'.repeat(64) })), 'is damaged (files.');
    await damaged(editManifest((m) => (m.schemaMigration = '2099_01_01_0000_from_the_future')), 'comes from a newer version of Buurtkracht');
    await damaged(editManifest((m) => (m.formatVersion = 2)), 'made by a newer version of Buurtkracht (backup format 2)');
    await damaged((copy) => fs.rmSync(path.join(copy, 'manifest.json')), 'is not a Buurtkracht backup');
  });

  // Never open the live database file with anything but SQLite in this process (no hashing
  // it): closing any descriptor of a file drops all of the process's POSIX locks on it,
  // SQLite's included, and another process would then see the database as unused.
  const fileIdentity = (file: string) => {
    const stat = fs.statSync(file);
    return { ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs };
  };

  it('refuses the database of a running server, even with --force', async () => {
    const before = fileIdentity(fx.t.config.databasePath);
    const attempt = restoreBackup(backup.path, fx.t.config, { force: true });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseInUseError);
    await expect(attempt).rejects.toThrow('is in use: stop the Buurtkracht server');
    expect(fileIdentity(fx.t.config.databasePath)).toEqual(before);
    expect(fs.readdirSync(workDir).filter((name) => name.includes('restoring') || name.includes('before-restore'))).toEqual([]);
    // The server did not notice.
    expect((await graphql(fx.t.url, '{ viewer { __typename } }', {}, fx.headers.admin)).status).toBe(200);
  });

  it('refuses to replace a database without --force; with it, keeps the replaced one beside the new one', async () => {
    const target = freshTarget();
    await restoreBackup(backup.path, target);
    // The server ran on it for a while: a table of its own makes this database recognisable.
    const app = await startTestApp({ DATABASE_PATH: target.databasePath, MEDIA_DIR: target.mediaDir });
    sqliteOf(app.app.connection).exec('CREATE TABLE written_after_restore (x)');
    await app.close();
    fs.writeFileSync(path.join(target.mediaDir, 'eigen-bestand.txt'), 'van na het terugzetten');

    const refused = restoreBackup(backup.path, target);
    await expect(refused).rejects.toBeInstanceOf(BackupError);
    await expect(refused).rejects.toThrow('Run the restore again with --force');

    const restored = await restoreBackup(backup.path, target, { force: true });
    expect(restored.previousDatabase).toMatch(/buurtkracht\.db\.before-restore-\d{8}-\d{6}Z-[0-9a-f]{4}$/);
    expect(restored.previousMedia).toMatch(/media\.before-restore-\d{8}-\d{6}Z-[0-9a-f]{4}$/);
    expect(sha256Of(target.databasePath)).toBe(backup.manifest.files.find((f) => f.path === 'buurtkracht.db')!.sha256);
    expect(filesUnder(target.mediaDir)).not.toContain('eigen-bestand.txt');
    expect(filesUnder(restored.previousMedia!)).toContain('eigen-bestand.txt');
    // The replaced database is whole on its own (its WAL was folded in), and nothing of it is left beside the new one.
    const previous = await startTestApp({ DATABASE_PATH: restored.previousDatabase!, MEDIA_DIR: restored.previousMedia! });
    expect(sqliteOf(previous.app.connection).prepare("SELECT count(*) FROM sqlite_master WHERE name = 'written_after_restore'").pluck().get()).toBe(1);
    await previous.close();
    expect(fs.existsSync(`${target.databasePath}-wal`)).toBe(false);
  });

  it('runs as `npm run restore`, in a process of its own', async () => {
    const before = fileIdentity(fx.t.config.databasePath);
    const running = await runCli('restore-cli', [backup.path, '--force'], { DATABASE_PATH: fx.t.config.databasePath, MEDIA_DIR: fx.t.config.mediaDir });
    expect(running).toMatchObject({ code: 1, stderr: expect.stringContaining('is in use: stop the Buurtkracht server') });
    expect(fileIdentity(fx.t.config.databasePath)).toEqual(before);

    const target = freshTarget();
    const env = { DATABASE_PATH: target.databasePath, MEDIA_DIR: target.mediaDir };
    const restored = await runCli('restore-cli', [backup.path], env);
    expect(restored).toMatchObject({ code: 0, stdout: expect.stringContaining('every file matched its checksum') });
    expect(restored.stderr).toContain(`Warning: personal data that people erased after ${backup.manifest.startedAt} (their own data, consent, mail) is back`);
    expect(sha256Of(target.databasePath)).toBe(backup.manifest.files.find((f) => f.path === 'buurtkracht.db')!.sha256);

    const again = await runCli('restore-cli', [backup.path], env);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('--force') });
    const usage = await runCli('restore-cli', [], env);
    expect(usage).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: npm run restore -- <backup folder> [--force]') });
  });
});

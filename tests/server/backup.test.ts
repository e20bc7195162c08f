/**
 * Making backups (modules/backup/backup.service.ts) of a running app on a database file
 * with the sync worker: what a backup folder holds and its manifest says, photos
 * uploaded while backups run, failures that must not leave a folder that looks complete,
 * and `npm run backup` in a process of its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { createBackup } from '../../server/src/modules/backup/backup.service.js';
import { completeBackups } from '../../server/src/modules/backup/backup-status.js';
import { readManifest } from '../../server/src/modules/backup/backup-manifest.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { filesUnder, runCli, sha256Of, testPhoto, uploadPhoto } from '../support/backup.js';
import { repoRoot } from '../support/server-process.js';
import { SYNC, TestDevice } from '../support/sync-client.js';
import { sqliteDatabaseFile, graphql } from '../support/test-app.js';
import { sqliteOnly } from '../support/test-database.js';

const latestMigration = () => fs.readdirSync(path.join(repoRoot, 'migrations')).filter((f) => f.endsWith('.ts')).sort().at(-1)!.replace(/\.ts$/, '');

/** The media rows of a backup's database. */
function photoIdsIn(databaseFile: string): string[] {
  const db = new SQLite(databaseFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id FROM media ORDER BY id').pluck().all() as string[];
  } finally {
    db.close();
  }
}

describe.skipIf(sqliteOnly('backups copy the SQLite file'))('npm run backup', () => {
  const file = sqliteDatabaseFile();
  const workDir = path.dirname(file.env.DATABASE_PATH!);
  const sources = { databasePath: file.env.DATABASE_PATH!, mediaDir: file.env.MEDIA_DIR! };
  let fx: AccessFixture;
  let schouwer: Record<string, string>;
  const freshDir = (name: string) => path.join(workDir, name);

  beforeAll(async () => {
    fx = await accessFixture(file.env);
    schouwer = (await fx.makeParticipant(fx.schouwA)).headers;
  });
  afterAll(async () => {
    await fx.t.close();
    file.remove();
  });

  it('writes the database and every photo, with sizes and checksums, into one dated folder', async () => {
    const photoIds = [uuidv7(), uuidv7()];
    for (const [i, id] of photoIds.entries()) expect(await uploadPhoto(fx.t.url, schouwer, id, await testPhoto(i))).toBe(201);
    const device = new TestDevice();
    const tally = device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 4);
    expect((await graphql(fx.t.url, SYNC, device.input([tally]), fx.headers.participant)).body.data.sync.results[0].status).toBe('APPLIED');
    // An upload still being written is not a photo yet.
    fs.writeFileSync(path.join(sources.mediaDir, 'half-written.display.jpg.123.abcd.tmp'), 'partial');

    const dir = freshDir('backups-content');
    const made = await createBackup(sources, dir, { now: new Date('2027-04-01T09:08:07.654Z') });

    expect(made.name).toBe('buurtkracht-20270401-090807Z');
    expect(fs.readdirSync(dir)).toEqual([made.name]); // no temporary folder left behind
    const photoFiles = filesUnder(sources.mediaDir).filter((f) => !f.endsWith('.tmp'));
    expect(photoFiles.length).toBeGreaterThanOrEqual(4);
    expect(filesUnder(made.path)).toEqual(['buurtkracht.db', 'manifest.json', ...photoFiles.map((f) => `media/${f}`)].sort());

    const manifest = await readManifest(made.path);
    expect(manifest).toMatchObject({ format: 'buurtkracht-backup', formatVersion: 1, startedAt: '2027-04-01T09:08:07.654Z', appVersion: '0.1.0', schemaMigration: latestMigration(), missingPhotos: [] });
    expect(manifest.files.map((f) => f.path)).toEqual(filesUnder(made.path).filter((f) => f !== 'manifest.json'));
    for (const entry of manifest.files) {
      const inBackup = path.join(made.path, entry.path);
      expect(entry.bytes).toBe(fs.statSync(inBackup).size);
      expect(entry.sha256).toBe(sha256Of(inBackup));
      if (entry.path.startsWith('media/')) expect(entry.sha256).toBe(sha256Of(path.join(sources.mediaDir, entry.path.slice('media/'.length))));
    }

    // The database stands alone (no WAL beside it), is whole, and holds what was acknowledged.
    const copy = new SQLite(path.join(made.path, 'buurtkracht.db'), { readonly: true });
    try {
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.prepare('SELECT count FROM tally_event WHERE id = ?').pluck().get((tally.args as { id: string }).id)).toBe(4);
      expect(copy.prepare('SELECT count(*) FROM media WHERE id IN (?, ?)').pluck().get(...photoIds)).toBe(2);
    } finally {
      copy.close();
    }

    // A second backup in the same second gets a name of its own.
    const again = await createBackup(sources, dir, { now: new Date('2027-04-01T09:08:07.900Z') });
    expect(again.name).toBe('buurtkracht-20270401-090807Z-2');
    expect((await completeBackups(dir)).map((b) => b.name)).toEqual([again.name, made.name]);
  });

  it('has every photo its database names, while photos are being uploaded', async () => {
    const dir = freshDir('backups-during-uploads');
    let uploading = true;
    const uploads = (async () => {
      for (let i = 0; i < 12; i++) expect(await uploadPhoto(fx.t.url, schouwer, uuidv7(), await testPhoto(100 + i))).toBe(201);
      uploading = false;
    })();
    const made = [];
    while (uploading) made.push(await createBackup(sources, dir));
    await uploads;
    made.push(await createBackup(sources, dir));

    expect(made.length).toBeGreaterThan(1);
    const counts = new Set<number>();
    for (const backup of made) {
      const inBackup = new Set(backup.manifest.files.map((f) => f.path));
      const ids = photoIdsIn(path.join(backup.path, 'buurtkracht.db'));
      counts.add(ids.length);
      for (const id of ids) {
        expect(inBackup).toContain(`media/${id.slice(0, 2)}/${id}.display.jpg`);
        expect(inBackup).toContain(`media/${id.slice(0, 2)}/${id}.thumb.jpg`);
      }
      expect(backup.manifest.missingPhotos).toEqual([]);
    }
    // The backups did run between uploads, not only before or after them.
    expect(counts.size).toBeGreaterThan(1);
  });

  it('names the photos its database has but MEDIA_DIR lacks, instead of failing', async () => {
    const id = uuidv7();
    expect(await uploadPhoto(fx.t.url, schouwer, id, await testPhoto(7))).toBe(201);
    fs.rmSync(path.join(sources.mediaDir, id.slice(0, 2), `${id}.thumb.jpg`));
    const made = await createBackup(sources, freshDir('backups-missing'));
    expect(made.manifest.missingPhotos).toEqual([id]);
  });

  it('leaves nothing that looks like a backup when it fails or is stopped halfway', async () => {
    const dir = freshDir('backups-failing');
    await expect(createBackup({ ...sources, databasePath: path.join(workDir, 'nothing-here.db') }, dir)).rejects.toThrow('There is no database at');
    await expect(createBackup(sources, path.join(sources.mediaDir, 'backups'))).rejects.toThrow('is inside MEDIA_DIR');
    expect(fs.existsSync(path.join(sources.mediaDir, 'backups'))).toBe(false);
    // Stopped (the server shuts down) after the database and the first photos were copied.
    let checks = 0;
    const stopsHalfway = { throwIfAborted: () => { if (++checks > 3) throw new Error('stopped halfway'); } } as AbortSignal;
    await expect(createBackup(sources, dir, { signal: stopsHalfway })).rejects.toThrow('stopped halfway');
    expect(checks).toBe(4);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(await completeBackups(dir)).toEqual([]);
  });

  it('runs as `npm run backup` beside the running server, into BACKUP_DIR or a folder given', async () => {
    const dir = freshDir('backups-cli');
    const env = { DATABASE_PATH: sources.databasePath, MEDIA_DIR: sources.mediaDir, BACKUP_DIR: dir };
    const intoBackupDir = await runCli('backup-cli', [], env);
    expect(intoBackupDir.stderr).toContain('photo(s) the database names were missing'); // the one removed above
    expect(intoBackupDir).toMatchObject({ code: 0, stdout: expect.stringContaining(`Backup written to ${dir}${path.sep}buurtkracht-`) });
    const [made] = await completeBackups(dir);
    expect((await readManifest(made!.path)).schemaMigration).toBe(latestMigration());

    const elsewhere = freshDir('backups-cli-elsewhere');
    const named = await runCli('backup-cli', [elsewhere], { DATABASE_PATH: sources.databasePath, MEDIA_DIR: sources.mediaDir });
    expect(named.code).toBe(0);
    expect(await completeBackups(elsewhere)).toHaveLength(1);

    const nowhere = await runCli('backup-cli', [], { DATABASE_PATH: sources.databasePath });
    expect(nowhere).toMatchObject({ code: 2, stderr: expect.stringContaining('Set BACKUP_DIR or name a folder') });
  });
});

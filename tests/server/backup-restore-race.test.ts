/**
 * A server that starts while a restore runs (modules/backup/restore.service.ts,
 * database-lock.ts, db/connect.ts): it must end up on the restored database or not start,
 * never on the file the restore replaced, whose WAL SQLite would name after the path and
 * later replay into the restored database. Also what the restore does when it cannot tell
 * whether the database is in use. The servers run as `npm start` does, in processes of
 * their own: one waiting on SQLite's lock would otherwise stop this test's process too.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup, type BackupMade } from '../../server/src/modules/backup/backup.service.js';
import { restoreBackup } from '../../server/src/modules/backup/restore.service.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { freePort, spawnServer, type SpawnResult } from '../support/server-process.js';
import { SYNC, TestDevice } from '../support/sync-client.js';
import { sqliteDatabaseFile, graphql, startTestApp } from '../support/test-app.js';
import { sqliteOf, sqliteOnly } from '../support/test-database.js';

/** Whether the process has `file` open (Linux: its descriptors under /proc). */
function hasOpen(pid: number, file: string): boolean {
  return fs.readdirSync(`/proc/${pid}/fd`).some((fd) => {
    try {
      return fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === file;
    } catch {
      return false; // closed in the meantime
    }
  });
}

async function waitFor(what: string, done: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function tallyCount(databasePath: string, id: string): number | undefined {
  const db = new SQLite(databasePath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT count FROM tally_event WHERE id = ?').pluck().get(id) as number | undefined;
  } finally {
    db.close();
  }
}

describe.skipIf(sqliteOnly('a restore swaps the SQLite file'))('a server started during a restore', () => {
  const file = sqliteDatabaseFile();
  const workDir = path.dirname(file.env.DATABASE_PATH!);
  let fx: AccessFixture;
  let backup: BackupMade;
  let counter = 0;
  const freshTarget = () => {
    const dir = path.join(workDir, `target-${++counter}`);
    return { databasePath: path.join(dir, 'buurtkracht.db'), mediaDir: path.join(dir, 'media') };
  };

  beforeAll(async () => {
    fx = await accessFixture(file.env);
    backup = await createBackup(fx.t.config, path.join(workDir, 'backups'));
  });
  afterAll(async () => {
    await fx.t.close();
    file.remove();
  });

  for (const existing of [true, false]) {
    it(`runs on the restored database, never on the one it replaced (${existing ? 'a database was there' : 'no database yet'})`, async () => {
      const target = freshTarget();
      if (existing) {
        // The database being replaced has a table of its own, to tell it apart.
        const old = await startTestApp({ DATABASE_PATH: target.databasePath, MEDIA_DIR: target.mediaDir });
        sqliteOf(old.app.connection).exec('CREATE TABLE replaced_database (x)');
        await old.close();
      }
      const port = await freePort();
      let server: SpawnResult | null = null;
      try {
        const restored = await restoreBackup(backup.path, target, {
          force: true,
          // The server opens the database while the restore holds its lock, and waits.
          beforeSwap: async () => {
            server = spawnServer({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), DATABASE_PATH: target.databasePath, MEDIA_DIR: target.mediaDir });
            const pid = server.child.pid!;
            await waitFor('the server to open the database', () => server!.child.exitCode !== null || hasOpen(pid, target.databasePath));
            await new Promise((resolve) => setTimeout(resolve, 300));
          },
        });
        const started = server as SpawnResult | null;
        if (!started) throw new Error('the restore never reached its swap');
        await waitFor('the server to listen or exit', () => started.output().includes('Server listening at') || started.child.exitCode !== null);
        expect(started.output()).toContain('Server listening at');
        // Every descriptor the server holds on a database is the restored file's path.
        const opened = fs.readdirSync(`/proc/${started.child.pid}/fd`).map((fd) => fs.readlinkSync(`/proc/${started.child.pid}/fd/${fd}`, { encoding: 'utf8' }));
        expect(opened.filter((link) => link.includes('buurtkracht.db')).every((link) => [target.databasePath, `${target.databasePath}-wal`, `${target.databasePath}-shm`].includes(link))).toBe(true);

        // What the server acknowledges lands in the restored database.
        const device = new TestDevice();
        const tally = device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 3);
        const answer = await graphql(`http://127.0.0.1:${port}`, SYNC, device.input([tally]), fx.headers.participant);
        expect(answer.body.data.sync.results[0].status).toBe('APPLIED');
        started.child.kill('SIGTERM');
        await started.exited;
        server = null;
        const id = (tally.args as { id: string }).id;
        expect(tallyCount(target.databasePath, id)).toBe(3);
        if (existing) {
          expect(tallyCount(restored.previousDatabase!, id)).toBeUndefined();
          const previous = new SQLite(restored.previousDatabase!, { readonly: true });
          expect(previous.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'replaced_database'").pluck().get()).toBe(1);
          previous.close();
        } else {
          expect(restored.previousDatabase).toBeNull();
        }
      } finally {
        (server as SpawnResult | null)?.child.kill('SIGKILL');
      }
    });
  }

  it('removes its empty stand-in again when it refuses a folder without a database', async () => {
    const target = freshTarget();
    fs.mkdirSync(target.mediaDir, { recursive: true });
    fs.writeFileSync(path.join(target.mediaDir, 'foto.jpg'), 'x');
    await expect(restoreBackup(backup.path, target)).rejects.toThrow(`There is already photos in ${target.mediaDir}`);
    expect(fs.readdirSync(path.dirname(target.databasePath)).sort()).toEqual(['media']);
  });

  it('refuses when it cannot tell whether the database is in use, and goes ahead over a file that is no database', async () => {
    const target = freshTarget();
    // A folder where the database should be: SQLite cannot open it (SQLITE_CANTOPEN).
    fs.mkdirSync(target.databasePath, { recursive: true });
    const refused = restoreBackup(backup.path, target, { force: true });
    await expect(refused).rejects.toThrow(`Cannot check whether the database ${target.databasePath} is in use (SQLITE_CANTOPEN`);
    expect(fs.statSync(target.databasePath).isDirectory()).toBe(true);
    expect(fs.readdirSync(path.dirname(target.databasePath))).toEqual(['buurtkracht.db']);

    const other = freshTarget();
    fs.mkdirSync(path.dirname(other.databasePath), { recursive: true });
    fs.writeFileSync(other.databasePath, 'Dit is geen database, maar een tekstbestand dat lang genoeg is voor een kop.');
    const restored = await restoreBackup(backup.path, other, { force: true });
    expect(fs.readFileSync(restored.previousDatabase!, 'utf8')).toContain('geen database');
  });
});

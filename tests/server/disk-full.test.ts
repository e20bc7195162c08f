/**
 * A full disk, on a database file as in production. SQLite rolls a transaction back by
 * itself when a write fails with SQLITE_FULL; the error that reaches the log must still be
 * that one (not "cannot rollback - no transaction is active"), also through the sync
 * path's savepoints. A photo write that fails leaves no partial *.tmp file behind, and the
 * WAL file is bounded.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import sharp from 'sharp';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type SqliteConnection } from '../../server/src/db/connect.js';
import { createLogger } from '../../server/src/logger.js';
import { syncTogether } from '../../server/src/modules/sync/sync.service.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { TestDevice } from '../support/sync-client.js';
import { databaseFile } from '../support/test-app.js';
import { sqliteOnly } from '../support/test-database.js';

const FULL = { code: 'SQLITE_FULL' };

/** Lets the database grow by only a few pages from now on, on this connection. */
function almostFull(connection: SqliteConnection): void {
  const pages = connection.sqlite.pragma('page_count', { simple: true }) as number;
  connection.sqlite.pragma(`max_page_count = ${pages + 2}`);
}

// PostgreSQL's own handling of a full disk is the server's; what is tested here is how this
// app survives SQLite's (SQLITE_FULL ends the transaction by itself, see immediate-transactions.ts).
describe.skipIf(sqliteOnly('SQLite rolls back by itself on a full disk'))('a full disk', () => {
  const file = databaseFile();
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture(file.env);
  });
  afterAll(async () => {
    await fx?.t.close();
    file.remove();
  });

  it('surfaces SQLITE_FULL from a transaction, not the failed rollback after it', async () => {
    const connection = openDatabase(file.env.DATABASE_PATH!, { reader: false });
    try {
      await sql`create table filler (x text)`.execute(connection.db);
      almostFull(connection);
      const attempt = connection.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 200; i++) await sql`insert into filler (x) values (${'x'.repeat(2000)})`.execute(trx);
      });
      await expect(attempt).rejects.toMatchObject(FULL);
      // The connection is usable again afterwards.
      connection.sqlite.pragma('max_page_count = 1073741823');
      await connection.db.transaction().execute((trx) => sql`insert into filler (x) values ('ok')`.execute(trx));
      expect((await sql<{ n: number }>`select count(*) as n from filler`.execute(connection.db)).rows[0]!.n).toBe(1);
    } finally {
      await connection.db.destroy();
    }
  });

  it('surfaces SQLITE_FULL from a sync batch in the worker (entry and batch savepoints), so the log names it', async () => {
    // The worker's own write connection on the same file, as sync-worker.ts opens it.
    const worker = openDatabase(file.env.DATABASE_PATH!, { reader: false });
    try {
      almostFull(worker);
      const device = new TestDevice();
      const findings = Array.from({ length: 40 }, () => device.entry('recordFinding', { id: uuidv7(), campaignId: fx.schouwA.id, category: 'HEEL', streetId: fx.streetA, text: 'Losse tegels '.repeat(150) }));
      const batch = { viewer: fx.asViewer('coordinator'), input: device.input(findings, null, fx.schouwA.id).input, logger: createLogger({ logLevel: 'silent' }), now: new Date() };
      await expect(syncTogether(worker.db, [batch])).rejects.toMatchObject(FULL);
    } finally {
      await worker.db.destroy();
    }
  });

  it('keeps the WAL file bounded', () => {
    const { sqlite } = openDatabase(file.env.DATABASE_PATH!, { reader: false });
    try {
      const limit = sqlite.pragma('journal_size_limit', { simple: true }) as number;
      expect(limit).toBeGreaterThan(0);
      expect(limit).toBeLessThanOrEqual(64 * 1024 * 1024);
    } finally {
      sqlite.close();
    }
  });

  it('removes the partial *.tmp file when a photo cannot be written', async () => {
    const headers = (await fx.makeParticipant(fx.schouwA)).headers;
    const bytes = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 90, g: 120, b: 80 } } }).jpeg().toBuffer();
    const realWriteFile = fsp.writeFile;
    // The disk fills up halfway through writing the re-encoded photo.
    const spy = vi.spyOn(fsp, 'writeFile').mockImplementation(async (target, data) => {
      await realWriteFile(target, (data as Buffer).subarray(0, 100));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    try {
      const response = await fetch(`${fx.t.url}/media/${uuidv7()}`, {
        method: 'PUT',
        headers: { 'content-type': 'image/jpeg', sha256: createHash('sha256').update(bytes).digest('hex'), ...headers },
        body: new Uint8Array(bytes),
      });
      expect(response.status).toBe(500);
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
    const mediaDir = file.env.MEDIA_DIR!;
    const leftovers = fs.existsSync(mediaDir) ? fs.readdirSync(mediaDir, { recursive: true }).map(String).filter((name) => name.endsWith('.tmp')) : [];
    expect(leftovers.map((name) => path.basename(name))).toEqual([]);
  });
});

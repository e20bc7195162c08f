/**
 * Issue 18's backup test, end to end: phones (the real sync engine on fake-indexeddb)
 * keep counting and syncing against the real server (database file, sync worker) while
 * `npm run backup`'s service takes a backup. The server is then lost; the backup is
 * restored into a fresh folder and the app started on it. The restored database is whole,
 * holds every entry acknowledged before the backup started, and no batch in part; once
 * the phones sync again, the server holds exactly what they recorded, each entry once.
 */
import 'fake-indexeddb/auto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase, type Db } from '$lib/offline/idb';
import { recordLocally } from '$lib/offline/outbox';
import { SyncEngine } from '$lib/offline/sync';
import { localLocks } from '$lib/offline/sync-locks';
import { SyncStatus } from '$lib/offline/sync-status.svelte';
import { createHttpTransport, type Transport } from '$lib/offline/transport';
import { createBackup } from '../../../server/src/modules/backup/backup.service.js';
import { restoreBackup } from '../../../server/src/modules/backup/restore.service.js';
import { accessFixture, type AccessFixture } from '../../support/access-fixtures.js';
import { databaseFile, graphql, startTestApp, type TestApp } from '../../support/test-app.js';
import { sqliteOf } from '../../support/test-database.js';

describe('a backup taken under sync load, restored into a fresh folder', () => {
  const file = databaseFile();
  const workDir = path.dirname(file.env.DATABASE_PATH!);
  let fx: AccessFixture;
  let app: TestApp;

  beforeAll(async () => {
    fx = await accessFixture(file.env);
    app = fx.t;
  });
  afterAll(async () => {
    await app.close();
    file.remove();
  });

  /**
   * Which came first, an acknowledgement or the backup's start: a counter, not the clock.
   * A batch acknowledged in the same millisecond as the backup started would otherwise
   * count as after it (this made the test fail once in CI with 17 entries instead of 20).
   */
  let ticks = 0;
  const tick = () => ++ticks;

  /**
   * A phone with its own database, sync engine and lock (phones do not share a lock), on
   * whichever server is current. It remembers what it recorded, in order, and when the
   * server acknowledged each entry (APPLIED or DUPLICATE in an answer it received).
   */
  async function phone(name: string, token: string) {
    const db: Db = await openDatabase(`backup-${name}-${uuidv7()}`);
    const recorded: { id: string; count: number }[] = [];
    const acknowledgedAt = new Map<string, number>();
    const http = () => createHttpTransport({ baseUrl: app.url, token: () => token });
    const transport: Transport = {
      async sync(request) {
        const response = await http().sync(request);
        const now = tick();
        const acknowledged = new Set([...response.appliedSeqs, ...response.otherResults.filter((r) => r.status !== 'REJECTED').map((r) => r.seq)]);
        for (const entry of request.mutations) {
          const id = (entry.args as { id: string }).id;
          if (acknowledged.has(entry.seq) && !acknowledgedAt.has(id)) acknowledgedAt.set(id, now);
        }
        return response;
      },
      uploadPhoto: (...args) => http().uploadPhoto(...args),
    };
    const engine = new SyncEngine({ db, transport, status: new SyncStatus(), random: () => 0, locks: localLocks() });
    const tally = async (count: number) => {
      const id = uuidv7();
      await recordLocally(db, { name: 'recordTallyEvent', args: { id, campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: fx.streetA, unitCode: 'TEGEL_30X30', count } });
      recorded.push({ id, count });
    };
    return { db, engine, recorded, acknowledgedAt, tally };
  }

  const idsOnServer = async () => (await app.app.connection.db.selectFrom('tally_event').select('id').where('campaign_id', '=', fx.campaignA.id).execute()).map((r) => r.id);
  const totalArea = async () =>
    (await graphql(app.url, 'query($id: ID!) { tallyDashboard(campaignId: $id) { total { areaCm2 } } }', { id: fx.campaignA.id }, fx.headers.coordinator)).body.data.tallyDashboard.total.areaCm2 as number;
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
  };

  it('keeps everything acknowledged before the backup, and the phones restore the rest exactly once', async () => {
    const phones = await Promise.all(['anna', 'bram', 'cor'].map(async (name) => phone(name, (await fx.makeParticipant(fx.campaignA)).token)));
    // A phone that synced before the backup and has nothing new afterwards.
    const quiet = await phone('dirk', (await fx.makeParticipant(fx.campaignA)).token);
    await quiet.tally(2);
    await quiet.tally(3);
    expect(await quiet.engine.syncNow()).toBe('done');
    const areaBefore = (await totalArea()) - 5 * 900;

    // The load: each phone records a few tiles and syncs, over and over.
    let loading = true;
    const load = phones.map(async (p, i) => {
      for (let n = 0; loading; n++) {
        for (let k = 0; k < 3; k++) await p.tally(1 + ((n + k + i) % 4));
        expect(await p.engine.syncNow()).toBe('done');
      }
    });
    await until(() => phones.every((p) => p.acknowledgedAt.size >= 6));

    const backupStarted = tick();
    const backup = await createBackup(app.config, path.join(workDir, 'backups'));
    const backupDone = tick();
    // Phones go on syncing after the backup: this is what the restored server will lack.
    await until(() => phones.every((p) => [...p.acknowledgedAt.values()].filter((at) => at > backupDone).length >= 6));
    loading = false;
    await Promise.all(load);
    for (const p of phones) expect(p.acknowledgedAt.size).toBe(p.recorded.length);

    // The server's disk is lost: restore into a fresh folder and start the app on it.
    await app.close();
    const fresh = path.join(workDir, 'restored');
    await restoreBackup(backup.path, { databasePath: path.join(fresh, 'buurtkracht.db'), mediaDir: path.join(fresh, 'media') });
    app = await startTestApp({ DATABASE_PATH: path.join(fresh, 'buurtkracht.db'), MEDIA_DIR: path.join(fresh, 'media') });
    expect(sqliteOf(app.app.connection).pragma('integrity_check', { simple: true })).toBe('ok');

    const restored = new Set(await idsOnServer());
    const everyone = [quiet, ...phones];
    const acknowledgedBefore = everyone.flatMap((p) => [...p.acknowledgedAt].filter(([, at]) => at < backupStarted).map(([id]) => id));
    expect(acknowledgedBefore.length).toBeGreaterThanOrEqual(20);
    expect(acknowledgedBefore.filter((id) => !restored.has(id))).toEqual([]);
    // A phone's entries are applied in order, batch by batch: the restored ones are a beginning of them.
    for (const p of everyone) {
      const ids = p.recorded.map((r) => r.id);
      const kept = ids.filter((id) => restored.has(id)).length;
      expect(ids.slice(0, kept).every((id) => restored.has(id))).toBe(true);
      expect(ids.slice(kept).some((id) => restored.has(id))).toBe(false);
    }
    const lost = everyone.flatMap((p) => p.recorded.filter((r) => !restored.has(r.id)));
    expect(lost.length).toBeGreaterThanOrEqual(18);

    // The phones sync again: what the restored server lacks comes back, nothing twice.
    for (const p of everyone) expect(await p.engine.syncNow()).toBe('done');
    for (const p of everyone) expect(await p.engine.syncNow()).toBe('done');
    const recorded = everyone.flatMap((p) => p.recorded);
    const onServer = await idsOnServer();
    expect(onServer.length).toBe(new Set(onServer).size);
    expect(onServer.sort()).toEqual(recorded.map((r) => r.id).sort());
    expect(await totalArea()).toBe(areaBefore + recorded.reduce((sum, r) => sum + r.count, 0) * 900);
    for (const p of everyone) {
      expect(await p.db.count('outbox')).toBe(0);
      p.engine.dispose();
      p.db.close();
    }
  });
});

/**
 * The restore promise, end to end: the sync engine on phones (fake-indexeddb) against the
 * real server on a database file. The server is backed up, phones sync more, the server
 * is restored from the backup; after the phones sync again every entry the server had
 * confirmed is there exactly once, a refused entry is still waiting for its person, and
 * no phone loops or leaves a trail of devices behind.
 */
import 'fake-indexeddb/auto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase, type Db } from '$lib/offline/idb';
import { recordLocally } from '$lib/offline/outbox';
import { SyncEngine } from '$lib/offline/sync';
import { SyncStatus } from '$lib/offline/sync-status.svelte';
import { createHttpTransport, type Transport } from '$lib/offline/transport';
import { accessFixture, type AccessFixture } from '../../support/access-fixtures.js';
import { backUp, restoreAndRestart } from '../../support/backup.js';
import { databaseFile, graphql, type TestApp } from '../../support/test-app.js';

describe('sync engine across a server restore', () => {
  const file = databaseFile();
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

  /** A phone: its own database, a token, and a count of the sync calls it makes. */
  async function phone(name: string, token: string) {
    const db: Db = await openDatabase(`restore-${name}-${uuidv7()}`);
    const status = new SyncStatus();
    const http = () => createHttpTransport({ baseUrl: app.url, token: () => token });
    const counted = { calls: 0 };
    const transport: Transport = {
      sync: (request) => (counted.calls++, http().sync(request)),
      uploadPhoto: (...args) => http().uploadPhoto(...args),
    };
    const engine = new SyncEngine({ db, transport, status, random: () => 0 });
    const tally = async (count: number, actionDayId = fx.dayA) => {
      const id = uuidv7();
      await recordLocally(db, { name: 'recordTallyEvent', args: { id, campaignId: fx.campaignA.id, actionDayId, streetId: fx.streetA, unitCode: 'TEGEL_30X30', count } });
      return id;
    };
    return { db, status, engine, counted, tally };
  }

  const onServer = async (ids: string[]) => {
    const rows = await app.app.connection.db.selectFrom('tally_event').select('id').where('id', 'in', ids).execute();
    return rows.map((r) => r.id).sort();
  };

  it('loses nothing the server confirmed and counts nothing twice after a restore, without looping', async () => {
    const annaToken = (await fx.makeParticipant(fx.campaignA)).token;
    const bramToken = (await fx.makeParticipant(fx.campaignA)).token;
    const anna = await phone('anna', annaToken);
    const bram = await phone('bram', bramToken);

    const beforeBackup = [await anna.tally(1), await anna.tally(2), await anna.tally(3)];
    expect(await anna.engine.syncNow()).toBe('done');

    const backup = path.join(path.dirname(file.env.DATABASE_PATH!), 'backup.db');
    await backUp(file.env.DATABASE_PATH!, backup);

    // After the backup: Anna counts more (one entry is refused: a day that does not exist),
    // and Bram syncs for the first time. The server confirms all of it.
    const annaAfter = [await anna.tally(4), await anna.tally(5)];
    await anna.tally(1, 'geen-dag');
    annaAfter.push(await anna.tally(6));
    const bramAfter = [await bram.tally(7), await bram.tally(8)];
    expect(await anna.engine.syncNow()).toBe('done');
    expect(await bram.engine.syncNow()).toBe('done');
    expect(await anna.db.count('outbox')).toBe(1); // the refused one, for Anna to decide
    expect(await bram.db.count('outbox')).toBe(0);
    expect(await onServer([...beforeBackup, ...annaAfter, ...bramAfter])).toHaveLength(8);

    app = await restoreAndRestart(app, file.env, backup);
    expect(await onServer([...annaAfter, ...bramAfter])).toEqual([]); // the server forgot them

    // Anna has a new entry waiting; Bram has nothing to send at all.
    annaAfter.push(await anna.tally(9));
    anna.counted.calls = 0;
    bram.counted.calls = 0;
    expect(await anna.engine.syncNow()).toBe('done');
    expect(await bram.engine.syncNow()).toBe('done');

    const everything = [...beforeBackup, ...annaAfter, ...bramAfter];
    expect(await onServer(everything)).toEqual([...everything].sort());
    // The totals (rollups) agree: 1+2+…+9 tiles of 30×30, once each.
    const dashboard = await graphql(app.url, 'query($id: ID!) { tallyDashboard(campaignId: $id) { total { areaCm2 } } }', { id: fx.campaignA.id }, fx.headers.coordinator);
    expect(dashboard.body.data.tallyDashboard.total.areaCm2).toBe(45 * 900);

    // Nothing looped: a handful of calls each, and the refused entry still waits for Anna.
    expect(anna.counted.calls).toBeLessThan(6);
    expect(bram.counted.calls).toBeLessThan(6);
    await anna.status.refresh(anna.db);
    expect(anna.status.attention.map((e) => e.rejection?.code)).toEqual(['BAD_USER_INPUT']);
    expect(anna.status.pending).toBe(0);
    expect(await bram.db.count('outbox')).toBe(0);

    // Each phone left at most one device behind for the restore, and a next round is quiet.
    const devices = await app.app.connection.db.selectFrom('sync_device').select('id').where('campaign_id', '=', fx.campaignA.id).execute();
    expect(devices.length).toBeLessThanOrEqual(4);
    anna.counted.calls = 0;
    expect(await anna.engine.syncNow()).toBe('done');
    expect(anna.counted.calls).toBe(1);
    expect(await onServer(everything)).toHaveLength(everything.length);

    for (const p of [anna, bram]) {
      p.engine.dispose();
      p.db.close();
    }
  });
});

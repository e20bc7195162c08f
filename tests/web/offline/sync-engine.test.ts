/**
 * The client sync engine (fake-indexeddb) against the real server over HTTP: it drains
 * the outbox by itself after a failure, keeps refused entries for the person, uploads
 * photos before their finding and deletes bytes only after the server confirmed the
 * hash, upcasts old entries, survives a 401 without losing anything, and lets only one
 * tab sync at a time.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import sharp from 'sharp';
import { openDatabase, type Db } from '$lib/offline/idb';
import { recordLocally, retryRejected, storePhoto } from '$lib/offline/outbox';
import { MAX_BACKOFF_MS, SyncEngine, UNEXPECTED_FAILURE } from '$lib/offline/sync';
import { localLocks, type LockLike } from '$lib/offline/sync-locks';
import { SyncStatus } from '$lib/offline/sync-status.svelte';
import { createHttpTransport, SyncError, type Transport } from '$lib/offline/transport';
import { accessFixture, type AccessFixture } from '../../support/access-fixtures.js';

let counter = 0;
async function freshDb(): Promise<Db> {
  return openDatabase(`sync-engine-${++counter}-${Date.now()}`);
}

const until = async (condition: () => Promise<boolean>, timeoutMs = 8000) => {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('sync engine', () => {
  let fx: AccessFixture;
  let token: string;
  const transportFor = (t = () => token): Transport => createHttpTransport({ baseUrl: fx.t.url, token: t });
  const tally = (count: number, extra: Record<string, unknown> = {}) => ({
    name: 'recordTallyEvent',
    args: { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: fx.streetA, unitCode: 'TEGEL_30X30', count, ...extra },
  });
  const serverHas = async (ids: string[]) => (await fx.t.app.connection.db.selectFrom('tally_event').select('id').where('id', 'in', ids).execute()).length;

  beforeAll(async () => {
    fx = await accessFixture();
  });
  afterAll(() => fx.t.close());
  const newParticipant = async () => {
    token = (await fx.makeParticipant(fx.campaignA)).token;
  };

  it('sends the outbox, keeps answers and server time, and shows nothing pending afterwards', async () => {
    await newParticipant();
    const db = await freshDb();
    const status = new SyncStatus();
    const writes = [tally(1), tally(2), tally(3)];
    for (const write of writes) await recordLocally(db, write);
    await status.refresh(db);
    expect(status.pendingTally).toBe(3);
    const engine = new SyncEngine({ db, transport: transportFor(), status });
    expect(await engine.syncNow()).toBe('done');
    expect(await db.count('outbox')).toBe(0);
    expect(await db.count('confirmed')).toBe(3);
    expect(status.pending).toBe(0);
    expect(Date.parse(status.lastConfirmedSync!)).toBeGreaterThan(Date.now() - 60_000);
    expect(await serverHas(writes.map((w) => w.args.id))).toBe(3);
    expect((await db.getAllFromIndex('server', 'byType', 'TALLY_TOTALS')).length).toBe(1);
    db.close();
  });

  it('shows an unexpected failure (an aborted IndexedDB transaction, say) in Dutch, never the raw error', async () => {
    await newParticipant();
    const db = await freshDb();
    const status = new SyncStatus();
    const real = transportFor();
    const aborting: Transport = {
      uploadPhoto: real.uploadPhoto,
      sync: async () => {
        throw new DOMException('The transaction was aborted, so the request cannot be fulfilled.', 'AbortError');
      },
    };
    await recordLocally(db, tally(1));
    const engine = new SyncEngine({ db, transport: aborting, status, random: () => 0 });
    expect(await engine.syncNow()).toBe('failed');
    expect(status.lastError).toBe(UNEXPECTED_FAILURE);
    expect(await db.count('outbox')).toBe(1);
    engine.dispose();
    db.close();
  });

  it('drains the queue by itself after one 503, with no user activity', async () => {
    await newParticipant();
    const db = await freshDb();
    const status = new SyncStatus();
    const real = transportFor();
    let calls = 0;
    const flaky: Transport = {
      uploadPhoto: real.uploadPhoto,
      sync: async (request) => {
        if (++calls === 1) throw new SyncError('RETRY', 'De server antwoordde 503.', 503);
        return real.sync(request);
      },
    };
    const write = tally(5);
    await recordLocally(db, write);
    const engine = new SyncEngine({ db, transport: flaky, status, random: () => 0 });
    expect(await engine.syncNow()).toBe('failed');
    expect(status.lastError).toMatch(/503/);
    await until(async () => (await db.count('outbox')) === 0);
    expect(await serverHas([write.args.id as string])).toBe(1);
    // Let the round that drained the queue finish before the database closes.
    await engine.syncNow();
    engine.dispose();
    db.close();
  });

  it('keeps a refused entry for the person with the Dutch reason, sends the rest, and can retry it', async () => {
    await newParticipant();
    const db = await freshDb();
    const status = new SyncStatus();
    const bad = tally(1, { actionDayId: 'geen-dag' });
    const good = tally(2);
    await recordLocally(db, bad);
    await recordLocally(db, good);
    await new SyncEngine({ db, transport: transportFor(), status }).syncNow();
    expect(status.attention).toHaveLength(1);
    expect(status.attention[0]!.rejection).toEqual({ code: 'BAD_USER_INPUT', message: 'Deze actiedag hoort niet bij deze actie.' });
    expect(await serverHas([good.args.id as string])).toBe(1);
    // Fixed on the device and retried: it goes through.
    const rejected = status.attention[0]!;
    await db.put('outbox', { ...rejected, args: { ...rejected.args, actionDayId: fx.dayA } });
    await retryRejected(db, rejected.mutationId);
    await new SyncEngine({ db, transport: transportFor(), status }).syncNow();
    expect(status.attention).toHaveLength(0);
    expect(await serverHas([bad.args.id as string])).toBe(1);
    db.close();
  });

  it('recovers from a seq gap by starting over as a new device, without counting anything twice', async () => {
    await newParticipant();
    const db = await freshDb();
    const status = new SyncStatus();
    const writes = [tally(1), tally(2), tally(3)];
    for (const write of writes) await recordLocally(db, write);
    await new SyncEngine({ db, transport: transportFor(), status }).syncNow();
    // The device lost entry 4 (say, storage trouble) but kept 5 and 6: the server expects 4.
    const more = [tally(4), tally(5), tally(6)];
    for (const write of more) await recordLocally(db, write);
    await db.delete('outbox', (await db.getAll('outbox')).find((e) => e.seq === 4)!.mutationId);
    expect(await new SyncEngine({ db, transport: transportFor(), status }).syncNow()).toBe('done');
    expect(await db.count('outbox')).toBe(0);
    expect(await serverHas([...writes, ...more].map((w) => w.args.id as string))).toBe(5);
    db.close();
  });

  it('sends an entry stored in an old format, upcast, and the server accepts it', async () => {
    await newParticipant();
    const db = await freshDb();
    const status = new SyncStatus();
    const id = uuidv7();
    // As the first app build stored it, before the update.
    await db.put('outbox', { seq: 1, mutationId: uuidv7(), name: 'recordTallyEvent', args: { id, campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: fx.streetA, sizeCode: 'TEGEL_40X40', pieces: 3 }, clientTime: new Date().toISOString(), formatVersion: 1, state: 'PENDING', photoIds: [], createdAt: new Date().toISOString(), membership: '' });
    await db.put('meta', { key: 'nextSeq', value: 2 });
    await new SyncEngine({ db, transport: transportFor(), status }).syncNow();
    expect(await db.count('outbox')).toBe(0);
    const stored = await fx.t.app.connection.db.selectFrom('tally_event').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ count: 3, area_cm2: 4800 });
    db.close();
  });

  it('keeps everything on a 401 and asks the person to sign in again', async () => {
    await newParticipant();
    const db = await freshDb();
    const status = new SyncStatus();
    await recordLocally(db, tally(1));
    const engine = new SyncEngine({ db, transport: transportFor(() => 'x'.repeat(43)), status, random: () => 0.5 });
    expect(await engine.syncNow()).toBe('failed');
    expect(status.needsSignIn).toBe(true);
    expect(await db.count('outbox')).toBe(1);
    engine.dispose();
    db.close();
  });

  it('uploads photos before the finding that shows them, and deletes bytes only after the server confirmed their hash', async () => {
    const schouwer = await fx.makeParticipant(fx.schouwA);
    const db = await freshDb();
    const status = new SyncStatus();
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } }).jpeg().toBuffer();
    const photoId = await storePhoto(db, jpeg.buffer.slice(jpeg.byteOffset, jpeg.byteOffset + jpeg.byteLength) as ArrayBuffer);
    await recordLocally(db, { name: 'recordFinding', args: { id: uuidv7(), campaignId: fx.schouwA.id, category: 'SCHOON', streetId: fx.streetA, text: 'Afval', photoIds: [photoId] }, photoIds: [photoId] });
    await status.refresh(db);
    expect(status.pendingPhotoBytes).toBe(jpeg.length);

    const real = transportFor(() => schouwer.token);
    const order: string[] = [];
    const lying: Transport = {
      uploadPhoto: async (id, bytes, hash) => (order.push('photo'), { sha256: (await real.uploadPhoto(id, bytes, hash)).sha256.replace(/^./, '0') }),
      sync: async (request) => (order.push('sync'), real.sync(request)),
    };
    await new SyncEngine({ db, transport: lying, status }).syncNow();
    expect(order.slice(0, 2)).toEqual(['photo', 'sync']);
    expect(await db.count('photos')).toBe(1); // the answer did not match: keep the bytes

    await new SyncEngine({ db, transport: real, status }).syncNow();
    expect(await db.count('photos')).toBe(0);
    expect(status.pendingPhotoBytes).toBe(0);
    db.close();
  });

  it('lets only one tab sync at a time', async () => {
    const db = await freshDb();
    let called = false;
    const otherTabHoldsIt: LockLike = { request: (_name, _options, callback) => callback(null) };
    const engine = new SyncEngine({ db, transport: { sync: async () => ((called = true), {} as never), uploadPhoto: async () => ({ sha256: '' }) }, status: new SyncStatus(), locks: otherTabHoldsIt });
    expect(await engine.syncNow()).toBe('skipped');
    expect(called).toBe(false);
    const locks = localLocks();
    const results = await Promise.all([locks.request('x', { ifAvailable: true }, async (l) => !!l), locks.request('x', { ifAvailable: true }, async (l) => !!l)]);
    expect(results).toEqual([true, false]);
    db.close();
  });

  it('a tab that had to wait shows what the other tab sent, once that tab is done', async () => {
    const db = await freshDb();
    await recordLocally(db, tally(1));
    const status = new SyncStatus();
    await status.refresh(db);
    // Web Locks as two tabs see them: the other tab holds the lock until it releases it.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const otherTabSending: LockLike = {
      request: async (_name, options, callback) => (options.ifAvailable ? callback(null) : (await released, callback({}))),
    };
    const engine = new SyncEngine({ db, transport: {} as Transport, status, locks: otherTabSending });
    const outcome = engine.syncNow();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(status.pending).toBe(1);
    await db.clear('outbox'); // what the other tab's round did
    release();
    expect(await outcome).toBe('skipped');
    expect(status.pending).toBe(0);
    engine.dispose();
    db.close();
  });

  it('backs off exponentially with jitter, never beyond five minutes', async () => {
    const engine = (random: number) => new SyncEngine({ db: {} as Db, transport: {} as Transport, status: new SyncStatus(), random: () => random });
    expect([1, 2, 3, 4].map((n) => engine(0.5).backoffDelay(n))).toEqual([2000, 4000, 8000, 16000]);
    expect(engine(0).backoffDelay(3)).toBe(4000);
    expect(engine(0.999).backoffDelay(30)).toBe(MAX_BACKOFF_MS);
  });

  it('refetches after resetRequired while keeping the outbox', async () => {
    await newParticipant();
    const db = await freshDb();
    const status = new SyncStatus();
    await db.put('meta', { key: 'cursor', value: '999999999' });
    await db.put('server', { key: 'SPOT:stale', entityType: 'SPOT', entityId: 'stale', data: {}, seq: 1 });
    await recordLocally(db, tally(2));
    await new SyncEngine({ db, transport: transportFor(), status }).syncNow();
    expect(await db.get('server', 'SPOT:stale')).toBeUndefined();
    expect((await db.getAllFromIndex('server', 'byType', 'SPOT')).length).toBeGreaterThan(0);
    expect(await db.count('outbox')).toBe(0);
    db.close();
  });

  it('fetches the campaign again when a pull brings new days, streets or spots, and keeps asking until that works', async () => {
    await newParticipant();
    const db = await freshDb();
    let refreshes = 0;
    let failNext = false;
    const engine = new SyncEngine({
      db,
      transport: transportFor(),
      status: new SyncStatus(),
      onCampaignChanged: async () => {
        refreshes++;
        if (failNext) {
          failNext = false;
          throw new Error('offline again');
        }
      },
    });
    expect(await engine.syncNow()).toBe('done');
    expect(refreshes).toBe(1); // the first pull holds the campaign's setup
    expect(await engine.syncNow()).toBe('done');
    expect(refreshes).toBe(1); // nothing new: no need to ask

    // Tally totals and findings change all day; they alone never refetch the campaign.
    await recordLocally(db, tally(2));
    expect(await engine.syncNow()).toBe('done');
    expect(refreshes).toBe(1);

    const street = await fx.query('coordinator', 'mutation($input: AddStreetInput!) { addStreet(input: $input) { id } }', { input: { neighbourhoodId: fx.campaignA.neighbourhoodId, name: `Steeg ${uuidv7().slice(-6)}` } });
    expect(street.body.data.addStreet.id).toBeTruthy();
    failNext = true;
    expect(await engine.syncNow()).toBe('done'); // what was sent is confirmed; the refresh failed
    expect(refreshes).toBe(2);
    expect(await engine.syncNow()).toBe('done');
    expect(refreshes).toBe(3); // asked again, and it worked
    expect(await engine.syncNow()).toBe('done');
    expect(refreshes).toBe(3);
    db.close();
  });
});

describe('confirmed entries on the device', () => {
  it('are kept whole for thirty days of server time, then pruned', async () => {
    const fx = await accessFixture();
    try {
      const { token } = await fx.makeParticipant(fx.campaignA);
      const db = await openDatabase(`keep-confirmed-${uuidv7()}`);
      const old = (days: number, id: string) => ({ seq: 0, mutationId: id, deviceId: 'd', name: 'recordTallyEvent', args: {}, clientTime: '', formatVersion: 2, photoIds: [], createdAt: '', membership: '', status: 'APPLIED' as const, serverTime: new Date(Date.now() - days * 86_400_000).toISOString() });
      await db.put('confirmed', old(31, 'too-old'));
      await db.put('confirmed', old(29, 'recent'));
      const args = { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: fx.streetA, unitCode: 'TEGEL_30X30', count: 2 };
      await recordLocally(db, { name: 'recordTallyEvent', args });
      expect(await new SyncEngine({ db, transport: createHttpTransport({ baseUrl: fx.t.url, token: () => token }), status: new SyncStatus() }).syncNow()).toBe('done');
      const kept = await db.getAll('confirmed');
      expect(kept.map((c) => c.mutationId).sort()).toEqual(['recent', kept.find((c) => c.args.id === args.id)!.mutationId].sort());
      expect(kept.find((c) => c.args.id === args.id)).toMatchObject({ name: 'recordTallyEvent', args, status: 'APPLIED', seq: 1 });
      db.close();
    } finally {
      await fx.t.close();
    }
  });
});

/** The device's outbox (fake-indexeddb): atomic local writes, seq order, format upcasting, photos. */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '$lib/offline/idb';
import { CURRENT_FORMAT } from '@buurtkracht/protocol/command-formats';
import { recordLocally, retryRejected, storePhoto, upcast } from '$lib/offline/outbox';

let counter = 0;
const dbs: Db[] = [];
async function freshDb(): Promise<Db> {
  const db = await openDatabase(`outbox-test-${++counter}`);
  dbs.push(db);
  return db;
}
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

describe('outbox', () => {
  it('stores the local record and its outbox entry together, numbering entries 1, 2, 3', async () => {
    const db = await freshDb();
    for (let i = 1; i <= 3; i++) {
      await recordLocally(db, { name: 'recordTallyEvent', args: { id: `t${i}`, count: i }, record: { id: `t${i}`, type: 'tally', campaignId: 'c', data: { count: i } } });
    }
    const entries = await db.getAll('outbox');
    expect(entries.map((e) => [e.seq, e.state, e.formatVersion])).toEqual([
      [1, 'PENDING', CURRENT_FORMAT.recordTallyEvent],
      [2, 'PENDING', CURRENT_FORMAT.recordTallyEvent],
      [3, 'PENDING', CURRENT_FORMAT.recordTallyEvent],
    ]);
    expect(await db.count('records')).toBe(3);
  });

  it('writes neither the record nor the entry when one of them fails', async () => {
    const db = await freshDb();
    // A record without an id cannot be stored: the whole transaction must roll back.
    await expect(recordLocally(db, { name: 'recordTallyEvent', args: {}, record: { type: 'tally', campaignId: 'c', data: {} } as never })).rejects.toThrow();
    expect(await db.count('outbox')).toBe(0);
    expect(await db.count('records')).toBe(0);
    const next = await recordLocally(db, { name: 'recordTallyEvent', args: { id: 'x' } });
    expect(next.seq).toBe(1);
  });

  it('upcasts an entry stored by an older app to the current format (4: the tile size is a unitCode)', () => {
    const old = { seq: 1, mutationId: 'm', name: 'recordTallyEvent', args: { id: 'e', pieces: 4, sizeCode: 'TEGEL_30X30' }, clientTime: '', formatVersion: 1, state: 'PENDING' as const, photoIds: [], createdAt: '', membership: '' };
    expect(CURRENT_FORMAT.recordTallyEvent).toBe(4);
    expect(upcast(old)).toMatchObject({ formatVersion: 4, args: { id: 'e', count: 4, unitCode: 'TEGEL_30X30', origin: null } });
    expect(upcast(old).args).not.toHaveProperty('pieces');
    expect(upcast(old).args).not.toHaveProperty('sizeCode');
    // An unsent entry of the app version just before units (format 3).
    const before = { ...old, args: { id: 'f', count: 2, sizeCode: 'KLINKER_20X5', origin: 'GARDEN' }, formatVersion: 3 };
    expect(upcast(before)).toMatchObject({ formatVersion: 4, args: { id: 'f', count: 2, unitCode: 'KLINKER_20X5', origin: 'GARDEN' } });
  });

  it('puts a refused entry back in line with a new seq and mutation id', async () => {
    const db = await freshDb();
    const entry = await recordLocally(db, { name: 'recordTallyEvent', args: { id: 'a' } });
    await db.put('outbox', { ...entry, state: 'REJECTED', rejection: { code: 'BAD_USER_INPUT', message: 'Fout' } });
    await retryRejected(db, entry.mutationId);
    const [retried] = await db.getAll('outbox');
    expect(retried).toMatchObject({ seq: 2, state: 'PENDING', args: { id: 'a' } });
    expect(retried!.mutationId).not.toBe(entry.mutationId);
  });

  it('stores photo bytes with their SHA-256', async () => {
    const db = await freshDb();
    const bytes = new TextEncoder().encode('abc').buffer;
    const id = await storePhoto(db, bytes as ArrayBuffer);
    expect((await db.get('photos', id))?.sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('sync status', () => {
  it('counts what waits by kind and warns when the oldest entry is more than three days old', async () => {
    const { SyncStatus } = await import('$lib/offline/sync-status.svelte');
    const db = await freshDb();
    const old = new Date(Date.now() - 4 * 86_400_000);
    await recordLocally(db, { name: 'recordTallyEvent', args: { id: 'a' } }, old);
    await recordLocally(db, { name: 'recordFinding', args: { id: 'b' } });
    const status = new SyncStatus();
    expect(status.loaded).toBe(false);
    await status.refresh(db);
    expect([status.loaded, status.pendingTally, status.pendingFindings, status.pending]).toEqual([true, 1, 1, 2]);
    expect(status.isStale()).toBe(true);
    await db.delete('outbox', (await db.getAll('outbox')).find((e) => e.seq === 1)!.mutationId);
    await status.refresh(db);
    expect(status.isStale()).toBe(false);
  });
});

describe('device database upgrade', () => {
  it('keeps the outbox, records, photos and sync state of a version 1 database, now keyed by mutation id and under the membership it joined', async () => {
    const { openDB } = await import('idb');
    const name = `upgrade-test-${++counter}`;
    // As the first field-app build made it, with work on it.
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('outbox', { keyPath: 'seq' }).createIndex('byState', 'state');
        db.createObjectStore('records', { keyPath: 'id' }).createIndex('byType', 'type');
        db.createObjectStore('photos', { keyPath: 'id' });
        db.createObjectStore('confirmed', { keyPath: 'mutationId' });
        db.createObjectStore('server', { keyPath: 'key' }).createIndex('byType', 'entityType');
        db.createObjectStore('meta', { keyPath: 'key' });
      },
    });
    const entry = (seq: number, state: string) => ({ seq, mutationId: `m${seq}`, name: 'recordTallyEvent', args: { id: `t${seq}` }, clientTime: '', formatVersion: 2, state, photoIds: [], createdAt: '' });
    await v1.put('outbox', entry(4, 'PENDING'));
    await v1.put('outbox', { ...entry(2, 'REJECTED'), rejection: { code: 'BAD_USER_INPUT', message: 'Fout' } });
    await v1.put('records', { id: 't4', type: 'tally', campaignId: 'c', data: {}, createdAt: '' });
    await v1.put('confirmed', { mutationId: 'm1', name: 'recordTallyEvent', status: 'APPLIED', serverTime: '2026-11-01T10:00:00.000Z' });
    await v1.put('photos', { id: 'p1', bytes: new ArrayBuffer(3), sha256: 'x', size: 3, createdAt: '' });
    await v1.put('meta', { key: 'nextSeq', value: 5 });
    await v1.put('meta', { key: 'deviceId', value: 'device-1' });
    await v1.put('meta', { key: 'cursor', value: '17' });
    await v1.put('meta', { key: 'joined', value: { token: 't', campaign: { id: 'schouw-1' } } });
    v1.close();

    const db = await openDatabase(name);
    dbs.push(db);
    expect(await db.get('outbox', 'm4')).toMatchObject({ seq: 4, membership: 'schouw-1' });
    expect((await db.getAllFromIndex('outbox', 'byState', 'REJECTED')).map((e) => [e.mutationId, e.membership])).toEqual([['m2', 'schouw-1']]);
    expect(await db.count('records')).toBe(1);
    expect((await db.get('photos', 'p1'))?.membership).toBe('schouw-1');
    expect(await db.getAllKeysFromIndex('confirmed', 'byServerTime')).toEqual(['m1']);
    const meta = Object.fromEntries((await db.getAll('meta')).map((m) => [m.key, m.value]));
    expect(meta).toMatchObject({ 'nextSeq:schouw-1': 5, 'deviceId:schouw-1': 'device-1', 'cursor:schouw-1': '17' });
    expect(meta).not.toHaveProperty('nextSeq');
    expect(meta).not.toHaveProperty('deviceId');
  });
});

describe('my findings on the device', () => {
  it('tell unsent, sent and refused apart', async () => {
    const { myFindings } = await import('$lib/offline/findings-store');
    const db = await freshDb();
    const write = (id: string) => recordLocally(db, { name: 'recordFinding', args: { id }, record: { id, type: 'finding', campaignId: 'c', data: { text: id } } });
    await write('u');
    const sent = await write('s');
    const refused = await write('r');
    await db.delete('outbox', sent.mutationId); // confirmed by the server
    // A refused entry is no longer waiting to be sent, but it was not accepted either.
    await db.put('outbox', { ...refused, state: 'REJECTED', rejection: { code: 'BAD_USER_INPUT', message: 'Fout' } });
    const delivery = Object.fromEntries((await myFindings(db, 'c')).map((f) => [f.id, f.delivery]));
    expect(delivery).toEqual({ u: 'unsent', s: 'sent', r: 'refused' });
  });
});

/**
 * Several memberships on one device (fake-indexeddb, real server): each entry and photo
 * goes with the token of the activity it was recorded in, under that membership's own
 * device id and numbering, and a membership whose token no longer works holds up none
 * of the others.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import sharp from 'sharp';
import { openDatabase } from '$lib/offline/idb';
import type { SyncChannel } from '$lib/offline/membership';
import { recordLocally, storePhoto } from '$lib/offline/outbox';
import { SyncEngine } from '$lib/offline/sync';
import { SyncStatus } from '$lib/offline/sync-status.svelte';
import { createHttpTransport } from '$lib/offline/transport';
import { accessFixture, type AccessFixture } from '../../support/access-fixtures.js';

describe('memberships on one device', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture();
  });
  afterAll(() => fx.t.close());

  it('sends each entry and photo with its own membership token, and one broken membership blocks no other', async () => {
    const walker = await fx.makeParticipant(fx.schouwA);
    const counter = await fx.makeParticipant(fx.campaignA);
    const db = await openDatabase(`memberships-${uuidv7()}`);
    const jpeg = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#555' } }).jpeg().toBuffer();
    const photoId = await storePhoto(db, jpeg.buffer.slice(jpeg.byteOffset, jpeg.byteOffset + jpeg.byteLength) as ArrayBuffer, fx.schouwA.id);
    const findingId = uuidv7();
    await recordLocally(db, { name: 'recordFinding', args: { id: findingId, campaignId: fx.schouwA.id, category: 'SCHOON', streetId: fx.streetA, text: 'Vol', photoIds: [photoId] }, photoIds: [photoId], membership: fx.schouwA.id });
    const tallyId = uuidv7();
    await recordLocally(db, { name: 'recordTallyEvent', args: { id: tallyId, campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: fx.streetA, unitCode: 'TEGEL_30X30', count: 2 }, membership: fx.campaignA.id });
    // An old membership whose token was revoked (say, after retention) with an entry and a photo left.
    await storePhoto(db, new ArrayBuffer(8), 'oud');
    await recordLocally(db, { name: 'recordTallyEvent', args: { id: uuidv7(), campaignId: 'oud', actionDayId: fx.dayA, streetId: fx.streetA, unitCode: 'TEGEL_30X30', count: 1 }, membership: 'oud' });

    const channels: SyncChannel[] = [
      { id: 'oud', token: 'x'.repeat(43), pull: false },
      { id: fx.schouwA.id, token: walker.token, pull: false },
      { id: fx.campaignA.id, token: counter.token, pull: true },
    ];
    const status = new SyncStatus();
    const engine = new SyncEngine({ db, transport: createHttpTransport({ baseUrl: fx.t.url, token: () => null }), status, channels: async () => channels, random: () => 0.5 });
    expect(await engine.syncNow()).toBe('failed'); // the revoked one: sign in again
    expect(status.needsSignIn).toBe(true);
    engine.dispose();

    const server = fx.t.app.connection.db;
    expect(await server.selectFrom('finding').select('participant_id').where('id', '=', findingId).executeTakeFirst()).toEqual({ participant_id: walker.id });
    expect(await server.selectFrom('tally_event').select('participant_id').where('id', '=', tallyId).executeTakeFirst()).toEqual({ participant_id: counter.id });
    expect(await server.selectFrom('media').select('owner').where('id', '=', photoId).executeTakeFirst()).toEqual({ owner: `p:${walker.id}` });
    // What the revoked membership holds waits on the device, unrefused.
    expect((await db.getAll('outbox')).map((e) => [e.membership, e.state])).toEqual([['oud', 'PENDING']]);
    expect((await db.getAll('photos')).map((p) => [p.membership, p.refusal])).toEqual([['oud', undefined]]);
    const meta = Object.fromEntries((await db.getAll('meta')).map((m) => [m.key, m.value]));
    expect(meta[`deviceId:${fx.schouwA.id}`]).not.toBe(meta[`deviceId:${fx.campaignA.id}`]);
    expect(meta).toMatchObject({ [`ackedSeq:${fx.schouwA.id}`]: 1, [`ackedSeq:${fx.campaignA.id}`]: 1 });
    db.close();
  });

  it('keeps checking a membership with confirmed entries kept, and prunes only the answering membership’s', async () => {
    const db = await openDatabase(`memberships-kept-${uuidv7()}`);
    const kept = (membership: string, days: number) => ({ seq: 1, mutationId: uuidv7(), deviceId: 'd', name: 'recordTallyEvent', args: {}, clientTime: '', formatVersion: 2, photoIds: [], createdAt: '', membership, status: 'APPLIED' as const, serverTime: new Date(Date.now() - days * 86_400_000).toISOString() });
    const schouwOld = kept('schouw', 31);
    const tellenOld = kept('tellen', 31);
    await db.put('confirmed', schouwOld);
    await db.put('confirmed', tellenOld);
    const asked: (string | null | undefined)[] = [];
    const answer = { appliedSeqs: [], otherResults: [], expectedSeq: null, lastSeq: 0, serverTime: new Date().toISOString(), missingPhotoIds: [], pull: { cursor: '0', hasMore: false, resetRequired: false, changes: [] } };
    const engine = new SyncEngine({
      db,
      status: new SyncStatus(),
      transport: { sync: async (_request, token) => (asked.push(token), answer), uploadPhoto: async () => ({ sha256: '' }) },
      channels: async () => [
        { id: 'schouw', token: 'schouw-token', pull: false },
        { id: 'tellen', token: 'tellen-token', pull: true },
      ],
    });
    expect(await engine.syncNow()).toBe('done');
    // Nothing waits for the schouw, but its kept entries make the engine ask its server too.
    expect(asked).toEqual(['schouw-token', 'tellen-token']);
    expect(await db.get('confirmed', tellenOld.mutationId)).toBeUndefined();
    engine.dispose();
    db.close();
  });

  it('runs one more round when asked while a round runs', async () => {
    const db = await openDatabase(`memberships-again-${uuidv7()}`);
    let calls = 0;
    let release: () => void = () => {};
    const answer = { appliedSeqs: [], otherResults: [], expectedSeq: null, lastSeq: 0, serverTime: new Date().toISOString(), missingPhotoIds: [], pull: { cursor: '0', hasMore: false, resetRequired: false, changes: [] } };
    const engine = new SyncEngine({
      db,
      status: new SyncStatus(),
      transport: { sync: async () => (++calls === 1 ? await new Promise<void>((r) => (release = r)) : undefined, answer), uploadPhoto: async () => ({ sha256: '' }) },
    });
    const first = engine.syncNow();
    await new Promise((r) => setTimeout(r, 50));
    void engine.syncNow(); // a write landed while the first round ran
    release();
    await first;
    const until = Date.now() + 2000;
    while (calls < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBe(2);
    await engine.syncNow();
    engine.dispose();
    db.close();
  });
});

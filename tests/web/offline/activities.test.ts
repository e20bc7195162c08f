/**
 * Activities on one phone (fake-indexeddb, real server): every membership pulls its own
 * changes and has its own campaign refreshed; one whose token the server no longer
 * accepts is marked, not retried for ever; and leaving an activity never takes unsent
 * work with it unless the person throws exactly that away.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { CampaignSnapshot } from '$lib/graphql/field-operations';
import { loadJoined, loadMemberships, saveJoined, updateMembership, type JoinedCampaign } from '$lib/offline/field-store';
import { openDatabase, type Db } from '$lib/offline/idb';
import { forgetFinishedActivities, leaveActivity, UnsentWorkError, unsentOf } from '$lib/offline/leave-activity';
import { channelKey } from '$lib/offline/membership';
import { recordLocally } from '$lib/offline/outbox';
import { SyncEngine } from '$lib/offline/sync';
import { SyncStatus } from '$lib/offline/sync-status.svelte';
import { createHttpTransport } from '$lib/offline/transport';
import { accessFixture, type AccessFixture } from '../../support/access-fixtures.js';

const membership = (id: string, kind: CampaignSnapshot['kind'], token = 't', joinedAt = new Date().toISOString()): JoinedCampaign => ({
  token,
  participant: { id: uuidv7(), displayName: 'Buurvrouw', pseudonym: 'Buur 1' },
  campaign: { id, name: `Activiteit ${id}`, kind, status: 'OPEN', targetAreaM2: null, days: [], neighbourhood: { name: 'Buurt', streets: { edges: [] }, spots: { edges: [] } }, checklist: null },
  joinedAt,
});

const tally = (campaignId: string) => ({
  name: 'recordTallyEvent',
  args: { id: uuidv7(), campaignId, actionDayId: 'dag', streetId: 'straat', unitCode: 'TEGEL_30X30', count: 1 },
  record: { id: uuidv7(), type: 'tally' as const, campaignId, data: { areaCm2: 900 } },
  membership: campaignId,
});

describe('leaving an activity on this phone', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDatabase(`activities-${uuidv7()}`);
  });

  it('is refused while work of it is unsent, and takes only what the person agreed to throw away', async () => {
    await saveJoined(db, membership('schouw', 'SCHOUW', 't', '2026-03-01T10:00:00.000Z'));
    await saveJoined(db, membership('tellen', 'TEGELWIPPEN', 't', '2026-04-01T10:00:00.000Z'));
    const waiting = tally('tellen');
    await recordLocally(db, waiting);
    await recordLocally(db, tally('schouw'));
    await db.put('server', { key: 'TALLY_TOTALS:tellen', entityType: 'TALLY_TOTALS', entityId: 'tellen', data: {}, seq: 1 });
    await db.put('server', { key: 'STREET:s1', entityType: 'STREET', entityId: 's1', data: { id: 's1' }, seq: 2 });

    expect(await unsentOf(db, 'tellen')).toBe(1);
    const refused = await leaveActivity(db, 'tellen').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UnsentWorkError);
    expect((refused as UnsentWorkError).count).toBe(1);
    expect(await db.count('outbox')).toBe(2);

    // One more became unsent after the person saw "1": agreeing to 1 is not enough.
    await recordLocally(db, tally('tellen'));
    await expect(leaveActivity(db, 'tellen', { discardUnsent: 1 })).rejects.toBeInstanceOf(UnsentWorkError);
    await leaveActivity(db, 'tellen', { discardUnsent: 2 });

    // The other activity's work, and what the neighbourhood shares, stay.
    expect((await db.getAll('outbox')).map((e) => e.membership)).toEqual(['schouw']);
    expect((await db.getAll('records')).map((r) => r.campaignId)).toEqual(['schouw']);
    expect((await db.getAll('server')).map((s) => s.key)).toEqual(['STREET:s1']);
    expect((await loadJoined(db))?.campaign.id).toBe('schouw');
    // Kept, hidden, until the server no longer counts it as this phone's (follow-up.ts);
    // nothing of it was confirmed, so nothing is kept against a restore: then forgotten.
    expect((await loadMemberships(db)).find((m) => m.campaign.id === 'tellen')?.leftAt).toBeTruthy();
    await updateMembership(db, 'tellen', (m) => ({ ...m, unlinked: true }));
    await forgetFinishedActivities(db);
    expect((await loadMemberships(db)).map((m) => m.campaign.id)).toEqual(['schouw']);
  });

  it('loses no change to the list of activities when several are made at once', async () => {
    const many = await openDatabase(`activities-many-${uuidv7()}`);
    await saveJoined(many, membership('a', 'SCHOUW'));
    // A sync round marks one, the next round refreshes it, and the person joins another: all at once.
    await Promise.all([
      updateMembership(many, 'a', (m) => ({ ...m, followUpLinked: true })),
      updateMembership(many, 'a', (m) => ({ ...m, campaign: { ...m.campaign, name: 'Ververst' } })),
      saveJoined(many, membership('b', 'TEGELWIPPEN')),
      saveJoined(many, membership('c', 'SCHOUW')),
    ]);
    const all = await loadMemberships(many);
    expect(all.map((m) => m.campaign.id).sort()).toEqual(['a', 'b', 'c']);
    expect(all.find((m) => m.campaign.id === 'a')).toMatchObject({ followUpLinked: true, campaign: { name: 'Ververst' } });
    expect((await loadJoined(many))?.campaign.id).toBe('c');
    many.close();
  });

  it('keeps a left activity, hidden, while entries it sent are kept against a server restore', async () => {
    await saveJoined(db, membership('oud', 'TEGELWIPPEN'));
    await db.put('confirmed', { seq: 1, mutationId: uuidv7(), deviceId: 'd', name: 'recordTallyEvent', args: {}, clientTime: '', formatVersion: 2, photoIds: [], createdAt: '', membership: 'oud', status: 'APPLIED', serverTime: new Date().toISOString() });
    await leaveActivity(db, 'oud');
    const kept = (await loadMemberships(db)).find((m) => m.campaign.id === 'oud');
    expect(kept?.leftAt).toBeTruthy();
    expect((await loadJoined(db))?.campaign.id).not.toBe('oud');
  });
});

describe('the sync engine with several activities', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture();
  });
  afterAll(() => fx.t.close());

  it('marks an activity whose token is refused, without failing the round, unless work of it waits', async () => {
    const current = await fx.makeParticipant(fx.campaignA);
    const erased = await fx.makeParticipant(fx.schouwA);
    const revoke = await fx.query('coordinator', 'mutation($id: ID!) { revokeParticipant(participantId: $id) { id } }', { id: erased.id });
    expect(revoke.body.errors).toBeUndefined();
    const db = await openDatabase(`activities-revoked-${uuidv7()}`);
    const revoked: string[] = [];
    const status = new SyncStatus();
    const engine = new SyncEngine({
      db,
      status,
      transport: createHttpTransport({ baseUrl: fx.t.url, token: () => null }),
      channels: async () => [
        { id: fx.schouwA.id, token: erased.token, pull: !revoked.includes(fx.schouwA.id) },
        { id: fx.campaignA.id, token: current.token, pull: true },
      ],
      onRevoked: async (id) => void revoked.push(id),
      random: () => 0.5,
    });
    expect(await engine.syncNow()).toBe('done');
    expect(revoked).toEqual([fx.schouwA.id]);
    expect(status.needsSignIn).toBe(false);
    // The current one still pulled in the same round.
    expect(await db.get('meta', channelKey(fx.campaignA.id, 'cursor'))).toBeDefined();

    // Work recorded under the refused one cannot be sent: the person must see that.
    await recordLocally(db, { name: 'recordFinding', args: { id: uuidv7(), campaignId: fx.schouwA.id, category: 'SCHOON', streetId: fx.streetA, text: 'Vol' }, membership: fx.schouwA.id });
    expect(await engine.syncNow()).toBe('failed');
    expect(status.needsSignIn).toBe(true);
    expect(await db.count('outbox')).toBe(1);
    engine.dispose();
    db.close();
  });

  it('refreshes the campaigns of the others while one activity fails', async () => {
    const counter = await fx.makeParticipant(fx.campaignA);
    const db = await openDatabase(`activities-refresh-failing-${uuidv7()}`);
    // Work waits under a token the server does not know: that membership fails each round.
    await recordLocally(db, { name: 'recordTallyEvent', args: { id: uuidv7(), campaignId: 'weg', actionDayId: fx.dayA, streetId: fx.streetA, unitCode: 'TEGEL_30X30', count: 1 }, membership: 'weg' });
    const refreshed: string[] = [];
    const engine = new SyncEngine({
      db,
      status: new SyncStatus(),
      transport: createHttpTransport({ baseUrl: fx.t.url, token: () => null }),
      channels: async () => [
        { id: 'weg', token: 'x'.repeat(43), pull: false },
        { id: fx.campaignA.id, token: counter.token, pull: true },
      ],
      onCampaignChanged: async (id) => void refreshed.push(id),
    });
    expect(await engine.syncNow()).toBe('failed');
    expect(refreshed).toEqual([fx.campaignA.id]);
    engine.dispose();
    db.close();
  });

  it('refreshes the campaign of the activity whose pull brought changes', async () => {
    const counter = await fx.makeParticipant(fx.campaignA);
    const walker = await fx.makeParticipant(fx.schouwA);
    const db = await openDatabase(`activities-refresh-${uuidv7()}`);
    const refreshed: string[] = [];
    const engine = new SyncEngine({
      db,
      status: new SyncStatus(),
      transport: createHttpTransport({ baseUrl: fx.t.url, token: () => null }),
      channels: async () => [
        { id: fx.campaignA.id, token: counter.token, pull: true },
        { id: fx.schouwA.id, token: walker.token, pull: true },
      ],
      onCampaignChanged: async (id) => void refreshed.push(id),
    });
    expect(await engine.syncNow()).toBe('done');
    // The first pull of each holds its campaign's setup.
    expect(refreshed.sort()).toEqual([fx.campaignA.id, fx.schouwA.id].sort());
    refreshed.length = 0;
    const day = await fx.query('coordinator', 'mutation($input: AddCampaignDayInput!) { addCampaignDay(input: $input) { id } }', { input: { campaignId: fx.campaignA.id, date: '2027-05-01', label: 'Extra dag' } });
    expect(day.body.errors).toBeUndefined();
    expect(await engine.syncNow()).toBe('done');
    expect(refreshed).toEqual([fx.campaignA.id]);
    expect(await db.get('meta', channelKey(fx.campaignA.id, 'campaignChanged'))).toEqual({ key: channelKey(fx.campaignA.id, 'campaignChanged'), value: false });
    engine.dispose();
    db.close();
  });
});

/**
 * A phone after retention (fake-indexeddb, real server): the schouw closed, its personal
 * data was erased and the phone's token stopped working, yet the phone still reads what
 * happened with the finding it recorded, through its follow-up key; the activity is marked
 * as no longer accessible, without the sync round failing.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { claimFollowUpKey, followUpKeys, keepFollowUpKey, loadFollowedFindings, refreshFollowedFindings } from '$lib/offline/follow-up';
import { myFindings, withFollowUp } from '$lib/offline/findings-store';
import { openDatabase } from '$lib/offline/idb';
import { recordLocally } from '$lib/offline/outbox';
import { SyncEngine } from '$lib/offline/sync';
import { SyncStatus } from '$lib/offline/sync-status.svelte';
import { createHttpTransport } from '$lib/offline/transport';
import { changeCampaignStatus } from '../../../server/src/modules/campaign/campaign.service.js';
import { erasePersonalDataOfClosedCampaigns } from '../../../server/src/modules/participant/retention.service.js';
import { accessFixture, type AccessFixture } from '../../support/access-fixtures.js';
import { gqlAgainst } from '../../support/web-gql.js';

describe('a phone after retention', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture();
  });
  afterAll(() => fx.t.close());

  const gqlAt = gqlAgainst(() => fx.t.url);

  it('still reads the status and public message of its finding through the follow-up key', async () => {
    const walker = await fx.makeParticipant(fx.schouwA);
    const db = await openDatabase(`after-retention-${uuidv7()}`);
    // The key the phone got when it joined; claiming it again answers the same key.
    await keepFollowUpKey(db, walker.followUpKey);
    expect(await claimFollowUpKey(db, gqlAt, walker.token)).toBe(walker.followUpKey);

    const findingId = uuidv7();
    const campaignId = fx.schouwA.id;
    const args = { id: findingId, campaignId, category: 'HEEL', streetId: fx.streetA, text: 'Bankje kapot' };
    await recordLocally(db, { name: 'recordFinding', args, record: { id: findingId, type: 'finding', campaignId, data: args }, membership: campaignId });
    const revoked: string[] = [];
    const engine = new SyncEngine({
      db,
      status: new SyncStatus(),
      transport: createHttpTransport({ baseUrl: fx.t.url, token: () => null }),
      channels: async () => [{ id: campaignId, token: walker.token, pull: revoked.length === 0 }],
      onRevoked: async (id) => void revoked.push(id),
    });
    expect(await engine.syncNow()).toBe('done');

    const changed = await fx.query('coordinator', 'mutation($input: ChangeFindingStatusInput!) { changeFindingStatus(input: $input) { status } }', {
      input: { findingId, status: 'INGEPLAND', publicMessage: 'Het bankje wordt in maart vervangen.' },
    });
    expect(changed.body.errors).toBeUndefined();
    await changeCampaignStatus(fx.t.app.connection.db, fx.asViewer('admin'), { campaignId, status: 'CLOSED', requestId: 't' });
    expect(await erasePersonalDataOfClosedCampaigns(fx.t.app.connection.db, 90, new Date(Date.now() + 91 * 86_400_000))).toBeGreaterThan(0);

    // The token is refused now: the activity is marked, the round does not fail.
    expect(await engine.syncNow()).toBe('done');
    expect(revoked).toEqual([campaignId]);
    engine.dispose();

    await refreshFollowedFindings(db, gqlAt, { force: true });
    const followed = (await loadFollowedFindings(db))!.findings;
    const local = (await myFindings(db, campaignId)).map((finding) => ({ finding, campaignId, campaignName: 'Schouw' }));
    const [shown] = withFollowUp(local, followed);
    expect(shown!.finding).toMatchObject({ id: findingId, status: 'INGEPLAND' });
    expect(shown!.finding.statusHistory.at(-1)).toMatchObject({ publicMessage: 'Het bankje wordt in maart vervangen.' });
    db.close();
  });

  it('drops a key the server no longer knows', async () => {
    const db = await openDatabase(`unknown-key-${uuidv7()}`);
    await db.put('meta', { key: 'followUpKeys', value: ['x'.repeat(43)] });
    await refreshFollowedFindings(db, gqlAt, { force: true });
    expect(await followUpKeys(db)).toEqual([]);
    db.close();
  });
});

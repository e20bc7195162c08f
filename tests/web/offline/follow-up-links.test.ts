/**
 * The phone keeps the server's follow-up links in step with what it holds (fake-indexeddb,
 * real server): a phone that had its own activity and then received another phone's
 * moves its own onto the received key, and an activity taken off the phone is unlinked,
 * so in both cases the phone can move to a new phone again.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { CampaignSnapshot } from '$lib/graphql/field-operations';
import { startTransfer } from '$lib/offline/device-transfer';
import { loadMemberships, saveMembership, type JoinedCampaign } from '$lib/offline/field-store';
import { keepFollowUpKey, linkMembershipsToKey } from '$lib/offline/follow-up';
import { openDatabase } from '$lib/offline/idb';
import { forgetFinishedActivities, leaveActivity } from '$lib/offline/leave-activity';
import { accessFixture, type AccessFixture } from '../../support/access-fixtures.js';
import { gqlAgainst } from '../../support/web-gql.js';

describe('follow-up links of a phone', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture();
  });
  afterAll(() => fx.t.close());

  const gqlAt = gqlAgainst(() => fx.t.url);

  const membership = (id: string, kind: CampaignSnapshot['kind'], p: { id: string; token: string }, extra: Partial<JoinedCampaign> = {}): JoinedCampaign => ({
    token: p.token,
    participant: { id: p.id, displayName: 'Buur', pseudonym: 'Buur 1' },
    campaign: { id, name: id, kind, status: 'OPEN', targetAreaM2: null, days: [], neighbourhood: { name: 'Buurt', streets: { edges: [] }, spots: { edges: [] } }, checklist: null },
    joinedAt: new Date().toISOString(),
    ...extra,
  });

  it('moves its own activity onto a key received by transfer, and unlinks an activity it left', async () => {
    const own = await fx.makeParticipant(fx.schouwA);
    const received = await fx.makeParticipant(fx.campaignA);
    const db = await openDatabase(`links-${uuidv7()}`);
    // Its own activity on its own key; then a transfer brought another key (now first).
    await keepFollowUpKey(db, own.followUpKey);
    await saveMembership(db, membership(fx.schouwA.id, 'SCHOUW', own, { followUpLinked: false }));
    await keepFollowUpKey(db, received.followUpKey);
    await saveMembership(db, membership(fx.campaignA.id, 'TEGELWIPPEN', received, { followUpLinked: true }));

    // Before the phone links, a transfer must present each key's exact memberships: refused.
    await expect(startTransfer(db, gqlAt)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await linkMembershipsToKey(db, gqlAt);
    expect((await loadMemberships(db)).every((m) => m.followUpLinked)).toBe(true);
    expect((await startTransfer(db, gqlAt)).code).toMatch(/^[A-Z0-9]{4}-?[A-Z0-9]{4}$/);

    // Taken off the phone: unlinked at the next round, then no longer needed for a transfer.
    await leaveActivity(db, fx.campaignA.id);
    await expect(startTransfer(db, gqlAt)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await linkMembershipsToKey(db, gqlAt);
    await forgetFinishedActivities(db);
    expect((await loadMemberships(db)).map((m) => m.campaign.id)).toEqual([fx.schouwA.id]);
    expect((await startTransfer(db, gqlAt)).code).toBeTruthy();
    db.close();
  });
});

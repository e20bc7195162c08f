/**
 * Follow-up keys: one device joins two schouws with the same key and sees the findings of
 * both, newest first, without anyone's name, contact or routing; after retention erased a
 * closed schouw's participants (their token refused) the key still shows the status and
 * public messages; the person's own erasure unlinks; devices from before keys claim one,
 * and a membership that has a key keeps it; unknown keys answer NOT_FOUND and, after too
 * many, RATE_LIMITED, counted before the lookup (parallel lookups and aliases too). A
 * phone holding two keys (its own, and one it received by a transfer) merges them with
 * currentKey and can transfer again; an activity taken off the phone (unlinkFollowUpKey)
 * leaves its key's follow-up and no longer blocks a transfer.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { changeCampaignStatus, createCampaign, type Campaign } from '../../server/src/modules/campaign/campaign.service.js';
import { createActionItem } from '../../server/src/modules/finding/action-plan.service.js';
import { routeFinding } from '../../server/src/modules/finding/finding.service.js';
import { createParticipantInvite } from '../../server/src/modules/participant/participant-invite.service.js';
import { claimFollowUpKey, followUp as lookUpFollowUp } from '../../server/src/modules/participant/follow-up.service.js';
import { createAuthSettings } from '../../server/src/auth/auth-settings.js';
import { erasePersonalDataOfClosedCampaigns } from '../../server/src/modules/participant/retention.service.js';
import { revokeParticipant } from '../../server/src/modules/participant/participant.service.js';
import { hashSecret } from '../../server/src/auth/tokens.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { graphql } from '../support/test-app.js';

const JOIN = 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { token followUpKey participant { id } } }';
const RECORD = 'mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }';
const FOLLOW_UP = `query($key: String!, $first: Int, $after: String) { followUp(key: $key, first: $first, after: $after) {
  edges { cursor node { id campaignId campaignName category rating answer text suggestion question spotName streetName createdAt receivedAt status
    statusHistory { toStatus publicMessage at } actionItems { id title status publicMessage } } }
  pageInfo { hasNextPage endCursor } } }`;
const LIMIT = 5;
const CLAIM = 'mutation($k: String, $current: String) { claimFollowUpKey(followUpKey: $k, currentKey: $current) }';
const START = 'mutation($input: StartDeviceTransferInput!) { startDeviceTransfer(input: $input) { code } }';
const COMPLETE = 'mutation($code: String!) { completeDeviceTransfer(code: $code) { followUpKey memberships { token participant { id } } } }';

async function openSchouw(fx: AccessFixture, name: string): Promise<Campaign> {
  const admin = fx.asViewer('admin');
  const draft = await createCampaign(fx.t.app.connection.db, admin, { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name, checklistVersionId: fx.checklist.id, requestId: 't' });
  return changeCampaignStatus(fx.t.app.connection.db, admin, { campaignId: draft.id, status: 'OPEN', requestId: 't' });
}

/** What a phone does over HTTP: join with its key, record a finding, read its follow-up. */
function phoneActions(fixture: () => AccessFixture) {
  const db = () => fixture().t.app.connection.db;
  const url = () => fixture().t.url;
  const join = async (campaign: Campaign, followUpKey?: string, displayName = 'Fatima de Vries') => {
    const invite = await createParticipantInvite(db(), fixture().asViewer('admin'), { campaignId: campaign.id, requestId: 't' });
    const { body } = await graphql(url(), JOIN, { input: { code: invite.code, displayName, contact: '06-11223344', contactConsent: true, showNameInRankings: true, followUpKey } });
    expect(body.errors).toBeUndefined();
    return body.data.joinCampaign as { token: string; followUpKey: string; participant: { id: string } };
  };
  const record = async (token: string, campaign: Campaign, text: string, extra: Record<string, unknown> = {}) => {
    const id = uuidv7();
    const input = { id, campaignId: campaign.id, category: 'HEEL', text, deviceTime: new Date().toISOString(), ...extra };
    const { body } = await graphql(url(), RECORD, { input }, { authorization: `Bearer ${token}` });
    expect(body.errors).toBeUndefined();
    return id;
  };
  const followUp = (key: string, first?: number, after?: string) => graphql(url(), FOLLOW_UP, { key, first, after });
  const nodes = async (key: string) => {
    const { body } = await followUp(key, 50);
    expect(body.errors).toBeUndefined();
    return body.data.followUp.edges.map((e: any) => e.node);
  };
  return { db, join, record, followUp, nodes };
}

describe('follow-up keys', () => {
  let fx: AccessFixture;
  let schouwB: Campaign;
  beforeAll(async () => {
    // A low per-IP limit, for the last test; nothing before it fails a lookup.
    fx = await accessFixture({ LOGIN_MAX_ATTEMPTS_PER_IP: String(LIMIT) });
    schouwB = await openSchouw(fx, 'Najaarsschouw');
  });
  afterAll(() => fx.t.close());

  const { db, join, record, followUp, nodes } = phoneActions(() => fx);
  const changeStatus = async (findingId: string, status: string, publicMessage: string) => {
    const { body } = await fx.query('coordinator', 'mutation($input: ChangeFindingStatusInput!) { changeFindingStatus(input: $input) { status } }', { input: { findingId, status, publicMessage } });
    expect(body.errors).toBeUndefined();
  };

  let key: string;
  let tokenB: string;
  let findingB: string;

  it("lists the findings of every activity the device joined with its key, newest first, with status, messages and action items but nobody's personal data", async () => {
    const first = await join(fx.schouwA);
    expect(Buffer.from(first.followUpKey, 'base64url')).toHaveLength(32);
    const second = await join(schouwB, first.followUpKey, 'Fatima');
    expect(second.followUpKey).toBe(first.followUpKey);
    key = first.followUpKey;
    tokenB = second.token;
    const stored = await db().selectFrom('participant').select(['id', 'follow_up_key_id']).where('id', 'in', [first.participant.id, second.participant.id]).execute();
    expect(new Set(stored.map((r) => r.follow_up_key_id)).size).toBe(1);
    expect(JSON.stringify(await db().selectFrom('follow_up_key' as any).selectAll().execute())).not.toContain(key);

    const a1 = await record(first.token, fx.schouwA, 'Losse stoeptegel', { spotId: fx.spotA.id, rating: 'D' });
    findingB = await record(second.token, schouwB, 'Bankje kapot', { streetId: fx.streetA, suggestion: 'Nieuw bankje van hout' });
    const a2 = await record(first.token, fx.schouwA, 'Zwerfvuil bij de speeltuin');
    await changeStatus(a1, 'IN_BEHANDELING', 'De gemeente kijkt er deze week naar.');
    await routeFinding(db(), fx.asViewer('admin'), { findingId: a1, organisationId: fx.organisationId, requestId: 't' });
    await createActionItem(db(), fx.asViewer('admin'), { campaignId: fx.schouwA.id, title: 'Stoep herstellen', owner: 'Jan Jansen', ownerOrganisationId: fx.organisationId, findingIds: [a1], requestId: 't' });
    // Someone else's finding in the same schouw is not this device's.
    await record((await fx.makeParticipant(fx.schouwA)).token, fx.schouwA, 'Van een ander');

    const list = await nodes(key);
    expect(list.map((n: any) => n.id)).toEqual([a2, findingB, a1]);
    expect(list.map((n: any) => n.campaignName)).toEqual(['Schouw Staatsliedenbuurt', 'Najaarsschouw', 'Schouw Staatsliedenbuurt']);
    const [, b, a] = list;
    expect(a).toMatchObject({ campaignId: fx.schouwA.id, category: 'HEEL', rating: 'D', text: 'Losse stoeptegel', spotName: 'Speeltuin', status: 'IN_BEHANDELING' });
    expect(a.streetName).toBeTruthy();
    expect(a.statusHistory.at(-1)).toMatchObject({ toStatus: 'IN_BEHANDELING', publicMessage: 'De gemeente kijkt er deze week naar.' });
    expect(a.actionItems).toEqual([expect.objectContaining({ title: 'Stoep herstellen', status: 'OPEN' })]);
    expect(b).toMatchObject({ campaignId: schouwB.id, suggestion: 'Nieuw bankje van hout', spotName: null, status: 'NIEUW' });
    const json = JSON.stringify(list);
    for (const personal of ['Fatima', '06-11223344', 'Jan Jansen', 'Woonkracht10', first.participant.id, second.participant.id, 'Buurtgenoot']) expect(json).not.toContain(personal);
  });

  it('has no field that could carry a person or routing', async () => {
    const { body } = await fx.query('anonymous', '{ __type(name: "FollowUpFinding") { fields { name } } }');
    expect(body.data.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual(
      ['actionItems', 'answer', 'campaignId', 'campaignName', 'category', 'createdAt', 'id', 'question', 'rating', 'receivedAt', 'spotName', 'status', 'statusHistory', 'streetName', 'suggestion', 'text'].sort(),
    );
  });

  it('pages with cursors: every finding once, in the same order', async () => {
    const firstPage = (await followUp(key, 2)).body.data.followUp;
    expect(firstPage.edges).toHaveLength(2);
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    const rest = (await followUp(key, 2, firstPage.pageInfo.endCursor)).body.data.followUp;
    expect([...firstPage.edges, ...rest.edges].map((e: any) => e.node.id)).toEqual((await nodes(key)).map((n: any) => n.id));
    const tooBig = await graphql(fx.t.url, 'query($key: String!) { followUp(key: $key, first: 101) { edges { node { id } } } }', { key });
    expect(tooBig.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it("still shows the status and public messages after retention erased the closed schouw's participants, while their token is refused", async () => {
    const admin = fx.asViewer('admin');
    await changeCampaignStatus(db(), admin, { campaignId: schouwB.id, status: 'CLOSED', requestId: 't' });
    expect(await erasePersonalDataOfClosedCampaigns(db(), 90, new Date(Date.now() + 91 * 86_400_000))).toBeGreaterThan(0);
    const refused = await graphql(fx.t.url, '{ myData { participant { id } } }', undefined, { authorization: `Bearer ${tokenB}` });
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });
    // The follow-up goes on after the erasure, and the device still hears of it.
    await changeStatus(findingB, 'INGEPLAND', 'Het bankje wordt in maart vervangen.');
    const b = (await nodes(key)).find((n: any) => n.id === findingB);
    expect(b).toMatchObject({ campaignName: 'Najaarsschouw', text: 'Bankje kapot', status: 'INGEPLAND' });
    expect(b.statusHistory.at(-1)).toMatchObject({ toStatus: 'INGEPLAND', publicMessage: 'Het bankje wordt in maart vervangen.' });
  });

  it('unlinks the key when the person erases their own data: their findings leave the list', async () => {
    const joined = await join(fx.schouwA, key);
    const mine = await record(joined.token, fx.schouwA, 'Boom scheef');
    expect((await nodes(key)).map((n: any) => n.id)).toContain(mine);
    const { body } = await graphql(fx.t.url, 'mutation { deleteMyData }', undefined, { authorization: `Bearer ${joined.token}` });
    expect(body.data.deleteMyData).toBe(true);
    expect((await nodes(key)).map((n: any) => n.id)).not.toContain(mine);
    const row = await db().selectFrom('participant').select('follow_up_key_id').where('id', '=', joined.participant.id).executeTakeFirstOrThrow();
    expect(row.follow_up_key_id).toBeNull();
  });

  it('lets devices that joined before keys existed claim one, once per membership', async () => {
    const one = await fx.makeParticipant(fx.schouwA);
    const two = await fx.makeParticipant(fx.schouwA);
    await db().updateTable('participant').set({ follow_up_key_id: null }).where('id', 'in', [one.id, two.id]).execute();
    const found = await record(one.token, fx.schouwA, 'Lantaarn stuk');
    const claim = (headers: Record<string, string>, followUpKey?: string) =>
      graphql(fx.t.url, 'mutation($k: String) { claimFollowUpKey(followUpKey: $k) }', { k: followUpKey }, headers);
    const claimed = (await claim(one.headers)).body.data.claimFollowUpKey as string;
    expect(claimed).not.toBe(key);
    expect((await claim(two.headers, claimed)).body.data.claimFollowUpKey).toBe(claimed);
    expect((await claim(two.headers, claimed)).body.data.claimFollowUpKey).toBe(claimed);
    // A key that is not valid gets a device without one a new one instead of an error.
    const three = await fx.makeParticipant(fx.schouwA);
    await db().updateTable('participant').set({ follow_up_key_id: null }).where('id', '=', three.id).execute();
    const fresh = (await claim(three.headers, 'niet-een-echte-sleutel')).body.data.claimFollowUpKey;
    expect([claimed, key]).not.toContain(fresh);
    expect((await nodes(claimed)).map((n: any) => n.id)).toEqual([found]);
  });

  it('never moves a membership off the key it has: without that key, claiming is refused (CONFLICT)', async () => {
    const one = await fx.makeParticipant(fx.schouwA);
    await db().updateTable('participant').set({ follow_up_key_id: null }).where('id', '=', one.id).execute();
    const claim = (followUpKey?: string) => graphql(fx.t.url, 'mutation($k: String) { claimFollowUpKey(followUpKey: $k) }', { k: followUpKey }, one.headers);
    const own = (await claim()).body.data.claimFollowUpKey as string;
    const keyOfRow = async () => (await db().selectFrom('participant').select('follow_up_key_id').where('id', '=', one.id).executeTakeFirstOrThrow()).follow_up_key_id;
    const linked = await keyOfRow();
    expect(linked).not.toBeNull();
    // No key (a phone that lost it), another phone's valid key, or no key at all: the row stays where it is.
    for (const presented of [undefined, key, 'niet-een-echte-sleutel']) {
      const { body } = await claim(presented);
      expect(body.errors[0].extensions.code).toBe('CONFLICT');
      expect(body.errors[0].message).toBe('Deze activiteit hoort al bij een opvolgcode van een telefoon.');
      expect(await keyOfRow()).toBe(linked);
    }
    expect((await claim(own)).body.data.claimFollowUpKey).toBe(own);
    expect(await keyOfRow()).toBe(linked);
  });

  it('answers NOT_FOUND for an unknown key, the same for a revoked one, and RATE_LIMITED after too many', async () => {
    await db().updateTable('follow_up_key' as any).set({ revoked_at: new Date().toISOString() }).execute();
    const answers = [];
    for (let i = 0; i < LIMIT; i++) answers.push(await followUp(i === 0 ? key : `onbekend-${uuidv7()}`));
    for (const { body } of answers) {
      expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
      expect(body.errors[0].message).toBe(answers[0]!.body.errors[0].message);
    }
    const limited = await followUp(`onbekend-${uuidv7()}`);
    expect(limited.status).toBe(429);
    expect(limited.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('follow-up key lookups per IP', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture({ LOGIN_MAX_ATTEMPTS_PER_IP: String(LIMIT) });
  });
  afterAll(() => fx.t.close());

  const joinedKey = async () => {
    const invite = await createParticipantInvite(fx.t.app.connection.db, fx.asViewer('admin'), { campaignId: fx.schouwA.id, requestId: 't' });
    const joined = await graphql(fx.t.url, JOIN, { input: { code: invite.code, displayName: 'Kees', contactConsent: false, showNameInRankings: false } });
    return joined.body.data.joinCampaign.followUpKey as string;
  };

  it('counts every lookup before it is answered, so parallel lookups cannot all pass, and forgives the ones that find their key', async () => {
    const settings = createAuthSettings({ ...fx.t.config, loginMaxAttemptsPerIp: 3 });
    const lookup = (key: string) => lookUpFollowUp(fx.t.app.connection.db, settings, key, { limit: 1, inverted: false }, '192.0.2.50');
    const key = await joinedKey();
    const answers = await Promise.allSettled([lookup(key), ...Array.from({ length: 6 }, () => lookup(`onbekend-${uuidv7()}`))]);
    expect(answers.map((a) => (a.status === 'fulfilled' ? 'OK' : (a.reason as { code: string }).code))).toEqual([
      'OK',
      'NOT_FOUND',
      'NOT_FOUND',
      'RATE_LIMITED',
      'RATE_LIMITED',
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
    // The valid key was forgiven: one more unknown key is looked up, then the limit holds, for valid keys too.
    await expect(lookup(`onbekend-${uuidv7()}`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(lookup(key)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('counts aliases of followUp in one request the same way', async () => {
    const key = await joinedKey();
    const known = ['k0', 'k1', 'k2'];
    const unknown = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7'];
    const fields = [...known.map((a) => `${a}: followUp(key: "${key}", first: 1) { edges { node { id } } }`), ...unknown.map((a) => `${a}: followUp(key: "onbekend-${uuidv7()}", first: 1) { edges { node { id } } }`)];
    const { status, body } = await graphql(fx.t.url, `{ ${fields.join(' ')} }`);
    // In flight together, the three known keys and u0, u1 fill the limit of five: u2 is the
    // first one refused (followUp is not nullable, so the first refusal answers for all).
    expect(status).toBe(429);
    expect(body.errors).toMatchObject([{ path: ['u2'], extensions: { code: 'RATE_LIMITED' } }]);
    // graphql-js answers at the first refusal of a non-null root field, while the known keys'
    // lookups still finish (and are forgiven) after the answer: quickly on SQLite, a few round
    // trips later on PostgreSQL. Wait for that: three lookups of the known key in requests of
    // their own all pass only at a count of two, and each is forgiven before it is answered.
    await vi.waitFor(
      async () => {
        const answers = await Promise.all(known.map(() => graphql(fx.t.url, FOLLOW_UP, { key })));
        expect(answers.map(({ body }) => body.errors?.[0]?.extensions?.code ?? 'OK')).toEqual(['OK', 'OK', 'OK']);
      },
      { timeout: 10_000, interval: 20 },
    );
    // Once answered, the known keys no longer count, u0 and u1 do: three more unknown keys are looked up, then the limit holds.
    for (let i = 0; i < known.length; i++) expect((await graphql(fx.t.url, FOLLOW_UP, { key: `onbekend-${uuidv7()}` })).body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await graphql(fx.t.url, FOLLOW_UP, { key: `onbekend-${uuidv7()}` })).body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect((await graphql(fx.t.url, FOLLOW_UP, { key })).body.errors[0].extensions.code).toBe('RATE_LIMITED');
  });
});

describe('a phone with two keys, and activities taken off a phone', () => {
  let fx: AccessFixture;
  let schouwB: Campaign;
  let schouwC: Campaign;
  beforeAll(async () => {
    fx = await accessFixture();
    schouwB = await openSchouw(fx, 'Najaarsschouw');
    schouwC = await openSchouw(fx, 'Winterschouw');
  });
  afterAll(() => fx.t.close());

  const { db, join, record, followUp, nodes } = phoneActions(() => fx);
  const claim = (token: string, followUpKey?: string, currentKey?: string) => graphql(fx.t.url, CLAIM, { k: followUpKey, current: currentKey }, { authorization: `Bearer ${token}` });
  const keyIdOf = async (participantId: string) => (await db().selectFrom('participant').select('follow_up_key_id').where('id', '=', participantId).executeTakeFirstOrThrow()).follow_up_key_id;
  const keyRow = async (key: string) => db().selectFrom('follow_up_key').selectAll().where('key_hash', '=', hashSecret(key)).executeTakeFirstOrThrow();
  const start = (followUpKey: string, tokens: string[]) =>
    graphql(fx.t.url, START, { input: { followUpKey, memberships: tokens.map((token) => ({ token, deviceId: uuidv7(), lastSeq: 0 })) } });
  /** Another phone's activity, received on this phone by a transfer: the new token and key. */
  const receivedByTransfer = async (campaign: Campaign, text: string) => {
    const other = await join(campaign, undefined, 'Kees');
    const finding = await record(other.token, campaign, text);
    const started = await start(other.followUpKey, [other.token]);
    expect(started.body.errors).toBeUndefined();
    const { body } = await graphql(fx.t.url, COMPLETE, { code: started.body.data.startDeviceTransfer.code });
    expect(body.errors).toBeUndefined();
    const done = body.data.completeDeviceTransfer;
    return { id: other.participant.id, token: done.memberships[0].token as string, key: done.followUpKey as string, finding };
  };

  it('merges: with currentKey the row moves to the other key, the old key (left without working rows) moves along and is revoked, and the phone can transfer again', async () => {
    // This phone's own key K1: one working activity, and one a coordinator revoked.
    const own = await join(fx.schouwA);
    const k1 = own.followUpKey;
    const ownFinding = await record(own.token, fx.schouwA, 'Losse stoeptegel');
    const revoked = await join(schouwC, k1);
    const revokedFinding = await record(revoked.token, schouwC, 'Scheve paal');
    await revokeParticipant(db(), fx.asViewer('admin'), revoked.participant.id, 't');
    // Then another phone's activity arrived by transfer, with key K2.
    const received = await receivedByTransfer(schouwB, 'Bankje kapot');
    const k2 = received.key;
    // Two keys: a transfer takes one key and exactly its working tokens, so neither works.
    expect((await start(k2, [received.token, own.token])).body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await start(k1, [received.token, own.token])).body.errors[0].extensions.code).toBe('NOT_FOUND');

    const { body } = await claim(own.token, k2, k1);
    expect(body.errors).toBeUndefined();
    expect(body.data.claimFollowUpKey).toBe(k2);
    const k2Id = (await keyRow(k2)).id;
    expect(await keyIdOf(own.participant.id)).toBe(k2Id);
    expect(await keyIdOf(revoked.participant.id)).toBe(k2Id);
    expect((await nodes(k2)).map((n: any) => n.id).sort()).toEqual([ownFinding, revokedFinding, received.finding].sort());
    expect((await keyRow(k1)).revoked_at).not.toBeNull();
    expect((await followUp(k1)).body.errors[0].extensions.code).toBe('NOT_FOUND');
    // Claiming again (the app retrying) answers the key the row has now.
    expect((await claim(own.token, k2, k1)).body.data.claimFollowUpKey).toBe(k2);

    const again = await start(k2, [received.token, own.token]);
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data.startDeviceTransfer.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  });

  it('keeps the old key while a working row is left on it: only the merged row moves', async () => {
    const first = await join(fx.schouwA);
    const k1 = first.followUpKey;
    const second = await join(schouwC, k1);
    const firstFinding = await record(first.token, fx.schouwA, 'Zwerfvuil');
    const secondFinding = await record(second.token, schouwC, 'Lantaarn stuk');
    const received = await receivedByTransfer(schouwB, 'Put verzakt');

    expect((await claim(first.token, received.key, k1)).body.data.claimFollowUpKey).toBe(received.key);
    expect((await keyRow(k1)).revoked_at).toBeNull();
    expect((await nodes(k1)).map((n: any) => n.id)).toEqual([secondFinding]);
    expect((await nodes(received.key)).map((n: any) => n.id).sort()).toEqual([firstFinding, received.finding].sort());
    expect((await keyRow(k1)).id).toBe(await keyIdOf(second.participant.id));
  });

  it('refuses a merge (CONFLICT, nothing moves) with a wrong or revoked currentKey, or without a valid followUpKey', async () => {
    const stranger = await join(fx.schouwA, undefined, 'Kees');
    const cases: { name: string; followUpKey?: string; currentKey?: (k1: string) => string; revokeK1?: boolean }[] = [
      { name: 'another valid key as currentKey', currentKey: () => stranger.followUpKey },
      { name: 'an unknown currentKey', currentKey: () => 'niet-een-echte-sleutel' },
      { name: 'the right currentKey, revoked', currentKey: (k1) => k1, revokeK1: true },
      { name: 'no followUpKey', currentKey: (k1) => k1 },
      { name: 'an unknown followUpKey', currentKey: (k1) => k1 },
    ];
    for (const c of cases) {
      const own = await join(fx.schouwA);
      const received = await receivedByTransfer(schouwB, `Bevinding bij ${c.name}`);
      const followUpKey = c.name === 'no followUpKey' ? undefined : c.name === 'an unknown followUpKey' ? 'ook-geen-sleutel' : received.key;
      if (c.revokeK1) await db().updateTable('follow_up_key').set({ revoked_at: new Date().toISOString() }).where('key_hash', '=', hashSecret(own.followUpKey)).execute();
      const before = await keyIdOf(own.participant.id);
      const receivedBefore = await nodes(received.key);
      const { body } = await claim(own.token, followUpKey, c.currentKey?.(own.followUpKey));
      expect(body.errors?.[0].extensions.code, c.name).toBe('CONFLICT');
      expect(body.errors[0].message, c.name).toBe('Deze activiteit hoort al bij een opvolgcode van een telefoon.');
      expect(await keyIdOf(own.participant.id), c.name).toBe(before);
      expect(await nodes(received.key), c.name).toEqual(receivedBefore);
      expect((await keyRow(own.followUpKey)).revoked_at !== null, c.name).toBe(!!c.revokeK1);
    }
  });

  it('counts unknown and revoked keys of claims per IP, forgiving the claims whose keys are valid', async () => {
    const settings = createAuthSettings({ ...fx.t.config, loginMaxAttemptsPerIp: 2 });
    const own = await join(fx.schouwA);
    const viewer = { kind: 'participant' as const, participantId: own.participant.id, campaignId: fx.schouwA.id };
    const claimAs = (followUpKey?: string, currentKey?: string) => claimFollowUpKey(db(), settings, viewer, { followUpKey, currentKey, clientIp: '192.0.2.60' });
    // Valid keys (even when the claim is refused) and no keys at all are no guesses.
    for (let i = 0; i < 3; i++) await expect(claimAs(own.followUpKey)).resolves.toBe(own.followUpKey);
    for (let i = 0; i < 3; i++) await expect(claimAs()).rejects.toMatchObject({ code: 'CONFLICT' });
    // A currentKey is not looked up when the presented key is the row's own.
    await expect(claimAs(own.followUpKey, 'niet-een-echte-sleutel')).resolves.toBe(own.followUpKey);
    const other = (await join(fx.schouwA, undefined, 'Kees')).followUpKey;
    await expect(claimAs('onbekend-1')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(claimAs(other, 'onbekend-2')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(claimAs(own.followUpKey)).rejects.toMatchObject({ message: 'Te veel onbekende codes geprobeerd. Wacht even en probeer het opnieuw.', code: 'RATE_LIMITED' });
    // Another IP is not affected.
    await expect(claimFollowUpKey(db(), settings, viewer, { followUpKey: own.followUpKey, clientIp: '192.0.2.61' })).resolves.toBe(own.followUpKey);
  });

  it('unlinkFollowUpKey takes an activity off the key: its findings leave followUp, and a transfer with the remaining tokens succeeds', async () => {
    const kept = await join(fx.schouwA);
    const key = kept.followUpKey;
    const left = await join(schouwB, key);
    const keptFinding = await record(kept.token, fx.schouwA, 'Stoep kapot');
    const leftFinding = await record(left.token, schouwB, 'Graffiti');
    expect((await nodes(key)).map((n: any) => n.id).sort()).toEqual([keptFinding, leftFinding].sort());
    // While the left activity is linked, the phone (which no longer has its token) cannot transfer.
    expect((await start(key, [kept.token])).body.errors[0].extensions.code).toBe('NOT_FOUND');

    const unlink = () => graphql(fx.t.url, 'mutation { unlinkFollowUpKey }', undefined, { authorization: `Bearer ${left.token}` });
    for (let i = 0; i < 2; i++) {
      const { body } = await unlink();
      expect(body.errors).toBeUndefined();
      expect(body.data.unlinkFollowUpKey).toBe(true);
    }
    expect(await keyIdOf(left.participant.id)).toBeNull();
    expect((await nodes(key)).map((n: any) => n.id)).toEqual([keptFinding]);
    // The membership itself goes on: only its link to this phone's key ended.
    expect((await graphql(fx.t.url, '{ myData { participant { id } } }', undefined, { authorization: `Bearer ${left.token}` })).body.data.myData.participant.id).toBe(left.participant.id);

    const started = await start(key, [kept.token]);
    expect(started.body.errors).toBeUndefined();
    const { body } = await graphql(fx.t.url, COMPLETE, { code: started.body.data.startDeviceTransfer.code });
    expect(body.errors).toBeUndefined();
    expect(body.data.completeDeviceTransfer.memberships.map((m: any) => m.participant.id)).toEqual([kept.participant.id]);
    expect((await graphql(fx.t.url, '{ myData { participant { id } } }', undefined, { authorization: `Bearer ${left.token}` })).body.errors).toBeUndefined();
  });
});

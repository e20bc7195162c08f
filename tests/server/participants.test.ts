/** Joining without an account, device tokens, revocation, and the participant's privacy rights. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../server/src/auth/tokens.js';
import { changeCampaignStatus, createCampaign, daysOfCampaigns } from '../../server/src/modules/campaign/campaign.service.js';
import { recordTallyEvent } from '../../server/src/modules/tally/tally.service.js';
import { v7 as uuidv7 } from 'uuid';
import { erasePersonalDataOfClosedCampaigns } from '../../server/src/modules/participant/retention.service.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { databaseFile, graphql } from '../support/test-app.js';

const CREATE_INVITE = 'mutation($input: CreateParticipantInviteInput!) { createParticipantInvite(input: $input) { id code link usable } }';
const JOIN = 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { token participant { id displayName pseudonym showNameInRankings } campaign { name } } }';
const MY_DATA = '{ myData { participant { displayName contact pseudonym showNameInRankings } campaign { name } } }';

describe('participants', () => {
  let fx: AccessFixture;
  const join = (code: string, extra: Record<string, unknown> = {}) =>
    graphql(fx.t.url, JOIN, { input: { code, displayName: 'Fatima', contactConsent: false, showNameInRankings: true, ...extra } });
  const newInvite = async (input: Record<string, unknown> = {}) =>
    (await graphql(fx.t.url, CREATE_INVITE, { input: { campaignId: fx.campaignA.id, ...input } }, fx.headers.coordinator)).body.data.createParticipantInvite;
  const participantCount = async () => Number((await fx.t.app.connection.db.selectFrom('participant').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  // On a file, as in production: a query that reads contact details must still write its
  // audit record, though queries read on a read-only connection there.
  const file = databaseFile();
  beforeAll(async () => {
    fx = await accessFixture({ PUBLIC_URL: 'https://buurtkracht.example/', ...file.env });
  });
  afterAll(async () => {
    await fx.t.close();
    file.remove();
  });

  it('makes an invite with a short unambiguous code and a link a QR code can carry', async () => {
    const invite = await newInvite({ label: 'Poster Troelstrastraat' });
    expect(invite.code).toMatch(/^[A-HJ-NP-Z2-9]{10}$/);
    expect(invite.link).toBe(`https://buurtkracht.example/meedoen/${invite.code}`);
    expect(invite.usable).toBe(true);
  });

  it('previews and joins with a code typed in lower case with spaces, and hands out a device token stored only as a hash', async () => {
    const { code } = await newInvite();
    const typed = `${code.slice(0, 5).toLowerCase()} ${code.slice(5)}`;
    const preview = await graphql(fx.t.url, 'query($code: String!) { invitePreview(code: $code) { campaignName campaignKind } }', { code: typed });
    expect(preview.body.data.invitePreview).toEqual({ campaignName: 'Tegelwippen Staatsliedenbuurt', campaignKind: 'TEGELWIPPEN' });

    const { body } = await join(typed, { contact: '06-12345678', contactConsent: true });
    const { token, participant, campaign } = body.data.joinCampaign;
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(participant).toMatchObject({ displayName: 'Fatima', showNameInRankings: true });
    expect(participant.pseudonym).toMatch(/^Buurtgenoot [A-Z2-9]{4}$/);
    expect(campaign.name).toBe('Tegelwippen Staatsliedenbuurt');
    const row = await fx.t.app.connection.db.selectFrom('participant').selectAll().where('id', '=', participant.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashSecret(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const mine = await graphql(fx.t.url, MY_DATA, undefined, { authorization: `Bearer ${token}` });
    expect(mine.body.data.myData.participant).toMatchObject({ displayName: 'Fatima', contact: '06-12345678' });
  });

  it("hands out a follow-up key with every join: the device's own when it presents a valid one, else a new one", async () => {
    const JOIN_WITH_KEY = 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { followUpKey participant { id } } }';
    const joinWith = async (followUpKey?: string) =>
      (await graphql(fx.t.url, JOIN_WITH_KEY, { input: { code: (await newInvite()).code, displayName: 'Fatima', contactConsent: false, showNameInRankings: true, followUpKey } })).body.data.joinCampaign;
    const first = await joinWith();
    expect((await joinWith(first.followUpKey)).followUpKey).toBe(first.followUpKey);
    const unknown = await joinWith('een-sleutel-die-niet-bestaat');
    expect(unknown.followUpKey).not.toBe('een-sleutel-die-niet-bestaat');
    expect(unknown.followUpKey).not.toBe(first.followUpKey);
    const row = await fx.t.app.connection.db.selectFrom('participant').selectAll().where('id', '=', first.participant.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(first.followUpKey);
  });

  it('refuses contact details without consent and stores nothing', async () => {
    const { code } = await newInvite();
    const before = await participantCount();
    const { body } = await join(code, { contact: 'fatima@example.org', contactConsent: false });
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/toestemming/);
    expect(await participantCount()).toBe(before);
  });

  it('refuses a name that is too long or empty, in Dutch', async () => {
    const { code } = await newInvite();
    expect((await join(code, { displayName: 'x'.repeat(41) })).body.errors[0].message).toMatch(/hoogstens 40 tekens/);
    expect((await join(code, { displayName: '   ' })).body.errors[0].message).toMatch(/Kies een naam/);
  });

  it('refuses unknown, used-up, expired and revoked invites with the same answer', async () => {
    const once = await newInvite({ maxUses: 1 });
    expect((await join(once.code)).body.errors).toBeUndefined();
    const expiring = await newInvite({ expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await fx.t.app.connection.db.updateTable('participant_invite').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', expiring.id).execute();
    const revoked = await newInvite();
    await graphql(fx.t.url, 'mutation($id: ID!) { revokeParticipantInvite(inviteId: $id) { revokedAt } }', { id: revoked.id }, fx.headers.coordinator);

    const before = await participantCount();
    for (const code of ['ONBEKEND23', once.code, expiring.code, revoked.code]) {
      const { body } = await join(code);
      expect(body.errors[0].extensions.code, code).toBe('NOT_FOUND');
      expect(body.errors[0].message).toMatch(/bestaat niet of is niet meer geldig/);
    }
    expect(await participantCount()).toBe(before);
  });

  it('refuses to join a closed campaign', async () => {
    const draft = await createCampaign(fx.t.app.connection.db, fx.asViewer('admin'), { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name: 'Schouw die sluit', requestId: 't' });
    const invite = (await graphql(fx.t.url, CREATE_INVITE, { input: { campaignId: draft.id } }, fx.headers.coordinator)).body.data.createParticipantInvite;
    await changeCampaignStatus(fx.t.app.connection.db, fx.asViewer('admin'), { campaignId: draft.id, status: 'OPEN', requestId: 't' });
    await changeCampaignStatus(fx.t.app.connection.db, fx.asViewer('admin'), { campaignId: draft.id, status: 'CLOSED', requestId: 't' });
    expect((await join(invite.code)).body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('enforces the campaign status order DRAFT → OPEN → CLOSED and audits each change', async () => {
    const draft = await createCampaign(fx.t.app.connection.db, fx.asViewer('admin'), { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name: 'Volgorde', requestId: 't' });
    const change = (status: string) =>
      graphql(fx.t.url, 'mutation($input: ChangeCampaignStatusInput!) { changeCampaignStatus(input: $input) { status } }', { input: { campaignId: draft.id, status } }, fx.headers.coordinator);
    expect((await change('CLOSED')).body.errors[0].extensions.code).toBe('CONFLICT');
    expect((await change('OPEN')).body.data.changeCampaignStatus.status).toBe('OPEN');
    expect((await change('DRAFT')).body.errors[0].extensions.code).toBe('CONFLICT');
    const events = await fx.t.app.connection.db.selectFrom('audit_event').selectAll().where('subject_id', '=', draft.id).where('action', '=', 'campaign.status_changed').execute();
    expect(events.map((e) => JSON.parse(e.detail!))).toEqual([{ from: 'DRAFT', to: 'OPEN' }]);
    expect(events[0]!.actor_account_id).toBe(fx.ids.coordinator);
  });

  it('lets a coordinator revoke a device: its token then gets UNAUTHENTICATED (401)', async () => {
    const { id, headers } = await fx.makeParticipant(fx.campaignA);
    await graphql(fx.t.url, 'mutation($id: ID!) { revokeParticipant(participantId: $id) { revokedAt } }', { id }, fx.headers.coordinator);
    const after = await graphql(fx.t.url, MY_DATA, undefined, headers);
    expect(after.status).toBe(401);
    expect(after.body.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' } });
    expect(after.body.errors[0].message).toMatch(/ingetrokken/);
  });

  it('records in the audit log when staff read contact details', async () => {
    const { id } = await fx.makeParticipant(fx.campaignA);
    const list = await graphql(fx.t.url, 'query($id: ID!) { campaign(id: $id) { participants(first: 100) { edges { node { id contact } } } } }', { id: fx.campaignA.id }, fx.headers.coordinator);
    const node = list.body.data.campaign.participants.edges.find((e: any) => e.node.id === id).node;
    expect(node.contact).toMatch(/@test.example$/);
    const audit = await fx.t.app.connection.db.selectFrom('audit_event').selectAll().where('action', '=', 'participant.contact_viewed').where('subject_id', '=', id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_account_id).toBe(fx.ids.coordinator);
    expect(audit[0]!.detail ?? '').not.toContain('@');
  });

  it('lets a participant delete their own data: name and contact gone, pseudonym kept, device signed out', async () => {
    const { id, headers } = await fx.makeParticipant(fx.campaignA);
    expect((await graphql(fx.t.url, 'mutation { deleteMyData }', undefined, headers)).body.data.deleteMyData).toBe(true);
    const row = await fx.t.app.connection.db.selectFrom('participant').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ display_name: null, contact: null, contact_consent_at: null, show_name_in_rankings: 0 });
    expect(row.pseudonym).toMatch(/^Buurtgenoot /);
    expect(row.erased_at).toBeTruthy();
    expect((await graphql(fx.t.url, MY_DATA, undefined, headers)).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('erases personal data (names, contact, house numbers) of campaigns closed longer than the retention period, and only those', async () => {
    const db = fx.t.app.connection.db;
    const admin = fx.asViewer('admin');
    const make = async (name: string, closedDaysAgo: number) => {
      const draft = await createCampaign(db, admin, { neighbourhoodId: fx.neighbourhoodA, kind: 'TEGELWIPPEN', name, days: [{ date: '2027-04-01' }], requestId: 't' });
      const campaign = await changeCampaignStatus(db, admin, { campaignId: draft.id, status: 'OPEN', requestId: 't' });
      const participant = await fx.makeParticipant(campaign);
      const day = (await daysOfCampaigns(db, [campaign.id]))[0]!.id;
      const viewer = { kind: 'participant' as const, participantId: participant.id, campaignId: campaign.id };
      await db.transaction().execute((trx) => recordTallyEvent(trx, viewer, { id: uuidv7(), campaignId: campaign.id, actionDayId: day, streetId: fx.streetA, houseNumber: '7', unitCode: 'TEGEL_30X30', count: 3 }));
      await changeCampaignStatus(db, admin, { campaignId: draft.id, status: 'CLOSED', requestId: 't' });
      await db.updateTable('campaign').set({ closed_at: new Date(Date.now() - closedDaysAgo * 86_400_000).toISOString() }).where('id', '=', draft.id).execute();
      return { campaignId: draft.id, participantId: participant.id };
    };
    const old = await make('Lang geleden', 100);
    const recent = await make('Net gesloten', 10);
    expect(await erasePersonalDataOfClosedCampaigns(db, 90)).toBe(1);
    const participant = (id: string) => db.selectFrom('participant').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect((await participant(old.participantId)).display_name).toBeNull();
    expect((await participant(old.participantId)).pseudonym).toMatch(/^Buurtgenoot /);
    expect((await participant(recent.participantId)).display_name).not.toBeNull();
    const houseNumbers = async (campaignId: string) => (await db.selectFrom('tally_event').select(['house_number', 'area_cm2']).where('campaign_id', '=', campaignId).execute());
    expect(await houseNumbers(old.campaignId)).toEqual([{ house_number: null, area_cm2: 2700 }]);
    expect(await houseNumbers(recent.campaignId)).toEqual([{ house_number: '7', area_cm2: 2700 }]);
    const audit = await db.selectFrom('audit_event').selectAll().where('action', '=', 'campaign.personal_data_erased').where('subject_id', '=', old.campaignId).execute();
    expect(audit).toHaveLength(1);
    expect(await erasePersonalDataOfClosedCampaigns(db, 90)).toBe(0);
  });
});

describe('guessing invite codes', () => {
  it('is throttled per IP with 429', async () => {
    const fx = await accessFixture({ LOGIN_MAX_ATTEMPTS_PER_IP: '3' });
    try {
      const preview = () => graphql(fx.t.url, 'query($code: String!) { invitePreview(code: $code) { campaignName } }', { code: 'GEENCODE22' });
      for (let i = 0; i < 3; i++) expect((await preview()).body.errors[0].extensions.code).toBe('NOT_FOUND');
      const blocked = await preview();
      expect(blocked.status).toBe(429);
      expect(blocked.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    } finally {
      await fx.t.close();
    }
  });
});

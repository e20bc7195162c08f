/**
 * A participant changes their own consent after joining (updateMyConsent): the ranking
 * choice shows in the dashboard at once, withdrawing contact consent erases the contact
 * details, contact details without consent are refused in Dutch with nothing changed,
 * erased participants are refused, and nobody else's data moves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { updateMyConsent } from '../../server/src/modules/participant/consent.service.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';

const UPDATE = 'mutation($input: UpdateMyConsentInput!) { updateMyConsent(input: $input) { id displayName contact contactConsentAt showNameInRankings pseudonym } }';
const MY_DATA = '{ myData { participant { displayName contact contactConsentAt showNameInRankings } } }';
const DASHBOARD = 'query($id: ID!) { tallyDashboard(campaignId: $id, top: 50) { topParticipants { name isPseudonym participantId } } }';
const RECORD = 'mutation($input: RecordTallyEventInput!) { recordTallyEvent(input: $input) { id } }';

describe('updateMyConsent', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture();
  });
  afterAll(() => fx.t.close());

  const db = () => fx.t.app.connection.db;
  const row = (id: string) => db().selectFrom('participant').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const update = (headers: Record<string, string>, input: Record<string, unknown>) => fx.query(headers, UPDATE, { input });
  /** A participant of campaign A who counted 10 tiles, with contact details given with consent and no name in rankings. */
  async function volunteer() {
    const p = await fx.makeParticipant(fx.campaignA);
    const { body } = await fx.query(p.headers, RECORD, { input: { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: fx.streetA, sizeCode: 'TEGEL_30X30', count: 10 } });
    expect(body.errors).toBeUndefined();
    return p;
  }
  const rankedAs = async (participantId: string) =>
    (await fx.query('coordinator', DASHBOARD, { id: fx.campaignA.id })).body.data.tallyDashboard.topParticipants.find((r: { participantId: string }) => r.participantId === participantId);

  it('shows the name in the ranking once allowed, and the pseudonym again once withdrawn', async () => {
    const p = await volunteer();
    const { display_name, pseudonym, contact } = await row(p.id);
    expect(await rankedAs(p.id)).toMatchObject({ name: pseudonym, isPseudonym: true });

    const allowed = await update(p.headers, { contact, contactConsent: true, showNameInRankings: true });
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data.updateMyConsent).toMatchObject({ id: p.id, showNameInRankings: true, contact, pseudonym });
    expect(await rankedAs(p.id)).toMatchObject({ name: display_name, isPseudonym: false });
    // What another volunteer sees, through their own token.
    const other = await fx.makeParticipant(fx.campaignA);
    const seen = (await fx.query(other.headers, DASHBOARD, { id: fx.campaignA.id })).body.data.tallyDashboard.topParticipants.map((r: { name: string }) => r.name);
    expect(seen).toContain(display_name);

    await update(p.headers, { contact, contactConsent: true, showNameInRankings: false });
    expect(await rankedAs(p.id)).toMatchObject({ name: pseudonym, isPseudonym: true });
    expect((await fx.query(other.headers, DASHBOARD, { id: fx.campaignA.id })).body.data.tallyDashboard.topParticipants.map((r: { name: string }) => r.name)).not.toContain(display_name);
  });

  it('erases the contact details and their consent time when consent is withdrawn, and records that in the audit log without them', async () => {
    const p = await volunteer();
    const before = await row(p.id);
    expect(before.contact).toMatch(/@test\.example$/);

    const { body } = await update(p.headers, { contact: before.contact, contactConsent: false, showNameInRankings: false });
    // The form sends what is in the field; without consent it is refused, so the app sends none.
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const withdrawn = await update(p.headers, { contact: null, contactConsent: false, showNameInRankings: false });
    expect(withdrawn.body.data.updateMyConsent).toMatchObject({ contact: null, contactConsentAt: null });
    expect(await row(p.id)).toMatchObject({ contact: null, contact_consent_at: null, display_name: before.display_name });
    expect((await fx.query(p.headers, MY_DATA)).body.data.myData.participant).toMatchObject({ contact: null, contactConsentAt: null });
    const listed = (await fx.query('coordinator', 'query($id: ID!) { campaign(id: $id) { participants(first: 100) { edges { node { id contact } } } } }', { id: fx.campaignA.id })).body.data.campaign.participants.edges;
    expect(listed.find((e: { node: { id: string } }) => e.node.id === p.id).node.contact).toBeNull();

    const audit = await db().selectFrom('audit_event').selectAll().where('subject_id', '=', p.id).where('action', '=', 'participant.consent_changed_by_self').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail!)).toEqual({ contactConsent: false, contactChanged: true, showNameInRankings: false });
    expect(audit[0]!.detail).not.toContain(before.contact!);
  });

  it('gives new contact details a new consent time and keeps the time of details that did not change', async () => {
    const p = await fx.makeParticipant(fx.campaignA);
    const before = await row(p.id);
    await update(p.headers, { contact: ` ${before.contact} `, contactConsent: true, showNameInRankings: true });
    expect((await row(p.id)).contact_consent_at).toBe(before.contact_consent_at);
    const { body } = await update(p.headers, { contact: '06-12345678', contactConsent: true, showNameInRankings: true });
    expect(body.data.updateMyConsent.contact).toBe('06-12345678');
    const after = await row(p.id);
    expect(after.contact).toBe('06-12345678');
    expect(after.contact_consent_at! > before.contact_consent_at!).toBe(true);
  });

  it('refuses contact details without consent, in Dutch next to the field, and changes nothing', async () => {
    const p = await fx.makeParticipant(fx.campaignA);
    const before = await row(p.id);
    const { body } = await update(p.headers, { contact: 'nieuw@example.org', contactConsent: false, showNameInRankings: true });
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/toestemming/);
    expect(body.errors[0].extensions.fields).toEqual([{ path: ['input', 'contact'], message: body.errors[0].message }]);
    expect(await row(p.id)).toEqual(before);

    const tooLong = await update(p.headers, { contact: 'x'.repeat(201), contactConsent: true, showNameInRankings: true });
    expect(tooLong.body.errors[0].message).toBe('Gebruik hoogstens 200 tekens.');
    expect(tooLong.body.errors[0].extensions.fields[0].path).toEqual(['input', 'contact']);
    expect(await row(p.id)).toEqual(before);
  });

  it("changes only the caller's own row", async () => {
    const p = await fx.makeParticipant(fx.campaignA);
    const others = await db().selectFrom('participant').selectAll().where('id', '!=', p.id).orderBy('id').execute();
    await update(p.headers, { contact: null, contactConsent: false, showNameInRankings: true });
    await update(p.headers, { contact: '0612345678', contactConsent: true, showNameInRankings: false });
    expect(await db().selectFrom('participant').selectAll().where('id', '!=', p.id).orderBy('id').execute()).toEqual(others);
  });

  it('refuses an erased participant: the token no longer works, and the service answers not found and writes nothing', async () => {
    const p = await fx.makeParticipant(fx.campaignA);
    expect((await fx.query(p.headers, 'mutation { deleteMyData }')).body.data.deleteMyData).toBe(true);
    const erased = await row(p.id);
    const { body } = await update(p.headers, { contact: 'terug@example.org', contactConsent: true, showNameInRankings: true });
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    // Even with a viewer made by hand (as if a token check had let it through).
    await expect(
      updateMyConsent(db(), { kind: 'participant', participantId: p.id, campaignId: fx.campaignA.id }, { contact: 'terug@example.org', contactConsent: true, showNameInRankings: true }, 't'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await row(p.id)).toEqual(erased);
    expect(erased).toMatchObject({ display_name: null, contact: null, show_name_in_rankings: 0 });
  });
});

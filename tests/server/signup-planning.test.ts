/**
 * The coordinator's planning over HTTP, on a database file with the sync worker: opening
 * the form, the tools and their stock, a date's totals (tools asked for against the stock,
 * help, pickup, streets on the map), the pickup list as a page and as CSV for Dutch Excel,
 * the audit records, and retention erasing sign-ups with the campaign's personal data.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { changeCampaignStatus, createCampaign } from '../../server/src/modules/campaign/campaign.service.js';
import { erasePersonalDataOfClosedCampaigns } from '../../server/src/modules/participant/retention.service.js';
import { addStreet } from '../../server/src/modules/neighbourhood/neighbourhood.service.js';
import { setDayCapacity, setSignupOpen } from '../../server/src/modules/signup/signup-planning.service.js';
import { createSpot } from '../../server/src/modules/spot/spot.service.js';
import { correctTallyEvent, recordTallyEvent } from '../../server/src/modules/tally/tally.service.js';
import { signupFixture, type SignupFixture } from '../support/signup-fixture.js';

const TOOLS = 'mutation($id: ID!, $tools: [CampaignToolInput!]!) { saveCampaignTools(campaignId: $id, tools: $tools) { id name stock } }';
const OPEN = 'mutation($id: ID!, $open: Boolean!) { setSignupOpen(campaignId: $id, open: $open) { id signupOpen } }';
const PLANNING = `query($dayId: ID!) { dayPlanning(dayId: $dayId) {
  day { id capacity } capacity confirmedCount waitingCount helpRequests pickupRequests
  confirmed { displayName contact houseNumber street { id } status tools { tool { name } quantity } wantsHelp wantsPickup signedUpAt joined }
  waiting { displayName waitingPosition }
  tools { tool { name stock } requested short }
  streets { street { id name } signups lat lon }
} }`;
const PICKUP = 'query($dayId: ID!) { pickupList(dayId: $dayId) { street { name } houseNumber estimatedM2 countedM2 wantsPickup } }';

describe('planning a date', () => {
  let fx: SignupFixture;
  beforeAll(async () => {
    fx = await signupFixture();
  });
  afterAll(() => fx?.t.close());

  const db = () => fx.t.app.connection.db;
  const auditCount = async (action: string) => Number((await db().selectFrom('audit_event').select((eb) => eb.fn.countAll().as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n);
  const streets = async () => db().selectFrom('street').select(['id', 'name']).where('neighbourhood_id', '=', fx.neighbourhoodA).orderBy('name').execute();

  it('gives new tegelwip campaigns the default tools and a schouw none', async () => {
    const admin = fx.asViewer('admin');
    const tegelwip = await createCampaign(db(), admin, { neighbourhoodId: fx.neighbourhoodA, kind: 'TEGELWIPPEN', name: 'Tegelwippen 2028', requestId: 't' });
    const schouw = await createCampaign(db(), admin, { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name: 'Schouw 2028', requestId: 't' });
    const { body } = await fx.query('coordinator', 'query($a: ID!, $b: ID!) { a: campaign(id: $a) { tools { name stock } } b: campaign(id: $b) { tools { name } } }', { a: tegelwip.id, b: schouw.id });
    expect(body.data.a.tools).toEqual([
      { name: 'tegellichter', stock: null },
      { name: 'kruiwagen', stock: null },
      { name: 'bigbag', stock: null },
    ]);
    expect(body.data.b.tools).toEqual([]);
  });

  it('opens and closes the form, audited', async () => {
    const draft = await createCampaign(db(), fx.asViewer('admin'), { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name: 'Schouw aanmelden', requestId: 't' });
    const opened = await fx.query('coordinator', OPEN, { id: draft.id, open: true });
    expect(opened.body.data.setSignupOpen).toEqual({ id: draft.id, signupOpen: true });
    const closed = await fx.query('coordinator', OPEN, { id: draft.id, open: false });
    expect(closed.body.data.setSignupOpen.signupOpen).toBe(false);
    const actions = await db().selectFrom('audit_event').select('action').where('subject_id', '=', draft.id).where('action', 'like', 'campaign.signup_%').orderBy('at').execute();
    expect(actions.map((a) => a.action)).toEqual(['campaign.signup_opened', 'campaign.signup_closed']);
    expect((await fx.query('otherCoordinator', OPEN, { id: draft.id, open: true })).body.errors[0].extensions.code).toBe('NOT_FOUND');
    await changeCampaignStatus(db(), fx.asViewer('admin'), { campaignId: draft.id, status: 'OPEN', requestId: 't' });
    await changeCampaignStatus(db(), fx.asViewer('admin'), { campaignId: draft.id, status: 'CLOSED', requestId: 't' });
    expect((await fx.query('coordinator', OPEN, { id: draft.id, open: true })).body.errors[0].extensions.code).toBe('CONFLICT');
  });

  it('saves the tools whole and in order, and keeps a tool somebody asked for', async () => {
    const ids = fx.toolIds;
    const { body } = await fx.query('coordinator', TOOLS, {
      id: fx.campaignA.id,
      tools: [{ id: ids.kruiwagen, name: 'kruiwagen', stock: 4 }, { id: ids.tegellichter, name: 'tegellichter', stock: 6 }, { id: ids.bigbag, name: 'bigbag' }, { name: 'schep', stock: 3 }],
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.saveCampaignTools.map((t: { name: string; stock: number | null }) => [t.name, t.stock])).toEqual([['kruiwagen', 4], ['tegellichter', 6], ['bigbag', null], ['schep', 3]]);
    // Swapping two names in one save works (the unique name rule holds at the end).
    const swapped = await fx.query('coordinator', TOOLS, { id: fx.campaignA.id, tools: [{ id: ids.kruiwagen, name: 'tegellichter', stock: 4 }, { id: ids.tegellichter, name: 'kruiwagen', stock: 6 }, { id: ids.bigbag, name: 'bigbag' }] });
    expect(swapped.body.errors).toBeUndefined();
    await fx.query('coordinator', TOOLS, { id: fx.campaignA.id, tools: [{ id: ids.kruiwagen, name: 'kruiwagen', stock: 4 }, { id: ids.tegellichter, name: 'tegellichter', stock: 6 }, { id: ids.bigbag, name: 'bigbag' }] });
    const duplicate = await fx.query('coordinator', TOOLS, { id: fx.campaignA.id, tools: [{ name: 'Schep' }, { name: 'schep ' }] });
    expect(duplicate.body.errors[0].extensions.fields).toEqual([{ path: ['tools', '1', 'name'], message: 'Deze naam staat al in de lijst.' }]);

    await fx.signUpTegelwip({ tools: [{ toolId: ids.bigbag, quantity: 1 }] });
    const removing = await fx.query('coordinator', TOOLS, { id: fx.campaignA.id, tools: [{ id: ids.kruiwagen, name: 'kruiwagen' }, { id: ids.tegellichter, name: 'tegellichter' }] });
    expect(removing.body.errors[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('bigbag') });
    expect(await auditCount('campaign.tools_saved')).toBe(3);
  });

  it('totals a date: who comes, the waiting list, tools against stock, help, pickup and streets with their middle', async () => {
    const dayId = await fx.addDay(fx.campaignA, 60);
    await fx.query('coordinator', 'mutation($dayId: ID!) { setCampaignDayCapacity(dayId: $dayId, capacity: 3) { capacity } }', { dayId });
    const admin = fx.asViewer('admin');
    const [first] = await streets();
    const added = await addStreet(db(), admin, { neighbourhoodId: fx.neighbourhoodA, name: 'Nieuwe Laan' });
    const second = { id: added.id, name: added.name };
    await createSpot(db(), admin, fx.neighbourhoodA, { streetId: first!.id, type: 'BOOM', name: 'Boom noord', lat: 51.86, lon: 4.65 });
    await createSpot(db(), admin, fx.neighbourhoodA, { streetId: first!.id, type: 'BOOM', name: 'Boom zuid', lat: 51.862, lon: 4.654 });
    const t = fx.toolIds;
    await fx.query('coordinator', TOOLS, { id: fx.campaignA.id, tools: [{ id: t.kruiwagen, name: 'kruiwagen', stock: 4 }, { id: t.tegellichter, name: 'tegellichter', stock: 6 }, { id: t.bigbag, name: 'bigbag' }] });
    await fx.signUpTegelwip({ dayIds: [dayId], displayName: 'Ada', contact: 'ada@example.nl', contactConsent: true, streetId: first!.id, houseNumber: '1', tools: [{ toolId: t.kruiwagen, quantity: 3 }, { toolId: t.tegellichter, quantity: 2 }], wantsHelp: true, wantsPickup: true });
    await fx.signUpTegelwip({ dayIds: [dayId], displayName: 'Bob', streetId: first!.id, houseNumber: '3', tools: [{ toolId: t.kruiwagen, quantity: 2 }], wantsPickup: true });
    await fx.signUpTegelwip({ dayIds: [dayId], displayName: 'Cas', contact: '0611111111', contactConsent: true, streetId: second!.id, houseNumber: '5', tools: [{ toolId: t.bigbag, quantity: 4 }] });
    await fx.signUpTegelwip({ dayIds: [dayId], displayName: 'Dirk', streetId: second!.id, houseNumber: '8', tools: [{ toolId: t.kruiwagen, quantity: 9 }], wantsHelp: true });
    const before = await auditCount('signup.contacts_viewed');

    const { body } = await fx.query('coordinator', PLANNING, { dayId });
    expect(body.errors).toBeUndefined();
    const plan = body.data.dayPlanning;
    expect(plan).toMatchObject({ day: { id: dayId, capacity: 3 }, capacity: 3, confirmedCount: 3, waitingCount: 1, helpRequests: 1, pickupRequests: 2 });
    expect(plan.confirmed.map((s: { displayName: string }) => s.displayName)).toEqual(['Ada', 'Bob', 'Cas']);
    expect(plan.confirmed[0]).toMatchObject({ contact: 'ada@example.nl', houseNumber: '1', status: 'CONFIRMED', joined: false, tools: [{ tool: { name: 'kruiwagen' }, quantity: 3 }, { tool: { name: 'tegellichter' }, quantity: 2 }] });
    expect(plan.confirmed[1].contact).toBeNull();
    expect(plan.waiting).toEqual([{ displayName: 'Dirk', waitingPosition: 1 }]);
    // Only confirmed sign-ups count; Dirk's 9 wheelbarrows wait with him.
    expect(plan.tools).toEqual([
      { tool: { name: 'kruiwagen', stock: 4 }, requested: 5, short: 1 },
      { tool: { name: 'tegellichter', stock: 6 }, requested: 2, short: 0 },
      { tool: { name: 'bigbag', stock: null }, requested: 4, short: 0 },
    ]);
    // The middle of every spot with a position in the street (the demo's spots too); none: null.
    const positions = await db().selectFrom('spot').select(['lat', 'lon']).where('street_id', '=', first!.id).where('lat', 'is not', null).execute();
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(positions.length).toBeGreaterThanOrEqual(2);
    expect(plan.streets).toEqual(
      [
        { street: first, signups: 2, lat: expect.closeTo(mean(positions.map((p) => p.lat!)), 9), lon: expect.closeTo(mean(positions.map((p) => p.lon!)), 9) },
        { street: second, signups: 1, lat: null, lon: null },
      ].sort((a, b) => a.street!.name.localeCompare(b.street!.name, 'nl')),
    );
    // Contact details read: one audit record for the date, not one per person.
    expect((await auditCount('signup.contacts_viewed')) - before).toBe(1);

    expect((await fx.query('otherCoordinator', PLANNING, { dayId })).body.data.dayPlanning).toBeNull();
    expect((await fx.query('coordinator', PLANNING, { dayId: uuidv7() })).body.data.dayPlanning).toBeNull();
  });

  it('runs its changes inside a caller’s transaction, as the demo seed does: all stand or fall together', async () => {
    const draft = await createCampaign(db(), fx.asViewer('admin'), { neighbourhoodId: fx.neighbourhoodA, kind: 'TEGELWIPPEN', name: 'Samen of niet', requestId: 't' });
    const dayId = await fx.addDay(draft, 65);
    const admin = fx.asViewer('admin');
    const together = db().transaction().execute(async (trx) => {
      await setSignupOpen(trx, admin, { campaignId: draft.id, open: true, requestId: 't' });
      await setDayCapacity(trx, admin, { dayId, capacity: 5, requestId: 't' });
      throw new Error('terugdraaien');
    });
    await expect(together).rejects.toThrow('terugdraaien');
    const day = await db().selectFrom('campaign_day').select('capacity').where('id', '=', dayId).executeTakeFirstOrThrow();
    const campaign = await db().selectFrom('campaign').select('signup_open').where('id', '=', draft.id).executeTakeFirstOrThrow();
    expect({ capacity: day.capacity, open: campaign.signup_open }).toEqual({ capacity: null, open: 0 });
  });

  it('records capacity changes in the audit log', async () => {
    const dayId = await fx.addDay(fx.campaignA, 61);
    await fx.query('coordinator', 'mutation($dayId: ID!) { setCampaignDayCapacity(dayId: $dayId, capacity: 12) { capacity } }', { dayId });
    const [row] = await db().selectFrom('audit_event').select(['detail', 'actor_account_id']).where('action', '=', 'campaign_day.capacity_changed').where('subject_id', '=', dayId).execute();
    expect(JSON.parse(row!.detail!)).toEqual({ from: null, to: 12, movedUp: 0 });
    expect(row!.actor_account_id).toBe(fx.ids.coordinator);
  });

  describe('the pickup list', () => {
    let dayId: string;
    beforeAll(async () => {
      dayId = await fx.addDay(fx.campaignA, 0);
      const [first, second] = await streets();
      await fx.signUpTegelwip({ dayIds: [dayId], streetId: second!.id, houseNumber: '10', estimateM2: 12, wantsPickup: true });
      await fx.signUpTegelwip({ dayIds: [dayId], streetId: first!.id, houseNumber: '12 A', estimateTiles: 110, wantsPickup: true });
      await fx.signUpTegelwip({ dayIds: [dayId], streetId: first!.id, houseNumber: '9', wantsPickup: false });
      await fx.signUpTegelwip({ dayIds: [dayId], streetId: first!.id, houseNumber: '2' });
      const admin = fx.asViewer('admin');
      const record = (houseNumber: string, count: number, streetId = first!.id) =>
        db().transaction().execute((trx) => recordTallyEvent(trx, admin, { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: dayId, streetId, houseNumber, unitCode: 'TEGEL_30X30', count }));
      // "12a" and "12-A" are the address signed up as "12 A"; a correction counts against it.
      const counted = await record('12a', 40);
      await record('12-A', 10);
      await db().transaction().execute((trx) => correctTallyEvent(trx, admin, { id: uuidv7(), correctsEventId: counted.id, count: 5 }));
      // Another day's tiles at the same address are not this day's.
      await db().transaction().execute((trx) => recordTallyEvent(trx, admin, { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: fx.tegelwipDay, streetId: first!.id, houseNumber: '9', unitCode: 'TEGEL_30X30', count: 7 }));
    });

    it('lists confirmed addresses by street and house number, with estimate, counted area and pickup', async () => {
      const [first, second] = await streets();
      const { body } = await fx.query('coordinator', PICKUP, { dayId });
      expect(body.errors).toBeUndefined();
      expect(body.data.pickupList).toEqual([
        { street: { name: first!.name }, houseNumber: '2', estimatedM2: null, countedM2: null, wantsPickup: false },
        { street: { name: first!.name }, houseNumber: '9', estimatedM2: null, countedM2: null, wantsPickup: false },
        { street: { name: first!.name }, houseNumber: '12 A', estimatedM2: 10, countedM2: 4.05, wantsPickup: true },
        { street: { name: second!.name }, houseNumber: '10', estimatedM2: 12, countedM2: null, wantsPickup: true },
      ]);
      expect((await fx.query('otherCoordinator', PICKUP, { dayId })).body.errors[0].extensions.code).toBe('NOT_FOUND');
    });

    it('records reading the addresses in the audit log, once per date and request', async () => {
      const viewed = () => db().selectFrom('audit_event').select(['subject_id', 'actor_account_id', 'request_id']).where('action', '=', 'signup.addresses_viewed').orderBy('at').execute();
      const before = (await viewed()).length;
      // Two aliases for the same date in one request: one record.
      const twice = await fx.query('coordinator', 'query($dayId: ID!) { a: pickupList(dayId: $dayId) { houseNumber } b: pickupList(dayId: $dayId) { houseNumber } }', { dayId });
      expect(twice.body.data.a).toHaveLength(4);
      const after = await viewed();
      expect(after.slice(before)).toEqual([{ subject_id: dayId, actor_account_id: fx.ids.coordinator, request_id: expect.any(String) }]);
      await fx.query('coordinator', PICKUP, { dayId });
      expect((await viewed()).length).toBe(before + 2);
      // Refused, or no addresses to read: nothing recorded.
      await fx.query('otherCoordinator', PICKUP, { dayId });
      await fx.query('coordinator', PICKUP, { dayId: await fx.addDay(fx.campaignA, 66) });
      expect((await viewed()).length).toBe(before + 2);
    });

    it('downloads as CSV for Dutch Excel, audited, for the coordinators of the campaign only', async () => {
      const [first] = await streets();
      const url = `${fx.t.url}/exports/days/${dayId}/ophaallijst.csv`;
      const response = await fetch(url, { headers: fx.headers.coordinator });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="ophaallijst-\d{4}-\d{2}-\d{2}\.csv"$/);
      const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      const rows = parse(text, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
      expect(Object.keys(rows[0]!)).toEqual(['Straat', 'Huisnummer', 'Geschat (m²)', 'Geteld (m²)', 'Ophalen']);
      expect(rows[2]).toEqual({ Straat: first!.name, Huisnummer: '12 A', 'Geschat (m²)': '10,00', 'Geteld (m²)': '4,05', Ophalen: 'ja' });
      expect(rows[1]).toMatchObject({ Huisnummer: '9', 'Geschat (m²)': '', 'Geteld (m²)': '', Ophalen: 'nee' });
      const audit = await db().selectFrom('audit_event').select('detail').where('action', '=', 'campaign.exported').where('subject_id', '=', fx.campaignA.id).execute();
      expect(audit.map((a) => JSON.parse(a.detail!))).toContainEqual({ kind: 'ophaallijst.csv', dayId });

      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: fx.headers.otherCoordinator })).status).toBe(404);
      expect((await fetch(url, { headers: fx.headers.partner })).status).toBe(404);
    });
  });

  it('erases the sign-ups of a closed campaign with its personal data; their links stop working', async () => {
    const admin = fx.asViewer('admin');
    const draft = await createCampaign(db(), admin, { neighbourhoodId: fx.neighbourhoodA, kind: 'TEGELWIPPEN', name: 'Tegelwippen voorbij', days: [{ date: new Date(Date.now() + 86_400_000 * 3).toISOString().slice(0, 10) }], requestId: 't' });
    await fx.query('coordinator', OPEN, { id: draft.id, open: true });
    const day = await db().selectFrom('campaign_day').select('id').where('campaign_id', '=', draft.id).executeTakeFirstOrThrow();
    const { body } = await fx.signUpTegelwip({ campaignId: draft.id, dayIds: [day.id], displayName: 'Wim', contact: 'wim@example.nl', contactConsent: true, houseNumber: '44' });
    const { token, signup } = body.data.signUp;
    await changeCampaignStatus(db(), admin, { campaignId: draft.id, status: 'OPEN', requestId: 't' });
    await changeCampaignStatus(db(), admin, { campaignId: draft.id, status: 'CLOSED', requestId: 't' });
    // Closed: the form is gone, with the same answer as for anything unknown.
    const form = await fx.query(fx.freshIp(), 'query($id: ID!) { signupForm(campaignId: $id) { campaignName } }', { id: draft.id });
    expect(form.body.errors[0].message).toBe('Deze aanmelding bestaat niet of is gesloten. Kijk of je de hele link hebt overgenomen.');

    await erasePersonalDataOfClosedCampaigns(db(), 0, new Date(Date.now() + 1000));
    const row = await db().selectFrom('signup').selectAll().where('id', '=', signup.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ display_name: null, contact: null, contact_consent_at: null, house_number: null, needs: null, erased_at: expect.any(String) });
    const lookup = await fx.query(fx.freshIp(), 'query($token: String!) { mySignup(token: $token) { id } }', { token });
    expect(lookup.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const planning = await fx.query('coordinator', 'query($dayId: ID!) { dayPlanning(dayId: $dayId) { confirmed { displayName contact houseNumber } } }', { dayId: day.id });
    expect(planning.body.data.dayPlanning.confirmed).toEqual([{ displayName: '(naam gewist)', contact: null, houseNumber: null }]);
    const [audit] = await db().selectFrom('audit_event').select('detail').where('action', '=', 'campaign.personal_data_erased').where('subject_id', '=', draft.id).execute();
    expect(JSON.parse(audit!.detail!)).toMatchObject({ signups: 1 });
  });
});

/**
 * The HVC pickup list of a clean-up day (issue 19) over real HTTP on a database file: per
 * address, what is left of the units HVC picks up after corrections, read from the ledger
 * the app writes; one address typed two ways is one row; only the campaign's coordinators
 * (and admins) may read it, everyone else gets what a day that does not exist gets; reading
 * and exporting it are audited; the CSV parses for Dutch Excel and raw; after retention the
 * rows are per street.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { UnitCode } from '@buurtkracht/protocol/tally-units';
import { changeCampaignStatus, createCampaign, daysOfCampaigns, type Campaign } from '../../server/src/modules/campaign/campaign.service.js';
import { allStreets } from '../../server/src/modules/neighbourhood/neighbourhood.repo.js';
import { erasePersonalDataOfClosedCampaigns } from '../../server/src/modules/participant/retention.service.js';
import { correctTallyEvent, recordTallyEvent } from '../../server/src/modules/tally/tally.service.js';
import { accessFixture, type AccessFixture, type Role } from '../support/access-fixtures.js';

const LIST = 'query($c: ID!, $d: ID!) { hvcPickupList(campaignId: $c, dayId: $d) { day { id date } rows { streetId streetName houseNumber items { unit quantity } } } }';

describe('HVC pickup list', () => {
  let fx: AccessFixture;
  let cleanup: Campaign;
  let days: string[];
  let streets: { id: string; name: string }[];
  /** The first two streets in the order the list puts them (by name). */
  let byName: { id: string; name: string }[];
  const db = () => fx.t.app.connection.db;
  const admin = () => fx.asViewer('admin');
  const list = async (role: Role | Record<string, string>, campaignId = cleanup.id, dayId = days[0]!) => (await fx.query(role, LIST, { c: campaignId, d: dayId })).body;
  const csv = (headers: Record<string, string>, query = '', dayId = days[0]!) => fetch(`${fx.t.url}/exports/days/${dayId}/hvc-ophaallijst.csv${query}`, { headers });
  const count = (street: number, houseNumber: string | null, unitCode: UnitCode, n: number, day = 0) =>
    db()
      .transaction()
      .execute((trx) => recordTallyEvent(trx, admin(), { id: uuidv7(), campaignId: cleanup.id, actionDayId: days[day]!, streetId: streets[street]!.id, houseNumber, unitCode, count: n }));
  const takeBack = (eventId: string, n: number) => db().transaction().execute((trx) => correctTallyEvent(trx, admin(), { id: uuidv7(), correctsEventId: eventId, count: n }));
  const auditCount = async (action: string) => Number((await db().selectFrom('audit_event').select((eb) => eb.fn.countAll().as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    fx = await accessFixture();
    streets = (await allStreets(db(), fx.neighbourhoodA)).slice(0, 2).map((s) => ({ id: s.id, name: s.name }));
    byName = [...streets].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    const draft = await createCampaign(db(), admin(), { neighbourhoodId: fx.neighbourhoodA, kind: 'OPRUIMEN', name: 'Opruimactie HVC', days: [{ date: '2027-03-13' }, { date: '2027-03-20' }], requestId: 't' });
    cleanup = await changeCampaignStatus(db(), admin(), { campaignId: draft.id, status: 'OPEN', requestId: 't' });
    days = (await daysOfCampaigns(db(), [cleanup.id])).map((d) => d.id);

    // Street 0: "12a" and "12 A" are one address (4 items, shown as first typed); 5 at "3",
    // 2 of them taken back; 2 at "7", all taken back; 1 without a house number.
    await count(0, '12a', 'GROFVUIL', 3);
    await count(0, '12 A', 'GROFVUIL', 1);
    await takeBack((await count(0, '3', 'GROFVUIL', 5)).id, 2);
    await takeBack((await count(0, '7', 'GROFVUIL', 2)).id, 2);
    await count(0, null, 'GROFVUIL', 1);
    // Street 1: bags are not for HVC's list; "10" has 2 items; "2" has one, on the second day.
    await count(1, '9', 'ZAK_TUINAFVAL', 4);
    await count(1, '10', 'GROFVUIL', 2);
    await count(1, '2', 'GROFVUIL', 1, 1);
  });
  afterAll(() => fx.t.close());

  const row = (street: { id: string; name: string }, houseNumber: string | null, quantity: number) => ({ streetId: street.id, streetName: street.name, houseNumber, items: [{ unit: 'GROFVUIL', quantity }] });
  const expectedRows = () =>
    byName.flatMap((street) =>
      street.id === streets[0]!.id ? [row(street, '3', 3), row(street, '12a', 4), row(street, null, 1)] : [row(street, '10', 2)],
    );

  it('lists per address what is left to pick up after corrections, by street name and house number', async () => {
    const body = await list('coordinator');
    expect(body.errors).toBeUndefined();
    expect(body.data.hvcPickupList.day).toEqual({ id: days[0], date: '2027-03-13' });
    expect(body.data.hvcPickupList.rows).toEqual(expectedRows());
    const second = await list('admin', cleanup.id, days[1]);
    expect(second.data.hvcPickupList.rows).toEqual([row(streets[1]!, '2', 1)]);
  });

  it('is for the campaign\'s coordinators only: everyone else gets what a day that does not exist gets, and nothing is written', async () => {
    const missing = await list('coordinator', cleanup.id, uuidv7());
    expect(missing.errors[0].extensions.code).toBe('NOT_FOUND');
    const audits = await auditCount('tally.addresses_viewed');
    for (const role of ['otherCoordinator', 'partner', 'participant', 'otherParticipant', 'schouwer'] as const) {
      const body = await list(role);
      expect(body.data, role).toBeNull();
      expect(body.errors[0].extensions.code, role).toBe('NOT_FOUND');
    }
    // The other neighbourhood's coordinator reads the same answer as for a day that does not exist.
    expect((await list('otherCoordinator')).errors[0].message).toBe(missing.errors[0].message);
    expect((await list('anonymous')).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    // A day of another campaign under this campaign's id is no day of it.
    expect((await list('coordinator', cleanup.id, fx.dayA)).errors[0].extensions.code).toBe('NOT_FOUND');
    expect(await auditCount('tally.addresses_viewed')).toBe(audits);
    // A tegelwip action has no HVC list.
    expect((await list('coordinator', fx.campaignA.id, fx.dayA)).errors[0]).toMatchObject({ message: 'Een ophaallijst voor HVC hoort bij een opruimactie.', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('records reading the house numbers once per request', async () => {
    const before = await auditCount('tally.addresses_viewed');
    const twice = await fx.query('coordinator', 'query($c: ID!, $d: ID!) { a: hvcPickupList(campaignId: $c, dayId: $d) { rows { houseNumber } } b: hvcPickupList(campaignId: $c, dayId: $d) { rows { houseNumber } } }', { c: cleanup.id, d: days[0] });
    expect(twice.body.errors).toBeUndefined();
    expect(await auditCount('tally.addresses_viewed')).toBe(before + 1);
  });

  it('exports the list as CSV for Dutch Excel and raw, audited, for its coordinators only', async () => {
    const exportsBefore = await auditCount('campaign.exported');
    const people = await csv(fx.headers.coordinator, '?separator=semicolon');
    expect(people.status).toBe(200);
    expect(people.headers.get('content-disposition')).toBe('attachment; filename="hvc-ophaallijst-2027-03-13.csv"');
    const rows = parse(await people.text(), { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];
    expect(rows).toEqual(expectedRows().map((r) => ({ Straat: r.streetName, Huisnummer: r.houseNumber ?? '', Wat: 'Grofvuil (stuks)', Aantal: String(r.items[0]!.quantity) })));

    const raw = parse(await (await csv(fx.headers.admin, '?format=raw')).text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(raw).toEqual(expectedRows().map((r) => ({ straat: r.streetName, huisnummer: r.houseNumber ?? '', eenheid: 'GROFVUIL', aantal: String(r.items[0]!.quantity) })));
    expect(await auditCount('campaign.exported')).toBe(exportsBefore + 2);
    const detail = await db().selectFrom('audit_event').select('detail').where('action', '=', 'campaign.exported').where('subject_id', '=', cleanup.id).orderBy('at', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(detail.detail!)).toEqual({ kind: 'hvc-ophaallijst.csv', dayId: days[0] });

    for (const role of ['otherCoordinator', 'partner'] as const) expect((await csv(fx.headers[role])).status, role).toBe(404);
    expect((await csv(fx.headers.coordinator, '', uuidv7())).status).toBe(404);
    expect((await csv(fx.headers.participant)).status).toBe(401);
    expect((await csv({})).status).toBe(401);
    expect((await csv(fx.headers.coordinator, '?format=xml')).status).toBe(400);
    expect(await auditCount('campaign.exported')).toBe(exportsBefore + 2);
  });

  it('lists per street once retention erased the house numbers', async () => {
    await changeCampaignStatus(db(), admin(), { campaignId: cleanup.id, status: 'CLOSED', requestId: 't' });
    await erasePersonalDataOfClosedCampaigns(db(), 0, new Date(Date.now() + 60_000));
    const body = await list('coordinator');
    expect(body.errors).toBeUndefined();
    expect(body.data.hvcPickupList.rows).toEqual(byName.map((street) => row(street, null, street.id === streets[0]!.id ? 8 : 2)));
  });
});

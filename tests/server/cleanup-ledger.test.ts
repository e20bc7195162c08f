/**
 * One ledger for every counting activity, on a database file with the sync worker: a
 * clean-up (opruimactie) counts the units its coordinator chose, each against its target,
 * per street and per day, and shows per day which planned streets were counted; entries
 * in a unit it does not count, or that say where "tiles" came from, are refused in Dutch;
 * an entry sent twice counts once. Streets and people rank by everything counted, net of
 * corrections. A tegelwip action counts as it did (area, NK tiles, gardens), also from a
 * phone that still writes the old format with sizeCode. The exports name the unit of each
 * entry and sum a clean-up per day in its units (unit-summary.csv); it has no NK summary.
 */
import { nkTilesOf } from '@buurtkracht/protocol/tile-sizes';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { SYNC, TestDevice, type OutboxEntry } from '../support/sync-client.js';

const UNIT_TALLY = 'unit { code target areaCm2PerPiece measured } quantity areaCm2 entries progressPercent';
const DASHBOARD = `query($id: ID!) { tallyDashboard(campaignId: $id) {
  kind targetAreaCm2 gardensGreened total { areaCm2 nkTiles entries }
  units { ${UNIT_TALLY} }
  streets { place streetId streetName total { entries quantity } units { unit { code } quantity entries progressPercent } }
  days { day { id } units { unit { code } quantity } streets { streetId streetName planned counted quantity entries } }
  topParticipants { rank participantId total { entries quantity } }
} }`;
const RECORD = 'mutation($input: RecordTallyEventInput!) { recordTallyEvent(input: $input) { id unitCode sizeCode count areaCm2 origin } }';

type Row = [status: string, message: string | null];

describe('the ledger of a clean-up (opruimactie)', () => {
  let fx: AccessFixture;
  let streets: { id: string; name: string }[];
  let cleanupId: string;
  let days: string[];
  let volunteer: Awaited<ReturnType<AccessFixture['makeParticipant']>>;
  const device = new TestDevice();
  const ids: Record<string, string> = {};

  const ok = async (headers: Record<string, string> | 'coordinator', query: string, variables: Record<string, unknown>) => {
    const { body } = await fx.query(headers, query, variables);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data;
  };
  /** A clean-up entry as the app writes it now (format 4). */
  const count = (key: string, street: number, unitCode: string, n: number, extra: Record<string, unknown> = {}, day = 0) => {
    ids[key] = uuidv7();
    return device.entry('recordTallyEvent', { id: ids[key], campaignId: cleanupId, actionDayId: days[day], streetId: streets[street]!.id, unitCode, count: n, ...extra });
  };
  const push = async (entries: OutboxEntry[], headers = volunteer.headers, from = device): Promise<Row[]> => {
    const { body } = await fx.query(headers, SYNC, from.input(entries));
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data.sync.results.map((r: { status: string; message: string | null }) => [r.status, r.message]);
  };
  const dashboard = async (id = cleanupId) => (await ok('coordinator', DASHBOARD, { id })).tallyDashboard;
  const applied = (n: number): Row[] => Array.from({ length: n }, () => ['APPLIED', null]);

  beforeAll(async () => {
    fx = await accessFixture();
    streets = await fx.t.app.connection.db.selectFrom('street').select(['id', 'name']).where('neighbourhood_id', '=', fx.neighbourhoodA).orderBy('name').execute();
    expect(streets.length).toBeGreaterThanOrEqual(5);
    const created = await ok('coordinator', 'mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id days { id } } }', {
      input: {
        neighbourhoodId: fx.neighbourhoodA,
        kind: 'OPRUIMEN',
        name: 'Opruimactie Staatsliedenbuurt',
        days: [{ date: '2027-05-01' }, { date: '2027-05-08' }],
        publicProgress: true,
        units: [
          { code: 'ZAK_ZWERFVUIL', target: 40 },
          { code: 'GROFVUIL', target: 8 },
          { code: 'TUIN_GEHOLPEN', target: null },
        ],
      },
    });
    cleanupId = created.createCampaign.id;
    days = created.createCampaign.days.map((d: { id: string }) => d.id);
    await ok('coordinator', 'mutation($input: ChangeCampaignStatusInput!) { changeCampaignStatus(input: $input) { status } }', { input: { campaignId: cleanupId, status: 'OPEN' } });
    // The first day is for the third street, then the first: not in name order.
    await ok('coordinator', 'mutation($dayId: ID!, $streetIds: [ID!]!) { setCampaignDayStreets(dayId: $dayId, streetIds: $streetIds) { id } }', { dayId: days[0], streetIds: [streets[2]!.id, streets[0]!.id] });
    volunteer = await fx.makeParticipant({ id: cleanupId } as Parameters<AccessFixture['makeParticipant']>[0]);
    const first = [
      count('bags', 2, 'ZAK_ZWERFVUIL', 6, { houseNumber: '3' }),
      count('sofa', 2, 'GROFVUIL', 2, { houseNumber: '3', origin: null }),
      count('garden', 2, 'TUIN_GEHOLPEN', 1, { houseNumber: '3' }),
      count('moreBags', 3, 'ZAK_ZWERFVUIL', 4), // a street not planned for the day
      count('nextDay', 1, 'ZAK_ZWERFVUIL', 10, {}, 1),
      count('mistake', 1, 'GROFVUIL', 5, {}, 1),
    ];
    expect(await push(first)).toEqual(applied(first.length));
    expect(await push([device.entry('correctTallyEvent', { id: (ids.correction = uuidv7()), correctsEventId: ids.mistake, count: 3 })])).toEqual(applied(1));
  });
  afterAll(() => fx?.t.close());

  it('adds up every unit of the campaign, in its order, against its target; corrections subtracted', async () => {
    const d = await dashboard();
    expect(d).toMatchObject({ kind: 'OPRUIMEN', targetAreaCm2: 0, gardensGreened: 0, total: { areaCm2: 0, nkTiles: 0, entries: 7 } });
    expect(d.units).toEqual([
      { unit: { code: 'ZAK_ZWERFVUIL', target: 40, areaCm2PerPiece: 0, measured: false }, quantity: 20, areaCm2: 0, entries: 3, progressPercent: 50 },
      { unit: { code: 'GROFVUIL', target: 8, areaCm2PerPiece: 0, measured: false }, quantity: 4, areaCm2: 0, entries: 3, progressPercent: 50 },
      { unit: { code: 'TUIN_GEHOLPEN', target: null, areaCm2PerPiece: 0, measured: false }, quantity: 1, areaCm2: 0, entries: 1, progressPercent: null },
    ]);
    // The correction names its entry's unit and street; a clean-up entry has no area and no origin.
    const stored = await fx.t.app.connection.db.selectFrom('tally_event').select(['unit_code', 'street_id', 'count', 'area_cm2', 'origin']).where('id', '=', ids.correction!).executeTakeFirstOrThrow();
    expect(stored).toEqual({ unit_code: 'GROFVUIL', street_id: streets[1]!.id, count: -3, area_cm2: 0, origin: null });
  });

  it('gives every street its units, and ranks streets by everything counted there', async () => {
    const d = await dashboard();
    const byId = new Map(d.streets.map((s: { streetId: string }) => [s.streetId, s]));
    const units = (street: number) => (byId.get(streets[street]!.id) as { units: { unit: { code: string }; quantity: number; entries: number; progressPercent: number | null }[] }).units;
    expect(units(2).map((u) => [u.unit.code, u.quantity, u.entries, u.progressPercent])).toEqual([
      ['ZAK_ZWERFVUIL', 6, 1, null],
      ['GROFVUIL', 2, 1, null],
      ['TUIN_GEHOLPEN', 1, 1, null],
    ]);
    expect(units(1).map((u) => [u.unit.code, u.quantity, u.entries])).toEqual([
      ['ZAK_ZWERFVUIL', 10, 1],
      ['GROFVUIL', 2, 2],
      ['TUIN_GEHOLPEN', 0, 0],
    ]);
    // 12 things in the second street (10 + 5 − 3), 9 in the third, 4 in the fourth; nothing in the others (one shared place).
    expect(d.streets.slice(0, 3).map((s: { streetId: string; place: number; total: { quantity: number } }) => [s.streetId, s.place, s.total.quantity])).toEqual([
      [streets[1]!.id, 1, 12],
      [streets[2]!.id, 2, 9],
      [streets[3]!.id, 3, 4],
    ]);
    expect(new Set(d.streets.slice(3).map((s: { place: number }) => s.place))).toEqual(new Set([4]));
    // People rank by everything they counted, net of corrections (prizes-cleanup.test.ts has more people).
    expect(d.topParticipants).toEqual([{ rank: 1, participantId: volunteer.id, total: { entries: 7, quantity: 25 } }]);
  });

  it('shows per day its units and its streets: the planned ones first, in order, then the other counted streets by name', async () => {
    // Counted in the wrong street and taken back: a planned street is not done by it, an unplanned one not shown.
    expect(await push([count('wrongPlanned', 0, 'ZAK_ZWERFVUIL', 1), count('wrongOther', 4, 'GROFVUIL', 2)])).toEqual(applied(2));
    const undo = (key: string, n: number) => device.entry('correctTallyEvent', { id: uuidv7(), correctsEventId: ids[key], count: n });
    expect(await push([undo('wrongPlanned', 1), undo('wrongOther', 2)])).toEqual(applied(2));
    const [first, second] = (await dashboard()).days;
    expect(first.day.id).toBe(days[0]);
    expect(first.units.map((u: { unit: { code: string }; quantity: number }) => [u.unit.code, u.quantity])).toEqual([
      ['ZAK_ZWERFVUIL', 10],
      ['GROFVUIL', 2],
      ['TUIN_GEHOLPEN', 1],
    ]);
    expect(first.streets).toEqual([
      { streetId: streets[2]!.id, streetName: streets[2]!.name, planned: true, counted: true, quantity: 9, entries: 3 },
      { streetId: streets[0]!.id, streetName: streets[0]!.name, planned: true, counted: false, quantity: 0, entries: 2 },
      { streetId: streets[3]!.id, streetName: streets[3]!.name, planned: false, counted: true, quantity: 4, entries: 1 },
    ]);
    expect(second.units.map((u: { quantity: number }) => u.quantity)).toEqual([10, 2, 0]);
    expect(second.streets).toEqual([{ streetId: streets[1]!.id, streetName: streets[1]!.name, planned: false, counted: true, quantity: 12, entries: 3 }]);
  });

  it('refuses a unit the campaign does not count and an origin on a clean-up entry, in Dutch, and counts nothing of them', async () => {
    const before = await dashboard();
    expect(
      await push([
        count('notChosen', 0, 'ZAK_TUINAFVAL', 1),
        count('tiles', 0, 'TEGEL_30X30', 1),
        count('origin', 0, 'ZAK_ZWERFVUIL', 1, { origin: 'GARDEN' }),
        count('tooMany', 0, 'GROFVUIL', 5001),
        // A phone that still writes format 3 knows only tiles: not what this action counts.
        device.entry('recordTallyEvent', { id: uuidv7(), campaignId: cleanupId, actionDayId: days[0], streetId: streets[0]!.id, sizeCode: 'TEGEL_30X30', count: 1 }, 3),
      ]),
    ).toEqual([
      ['REJECTED', 'Dit telt deze actie niet.'],
      ['REJECTED', 'Dit telt deze actie niet.'],
      ['REJECTED', 'Waar iets vandaan komt, zeg je alleen bij tegels.'],
      ['REJECTED', 'Vul een aantal in tussen 1 en 5000.'],
      ['REJECTED', 'Dit telt deze actie niet.'],
    ]);
    const record = (input: Record<string, unknown>) => fx.query(volunteer.headers, RECORD, { input: { id: uuidv7(), campaignId: cleanupId, actionDayId: days[0], streetId: streets[0]!.id, count: 1, ...input } });
    for (const input of [{ unitCode: 'ZAK_ZWERFVUIL', sizeCode: 'TEGEL_30X30' }, {}]) {
      const { body } = await record(input);
      expect(body.errors?.[0]).toMatchObject({ message: 'Zeg wat je telt: kies één soort per telling.', extensions: { code: 'BAD_USER_INPUT' } });
    }
    expect((await record({ unitCode: 'ZAK_TUINAFVAL' })).body.errors?.[0]?.message).toBe('Dit telt deze actie niet.');
    const after = await dashboard();
    expect(after.units).toEqual(before.units);
    expect(after.total).toEqual(before.total);
  });

  it('counts an entry sent twice once, in one batch and in the next, and answers it as recorded', async () => {
    const entry = count('twice', 0, 'TUIN_GEHOLPEN', 2);
    const again = device.entry('recordTallyEvent', entry.args);
    expect(await push([entry, again])).toEqual(applied(2));
    expect(await push([device.entry('recordTallyEvent', entry.args)])).toEqual(applied(1));
    const { body } = await fx.query(volunteer.headers, RECORD, { input: entry.args });
    expect(body.data.recordTallyEvent).toEqual({ id: ids.twice, unitCode: 'TUIN_GEHOLPEN', sizeCode: null, count: 2, areaCm2: 0, origin: null });
    expect((await dashboard()).units.find((u: { unit: { code: string } }) => u.unit.code === 'TUIN_GEHOLPEN')).toMatchObject({ quantity: 3, entries: 2 });
  });

  it('shows the public page of a clean-up per unit and per day, without names or house numbers', async () => {
    const { body } = await fx.query('anonymous', 'query($id: ID!) { publicProgress(campaignId: $id) { kind units { unit { code } quantity progressPercent } days { streets { streetName planned counted } } } }', { id: cleanupId });
    expect(body.errors).toBeUndefined();
    expect(body.data.publicProgress.kind).toBe('OPRUIMEN');
    expect(body.data.publicProgress.units.map((u: { unit: { code: string }; quantity: number }) => [u.unit.code, u.quantity])).toEqual([
      ['ZAK_ZWERFVUIL', 20],
      ['GROFVUIL', 4],
      ['TUIN_GEHOLPEN', 3],
    ]);
    expect(JSON.stringify(body.data)).not.toMatch(/Deelnemer|Buurtgenoot/);
  });

  it('counts nothing in a schouw', async () => {
    const { body } = await fx.query('coordinator', RECORD, { input: { id: uuidv7(), campaignId: fx.schouwA.id, actionDayId: fx.dayA, streetId: streets[0]!.id, unitCode: 'ZAK_ZWERFVUIL', count: 1 } });
    expect(body.errors?.[0]?.message).toBe('In deze actie wordt niets geteld.');
  });

  it('keeps a tegelwip action as it was: every tile size a unit, area, NK tiles and gardens, also from a phone on the old format', async () => {
    const phone = new TestDevice();
    const tegelwipper = phone.entry('recordTallyEvent', { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: streets[0]!.id, houseNumber: '9', unitCode: 'TEGEL_60X60', count: 2, origin: 'GARDEN' });
    const oldPhone = phone.entry('recordTallyEvent', { id: (ids.old = uuidv7()), campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: streets[1]!.id, houseNumber: '4', sizeCode: 'TEGEL_30X30', count: 10 }, 3);
    const refused = phone.entry('recordTallyEvent', { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: streets[1]!.id, unitCode: 'GROFVUIL', count: 1 });
    expect(await push([tegelwipper, oldPhone, refused], fx.headers.participant, phone)).toEqual([...applied(2), ['REJECTED', 'Dit telt deze actie niet.']]);
    const stored = await fx.t.app.connection.db.selectFrom('tally_event').select(['unit_code', 'area_cm2', 'origin']).where('id', '=', ids.old!).executeTakeFirstOrThrow();
    expect(stored).toEqual({ unit_code: 'TEGEL_30X30', area_cm2: 9000, origin: null });

    const d = await dashboard(fx.campaignA.id);
    expect(d).toMatchObject({ kind: 'TEGELWIPPEN', targetAreaCm2: 5_000_000, gardensGreened: 2, total: { areaCm2: 16_200, nkTiles: nkTilesOf(16_200), entries: 2 } });
    expect(d.units.map((u: { unit: { code: string } }) => u.unit.code)).toEqual(['TEGEL_30X30', 'TEGEL_40X40', 'TEGEL_50X50', 'TEGEL_40X60', 'TEGEL_60X60', 'KLINKER_20X10', 'KLINKER_20X5', 'AREA']);
    expect(d.units[0]).toEqual({ unit: { code: 'TEGEL_30X30', target: null, areaCm2PerPiece: 900, measured: false }, quantity: 10, areaCm2: 9000, entries: 1, progressPercent: null });
    expect(d.units[4]).toMatchObject({ quantity: 2, areaCm2: 7200 });
    expect(d.units[7].unit).toEqual({ code: 'AREA', target: null, areaCm2PerPiece: 1, measured: true });
    // Streets still rank by area.
    expect(d.streets.slice(0, 2).map((s: { streetId: string; place: number }) => [s.streetId, s.place])).toEqual([
      [streets[1]!.id, 1],
      [streets[0]!.id, 2],
    ]);
    const { body } = await fx.query('coordinator', RECORD, { input: { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: streets[0]!.id, sizeCode: 'KLINKER_20X5', count: 3 } });
    expect(body.data.recordTallyEvent).toMatchObject({ unitCode: 'KLINKER_20X5', sizeCode: 'KLINKER_20X5', areaCm2: 300 });
  });

  it('exports the ledger with each entry’s unit, and a clean-up’s counts per day in its units (no NK summary), for people and raw', async () => {
    const get = (path: string) => fetch(`${fx.t.url}/exports/campaigns/${cleanupId}/${path}`, { headers: fx.headers.coordinator });
    const csv = async (path: string, delimiter = ',') => {
      const response = await get(path);
      expect(response.status).toBe(200);
      return parse(await response.text(), { bom: true, columns: true, delimiter }) as Record<string, string>[];
    };
    const ledger = await csv('tally-ledger.csv?separator=semicolon', ';');
    expect(ledger).toHaveLength(12);
    expect(ledger.slice(0, 3).map((r) => [r.Soort, r.Aantal, r['Oppervlakte (m²)'], r.Herkomst])).toEqual([
      ['Zakken zwerfvuil', '6', '0', ''],
      ['Grofvuil (stuks)', '2', '0', ''],
      ['Tuinen geholpen', '1', '0', ''],
    ]);
    expect((await csv('tally-ledger.csv?format=raw')).map((r) => r.soort).slice(0, 3)).toEqual(['ZAK_ZWERFVUIL', 'GROFVUIL', 'TUIN_GEHOLPEN']);

    const response = await get('unit-summary.csv?separator=semicolon');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="tellingen-per-dag-${cleanupId}.csv"`);
    const summary = parse(await response.text(), { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];
    expect(Object.keys(summary[0]!)).toEqual(['Actiedag', 'Omschrijving', 'Zakken zwerfvuil', 'Grofvuil (stuks)', 'Tuinen geholpen']);
    expect(summary.map((r) => Object.values(r))).toEqual([
      ['2027-05-01', '', '10', '2', '3'],
      ['2027-05-08', '', '10', '2', '0'],
      ['Totaal', 'Opruimactie Staatsliedenbuurt', '20', '4', '3'],
      ['Doel', '', '40', '8', ''],
    ]);
    const raw = await csv('unit-summary.csv?format=raw');
    expect(Object.keys(raw[0]!)).toEqual(['actiedag', 'omschrijving', 'zak_zwerfvuil', 'grofvuil', 'tuin_geholpen']);
    expect(raw.at(-2)).toMatchObject({ actiedag: 'totaal', zak_zwerfvuil: '20' });

    // Each export is audited under its own name; the refused NK summary is not.
    const kinds = async () =>
      (await fx.t.app.connection.db.selectFrom('audit_event').select('detail').where('action', '=', 'campaign.exported').where('subject_id', '=', cleanupId).orderBy('at').orderBy('id').execute()).map((a) => JSON.parse(a.detail!).kind);
    expect(await kinds()).toEqual(['tally-ledger.csv', 'tally-ledger.csv', 'unit-summary.csv', 'unit-summary.csv']);
    const nk = await get('nk-summary.csv');
    expect(nk.status).toBe(400);
    expect((await nk.json()).errors[0]).toMatchObject({ message: 'Een opruimactie heeft geen NK-telling; kies Tellingen per dag.', extensions: { code: 'BAD_USER_INPUT' } });
    expect(await kinds()).toHaveLength(4);
  });
});

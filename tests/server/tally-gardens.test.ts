/**
 * Where counted tiles came from, and the gardens greened, on a database file with the sync
 * worker: the origin a phone sends is stored (format 3), a phone that has not updated
 * (format 2) counts as "not said", a correction has its entry's origin, and a garden is an
 * address (street and house number, however it is typed) counted once while tiles not from
 * the public space add up to more than nothing there. The figure survives the erasure of
 * house numbers; the public page and the NK summary show the figures and no address.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { changeCampaignStatus } from '../../server/src/modules/campaign/campaign.service.js';
import { erasePersonalDataOfClosedCampaigns } from '../../server/src/modules/participant/retention.service.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { SYNC, TestDevice } from '../support/sync-client.js';

const TOTALS = `{ gardensGreened byOrigin { garden { areaCm2 entries } publicSpace { areaCm2 entries } notSaid { areaCm2 entries } } total { areaCm2 } }`;
const DASHBOARD = `query($id: ID!) { tallyDashboard(campaignId: $id) ${TOTALS} }`;

describe('tile origins and gardens greened', () => {
  let fx: AccessFixture;
  let streets: { id: string; name: string }[];
  const device = new TestDevice();
  const ids: Record<string, string> = {};

  const tally = (key: string, street: number, houseNumber: string | null, origin: string | null | undefined, count: number, formatVersion = 3) => {
    ids[key] = uuidv7();
    const args = { id: ids[key], campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: streets[street]!.id, houseNumber, sizeCode: 'TEGEL_30X30', count, ...(origin === undefined ? {} : { origin }) };
    return device.entry('recordTallyEvent', args, formatVersion);
  };
  const push = async (entries: ReturnType<TestDevice['entry']>[]) => {
    const { body } = await fx.query('participant', SYNC, device.input(entries));
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data.sync.results.map((r: { status: string; message: string | null }) => r.message ?? r.status)).toEqual(entries.map(() => 'APPLIED'));
  };
  const stored = (key: string) => fx.t.app.connection.db.selectFrom('tally_event').select(['origin', 'house_number', 'area_cm2', 'corrects_event_id']).where('id', '=', ids[key]!).executeTakeFirstOrThrow();
  const dashboard = async () => {
    const { body } = await fx.query('coordinator', DASHBOARD, { id: fx.campaignA.id });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data.tallyDashboard;
  };

  beforeAll(async () => {
    fx = await accessFixture();
    streets = await fx.t.app.connection.db.selectFrom('street').select(['id', 'name']).where('neighbourhood_id', '=', fx.neighbourhoodA).orderBy('name').execute();
    await push([
      tally('gardenA', 0, '12 K', 'GARDEN', 5),
      tally('sameGardenUnsaid', 0, '12k', null, 3), // the same garden, typed differently, origin not said
      tally('pavement', 0, '14', 'PUBLIC', 10), // public space: greens no garden
      tally('noNumber', 0, null, 'GARDEN', 4), // names no garden
      tally('otherStreet', 1, '12-k', 'GARDEN', 2), // the same number in another street: another garden
      tally('undone', 0, '16', 'GARDEN', 1),
      tally('oldApp', 0, '18', 'PUBLIC', 2, 2), // an app from before origins: its origin is not read
    ]);
    await push([device.entry('correctTallyEvent', { id: (ids.correction = uuidv7()), correctsEventId: ids.undone, count: 1 })]);
  });
  afterAll(() => fx.t.close());

  it('stores the origin a phone sends, reads an older app’s entry as not said, and gives a correction its entry’s origin', async () => {
    expect(await stored('gardenA')).toMatchObject({ origin: 'GARDEN', house_number: '12 K' });
    expect(await stored('pavement')).toMatchObject({ origin: 'PUBLIC' });
    expect(await stored('sameGardenUnsaid')).toMatchObject({ origin: null });
    expect(await stored('oldApp'), 'format 2 knew no origin').toMatchObject({ origin: null, house_number: '18' });
    expect(await stored('correction')).toMatchObject({ origin: 'GARDEN', house_number: '16', area_cm2: -900, corrects_event_id: ids.undone });

    const { body } = await fx.query('coordinator', 'mutation($input: RecordTallyEventInput!) { recordTallyEvent(input: $input) { origin count } }', {
      input: { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: streets[2]!.id, sizeCode: 'TEGEL_30X30', count: 1, origin: 'PUBLIC' },
    });
    expect(body.data.recordTallyEvent).toEqual({ origin: 'PUBLIC', count: 1 });
    const refused = await fx.query('coordinator', 'mutation($input: RecordTallyEventInput!) { recordTallyEvent(input: $input) { id } }', {
      input: { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: streets[2]!.id, sizeCode: 'TEGEL_30X30', count: 1, origin: 'STOEP' },
    });
    expect(refused.body.errors?.[0]?.message).toBe('Kies een van de mogelijkheden.');
    const unknown = await fx.query('participant', SYNC, device.input([tally('unknownOrigin', 2, null, 'STOEP', 1)]));
    expect(unknown.body.data.sync.results.map((r: { status: string }) => r.status)).toEqual(['REJECTED']);
  });

  it('splits the total by origin and counts each garden once: by address, net area, never from the public space', async () => {
    const d = await dashboard();
    expect(d.byOrigin).toEqual({
      garden: { areaCm2: (5 + 4 + 2 + 1 - 1) * 900, entries: 5 },
      publicSpace: { areaCm2: (10 + 1) * 900, entries: 2 },
      notSaid: { areaCm2: (3 + 2) * 900, entries: 2 },
    });
    expect(d.byOrigin.garden.areaCm2 + d.byOrigin.publicSpace.areaCm2 + d.byOrigin.notSaid.areaCm2).toBe(d.total.areaCm2);
    // 12 K in the first street (twice, typed two ways), 12-k in the second, 18 (not said);
    // not 14 (public space), not the entry without a number, not 16 (taken back).
    expect(d.gardensGreened).toBe(3);
    const volunteer = await fx.query('participant', DASHBOARD, { id: fx.campaignA.id });
    expect(volunteer.body.data.tallyDashboard.gardensGreened).toBe(3);
  });

  it('shows the public only the figures: no house number, no name, nothing but the campaign’s streets and days', async () => {
    const { body } = await fx.query('anonymous', `query($id: ID!) { publicProgress(campaignId: $id) {
      campaignName gardensGreened byOrigin { garden { areaCm2 nkTiles entries } publicSpace { areaCm2 } notSaid { areaCm2 } }
      streets { streetId streetName total { areaCm2 } } days { day { id date label } total { areaCm2 } }
    } }`, { id: fx.campaignA.id });
    expect(body.errors).toBeUndefined();
    expect(body.data.publicProgress).toMatchObject({ gardensGreened: 3, byOrigin: { garden: { areaCm2: 9900 }, publicSpace: { areaCm2: 9900 }, notSaid: { areaCm2: 4500 } } });
    const strings: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') strings.push(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect(body.data.publicProgress);
    const allowed = new Set([fx.campaignA.name, '2027-04-01', fx.dayA, ...streets.flatMap((s) => [s.id, s.name])]);
    expect(strings.filter((s) => !allowed.has(s))).toEqual([]);
    // The public type has no field that could name an address or a person.
    const type = await fx.query('anonymous', '{ __type(name: "OriginTotals") { fields { name } } }');
    expect(type.body.data.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual(['garden', 'notSaid', 'publicSpace']);
  });

  it('writes the origin in the ledger export, and the split and gardens greened in the NK summary', async () => {
    const get = async (path: string) => parse(await (await fetch(`${fx.t.url}/exports/campaigns/${fx.campaignA.id}/${path}`, { headers: fx.headers.coordinator })).text(), { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];
    const ledger = await get('tally-ledger.csv?separator=semicolon');
    expect(ledger.find((r) => r.Huisnummer === '12 K')).toMatchObject({ Herkomst: 'Tuin' });
    expect(ledger.find((r) => r.Huisnummer === '14')).toMatchObject({ Herkomst: 'Openbare ruimte' });
    expect(ledger.find((r) => r.Huisnummer === '12k')).toMatchObject({ Herkomst: '' });
    const raw = await get('tally-ledger.csv?format=raw&separator=semicolon');
    expect(raw.find((r) => r.huisnummer === '14')).toMatchObject({ herkomst: 'PUBLIC' });

    const summary = await get('nk-summary.csv?separator=semicolon');
    expect(summary.at(-1)).toMatchObject({ Actiedag: 'Totaal', 'Uit tuinen (m²)': '0,99', 'Uit openbare ruimte (m²)': '0,99', 'Herkomst niet gezegd (m²)': '0,45', 'Tuinen vergroend': '3' });
    expect(summary[0]).toMatchObject({ Actiedag: '2027-04-01', 'Tuinen vergroend': '' });
    const rawSummary = await get('nk-summary.csv?format=raw&separator=semicolon');
    expect(rawSummary.at(-1)).toMatchObject({ actiedag: 'totaal', uit_tuinen_m2: '0.99', tuinen_vergroend: '3' });
  });

  it('keeps the number of gardens greened when retention erases the house numbers, and keeps no address', async () => {
    const db = fx.t.app.connection.db;
    await changeCampaignStatus(db, fx.asViewer('admin'), { campaignId: fx.campaignA.id, status: 'CLOSED', requestId: 'test' });
    await erasePersonalDataOfClosedCampaigns(db, 0, new Date(Date.now() + 60_000));

    expect(await db.selectFrom('tally_event').select('house_number').where('campaign_id', '=', fx.campaignA.id).where('house_number', 'is not', null).execute()).toEqual([]);
    const gardenKeys = (await db.selectFrom('tally_rollup').select('key').where('campaign_id', '=', fx.campaignA.id).where('dimension', '=', 'GARDEN').execute()).map((r) => r.key);
    expect(gardenKeys.sort()).toEqual(['#1', '#2', '#3']);
    const d = await dashboard();
    expect(d.gardensGreened).toBe(3);
    expect(d.byOrigin.garden.areaCm2).toBe(9900);
    const summary = parse(await (await fetch(`${fx.t.url}/exports/campaigns/${fx.campaignA.id}/nk-summary.csv?format=raw`, { headers: fx.headers.coordinator })).text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(summary.at(-1)).toMatchObject({ tuinen_vergroend: '3' });

    // Retention that runs again (a restored backup) counts the same gardens.
    await db.updateTable('campaign').set({ personal_data_erased_at: null }).where('id', '=', fx.campaignA.id).execute();
    await erasePersonalDataOfClosedCampaigns(db, 0, new Date(Date.now() + 60_000));
    expect((await dashboard()).gardensGreened).toBe(3);
  });
});

/**
 * What a campaign counts, and which streets its days are for (issue 19), over real HTTP on
 * a database file with the sync worker: a clean-up action (OPRUIMEN) starts with the
 * default units or the ones chosen, with targets; a tegelwip action always counts every
 * tile size and only takes targets (none for a measured area); a schouw counts nothing. A
 * unit can be taken out only while the campaign is a draft: once it is open, its entries may
 * still wait on phones. Days name their streets in order. "Kopieer voor volgend jaar" carries both. Every change
 * is audited; another neighbourhood's coordinator gets NOT_FOUND; the lists load without N+1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { changeCampaignStatus, createCampaign, daysOfCampaigns, type Campaign } from '../../server/src/modules/campaign/campaign.service.js';
import { allStreets } from '../../server/src/modules/neighbourhood/neighbourhood.repo.js';
import { recordTallyEvent } from '../../server/src/modules/tally/tally.service.js';
import { accessFixture, type AccessFixture, type Role } from '../support/access-fixtures.js';
import { countStatements } from '../support/statement-counter.js';

const FIELDS = 'id kind targetAreaM2 units { code target areaCm2PerPiece measured } days { id date streets { id name } }';
const CREATE = `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { ${FIELDS} } }`;
const SET_UNITS = `mutation($id: ID!, $units: [CampaignUnitInput!]!) { setCampaignUnits(campaignId: $id, units: $units) { ${FIELDS} } }`;
const SET_STREETS = 'mutation($dayId: ID!, $streetIds: [ID!]!) { setCampaignDayStreets(dayId: $dayId, streetIds: $streetIds) { id streets { id name } } }';
const READ = `query($id: ID!) { campaign(id: $id) { ${FIELDS} } }`;
const TILES = ['TEGEL_30X30', 'TEGEL_40X40', 'TEGEL_50X50', 'TEGEL_40X60', 'TEGEL_60X60', 'KLINKER_20X10', 'KLINKER_20X5', 'AREA'];
const CLEANUP = ['ZAK_ZWERFVUIL', 'ZAK_TUINAFVAL', 'GROFVUIL', 'TUIN_GEHOLPEN'];

describe('campaign units and day streets', () => {
  let fx: AccessFixture;
  let streets: { id: string; name: string }[];
  const db = () => fx.t.app.connection.db;
  const admin = () => fx.asViewer('admin');
  const codes = (campaign: { units: { code: string }[] }) => campaign.units.map((u) => u.code);
  const create = async (input: Record<string, unknown>, role: Role = 'coordinator') => (await fx.query(role, CREATE, { input: { neighbourhoodId: fx.neighbourhoodA, name: 'Opruimen in de buurt', days: [{ date: '2027-03-13' }, { date: '2027-03-20' }], ...input } })).body;
  const setUnits = async (id: string, units: unknown[], role: Role = 'coordinator') => (await fx.query(role, SET_UNITS, { id, units })).body;
  const setStreets = async (dayId: string, streetIds: string[], role: Role = 'coordinator') => (await fx.query(role, SET_STREETS, { dayId, streetIds })).body;
  const audits = (action: string, subjectId: string) => db().selectFrom('audit_event').select(['detail', 'actor_account_id', 'request_id']).where('action', '=', action).where('subject_id', '=', subjectId).orderBy('at').orderBy('id').execute();
  const campaignCount = async () => Number((await db().selectFrom('campaign').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  /** An open clean-up action with the default units and one day. */
  async function openCleanup(name = 'Opruimactie'): Promise<Campaign & { dayId: string }> {
    const draft = await createCampaign(db(), admin(), { neighbourhoodId: fx.neighbourhoodA, kind: 'OPRUIMEN', name, days: [{ date: '2027-03-13' }], requestId: 't' });
    const campaign = await changeCampaignStatus(db(), admin(), { campaignId: draft.id, status: 'OPEN', requestId: 't' });
    return { ...campaign, dayId: (await daysOfCampaigns(db(), [campaign.id]))[0]!.id };
  }

  beforeAll(async () => {
    fx = await accessFixture();
    streets = (await allStreets(db(), fx.neighbourhoodA)).map((s) => ({ id: s.id, name: s.name }));
  });
  afterAll(() => fx.t.close());

  it('creates a clean-up with the default units, or with the units and targets chosen, in that order', async () => {
    const plain = await create({ kind: 'OPRUIMEN' });
    expect(plain.errors).toBeUndefined();
    expect(plain.data.createCampaign).toMatchObject({ kind: 'OPRUIMEN', targetAreaM2: null });
    expect(plain.data.createCampaign.units).toEqual(CLEANUP.map((code) => ({ code, target: null, areaCm2PerPiece: 0, measured: false })));

    const chosen = await create({ kind: 'OPRUIMEN', units: [{ code: 'GROFVUIL', target: 40 }, { code: 'TUIN_GEHOLPEN' }, { code: 'ZAK_ZWERFVUIL', target: null }] });
    expect(chosen.errors).toBeUndefined();
    expect(chosen.data.createCampaign.units.map((u: any) => [u.code, u.target])).toEqual([['GROFVUIL', 40], ['TUIN_GEHOLPEN', null], ['ZAK_ZWERFVUIL', null]]);
    // Stored as rows in the same transaction as the campaign.
    const rows = await db().selectFrom('campaign_unit').select(['unit_code', 'position', 'target']).where('campaign_id', '=', chosen.data.createCampaign.id).orderBy('position').execute();
    expect(rows).toEqual([{ unit_code: 'GROFVUIL', position: 0, target: 40 }, { unit_code: 'TUIN_GEHOLPEN', position: 1, target: null }, { unit_code: 'ZAK_ZWERFVUIL', position: 2, target: null }]);
  });

  it('gives a tegelwip action every tile size, taking only targets of tile units; a schouw counts nothing', async () => {
    const tegelwip = await create({ kind: 'TEGELWIPPEN', units: [{ code: 'TEGEL_60X60', target: 300 }] });
    expect(tegelwip.errors).toBeUndefined();
    expect(codes(tegelwip.data.createCampaign)).toEqual(TILES);
    expect(tegelwip.data.createCampaign.units.find((u: any) => u.code === 'TEGEL_60X60')).toEqual({ code: 'TEGEL_60X60', target: 300, areaCm2PerPiece: 3600, measured: false });
    expect(tegelwip.data.createCampaign.units.find((u: any) => u.code === 'AREA')).toMatchObject({ areaCm2PerPiece: 1, measured: true, target: null });
    const schouw = await create({ kind: 'SCHOUW', checklistVersionId: fx.checklist.id });
    expect(schouw.data.createCampaign.units).toEqual([]);
  });

  it('refuses units that do not fit the kind, doubles, bad targets and an empty choice, and makes no campaign', async () => {
    const before = await campaignCount();
    const refusals: [Record<string, unknown>, string][] = [
      [{ kind: 'OPRUIMEN', units: [{ code: 'TEGEL_30X30' }] }, 'Bij een opruimactie tel je zakken, grofvuil of tuinen, geen tegels.'],
      [{ kind: 'TEGELWIPPEN', units: [{ code: 'GROFVUIL', target: 5 }] }, 'Bij tegelwippen tel je tegels: je kunt alleen doelen geven voor tegelmaten.'],
      [{ kind: 'SCHOUW', units: [{ code: 'GROFVUIL' }] }, 'Bij een schouw tel je niets: je loopt langs plekken en beantwoordt vragen.'],
      [{ kind: 'TEGELWIPPEN', units: [{ code: 'AREA', target: 50 }] }, 'Gemeten oppervlakte krijgt geen eigen doel: die telt mee voor het doel in m² van de actie. Laat het leeg.'],
      [{ kind: 'OPRUIMEN', units: [{ code: 'GROFVUIL' }, { code: 'GROFVUIL' }] }, 'Noem elk ding om te tellen maar één keer.'],
      [{ kind: 'OPRUIMEN', units: [] }, 'Kies minstens één ding om te tellen.'],
      [{ kind: 'OPRUIMEN', targetAreaM2: 500 }, 'Een opruimactie heeft geen doel in m²; geef een doel per ding dat je telt.'],
    ];
    for (const [input, message] of refusals) {
      const body = await create(input);
      expect(body.errors?.[0]?.extensions?.code, message).toBe('BAD_USER_INPUT');
      expect(body.errors[0].message).toContain(message);
    }
    const zero = await create({ kind: 'OPRUIMEN', units: [{ code: 'GROFVUIL', target: 0 }] });
    expect(zero.errors[0].extensions.fields).toEqual([{ path: ['input', 'units', '0', 'target'], message: expect.stringMatching(/^Een doel is een heel getal van 1 tot 100\.000/) }]);
    expect(await campaignCount()).toBe(before);
  });

  it('changes what a clean-up counts: any unit out while a draft, once open only more units and other targets; audits each change', async () => {
    const draft = await createCampaign(db(), admin(), { neighbourhoodId: fx.neighbourhoodA, kind: 'OPRUIMEN', name: 'Opruimen in concept', days: [{ date: '2027-03-13' }], requestId: 't' });
    const trimmed = await setUnits(draft.id, [{ code: 'GROFVUIL', target: 30 }, { code: 'TUIN_GEHOLPEN' }]);
    expect(trimmed.errors).toBeUndefined();
    expect(codes(trimmed.data.setCampaignUnits)).toEqual(['GROFVUIL', 'TUIN_GEHOLPEN']);

    const cleanup = await openCleanup();
    const [street] = streets;
    await db().transaction().execute((trx) => recordTallyEvent(trx, admin(), { id: uuidv7(), campaignId: cleanup.id, actionDayId: cleanup.dayId, streetId: street!.id, houseNumber: '4', unitCode: 'GROFVUIL', count: 2 }));
    // Open: every unit stays (in another order), targets change.
    const changed = await setUnits(cleanup.id, [{ code: 'TUIN_GEHOLPEN', target: 12 }, { code: 'GROFVUIL', target: 30 }, { code: 'ZAK_ZWERFVUIL' }, { code: 'ZAK_TUINAFVAL' }]);
    expect(changed.errors).toBeUndefined();
    expect(changed.data.setCampaignUnits.units.map((u: any) => [u.code, u.target])).toEqual([['TUIN_GEHOLPEN', 12], ['GROFVUIL', 30], ['ZAK_ZWERFVUIL', null], ['ZAK_TUINAFVAL', null]]);

    // Taking one out, even one nothing was counted in yet: entries for it may wait on a phone without signal.
    const refused = await setUnits(cleanup.id, [{ code: 'TUIN_GEHOLPEN' }, { code: 'GROFVUIL' }, { code: 'ZAK_TUINAFVAL' }]);
    expect(refused.errors[0]).toMatchObject({
      message: 'Tellingen voor "Zakken zwerfvuil" kunnen nog op telefoons staan; je kunt deze soort niet meer weghalen nu de actie loopt. Zet eventueel het doel leeg.',
      extensions: { code: 'CONFLICT', units: ['ZAK_ZWERFVUIL'] },
    });
    const two = await setUnits(cleanup.id, [{ code: 'TUIN_GEHOLPEN' }, { code: 'GROFVUIL' }]);
    expect(two.errors[0].message).toBe(
      'Tellingen voor "Zakken zwerfvuil" en "Zakken tuinafval" kunnen nog op telefoons staan; je kunt deze soorten niet meer weghalen nu de actie loopt. Zet eventueel de doelen leeg.',
    );
    expect(codes((await fx.query('coordinator', READ, { id: cleanup.id })).body.data.campaign)).toEqual(['TUIN_GEHOLPEN', 'GROFVUIL', 'ZAK_ZWERFVUIL', 'ZAK_TUINAFVAL']);

    const log = await audits('campaign.units_set', cleanup.id);
    expect(log.map((a) => JSON.parse(a.detail!))).toEqual([{ units: 'TUIN_GEHOLPEN:12,GROFVUIL:30,ZAK_ZWERFVUIL,ZAK_TUINAFVAL' }]);
    expect(log[0]).toMatchObject({ actor_account_id: fx.ids.coordinator, request_id: expect.any(String) });

    // The edge refuses doubles before the service is asked; an empty list is the kind's rule.
    expect((await setUnits(cleanup.id, [{ code: 'GROFVUIL' }, { code: 'GROFVUIL' }])).errors[0].message).toBe('Noem elk ding om te tellen maar één keer.');
    expect((await setUnits(cleanup.id, [])).errors[0]).toMatchObject({ message: 'Kies minstens één ding om te tellen.', extensions: { code: 'BAD_USER_INPUT' } });
    // Not yours: as if it did not exist, and nothing changes.
    for (const role of ['otherCoordinator', 'partner'] as const) expect((await setUnits(cleanup.id, [{ code: 'GROFVUIL' }], role)).errors[0].extensions.code, role).toBe('NOT_FOUND');
    expect(codes((await fx.query('coordinator', READ, { id: cleanup.id })).body.data.campaign)).toEqual(['TUIN_GEHOLPEN', 'GROFVUIL', 'ZAK_ZWERFVUIL', 'ZAK_TUINAFVAL']);

    await changeCampaignStatus(db(), admin(), { campaignId: cleanup.id, status: 'CLOSED', requestId: 't' });
    expect((await setUnits(cleanup.id, [{ code: 'GROFVUIL' }])).errors[0]).toMatchObject({ message: 'Een gesloten actie kan niet meer veranderen.', extensions: { code: 'CONFLICT' } });
    // A closed action's day keeps its streets: that refusal is no NOT_FOUND.
    expect((await setStreets(cleanup.dayId, [])).errors[0]).toMatchObject({ message: 'Een gesloten actie kan niet meer veranderen.', extensions: { code: 'CONFLICT' } });
  });

  it('keeps the tile sizes of a tegelwip action, changing only targets (none for a measured area), and refuses units for a schouw', async () => {
    const set = await setUnits(fx.campaignA.id, [{ code: 'TEGEL_30X30', target: 2000 }]);
    expect(set.errors).toBeUndefined();
    expect(codes(set.data.setCampaignUnits)).toEqual(TILES);
    expect(set.data.setCampaignUnits.units.filter((u: any) => u.target !== null)).toEqual([{ code: 'TEGEL_30X30', target: 2000, areaCm2PerPiece: 900, measured: false }]);
    expect((await setUnits(fx.campaignA.id, [{ code: 'ZAK_TUINAFVAL' }])).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const area = await setUnits(fx.campaignA.id, [{ code: 'AREA', target: 10 }]);
    expect(area.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: ['units', '0', 'target'], message: expect.stringMatching(/^Gemeten oppervlakte krijgt geen eigen doel/) }] });
    for (const units of [[{ code: 'GROFVUIL' }], []]) {
      expect((await setUnits(fx.schouwA.id, units)).errors[0]).toMatchObject({ message: 'Bij een schouw tel je niets: je loopt langs plekken en beantwoordt vragen.', extensions: { code: 'BAD_USER_INPUT' } });
    }
    // An empty list takes every target away: the tile sizes stay.
    const cleared = await setUnits(fx.campaignA.id, []);
    expect(cleared.errors).toBeUndefined();
    expect(cleared.data.setCampaignUnits.units.map((u: any) => [u.code, u.target])).toEqual(TILES.map((code) => [code, null]));
  });

  it("sets a day's streets in order, only the neighbourhood's, each once, at most 50, and audits it", async () => {
    const cleanup = await openCleanup('Opruimen per straat');
    const ordered = [streets[2]!, streets[0]!];
    const set = await setStreets(cleanup.dayId, ordered.map((s) => s.id));
    expect(set.errors).toBeUndefined();
    expect(set.data.setCampaignDayStreets.streets).toEqual(ordered);
    expect((await fx.query('coordinator', READ, { id: cleanup.id })).body.data.campaign.days[0].streets).toEqual(ordered);

    const [other] = await allStreets(db(), fx.neighbourhoodB);
    const foreign = await setStreets(cleanup.dayId, [streets[1]!.id, other!.id]);
    expect(foreign.errors[0]).toMatchObject({ message: 'Kies een straat van deze buurt.', extensions: { code: 'BAD_USER_INPUT', fields: [{ path: ['streetIds', '1'], message: 'Kies een straat van deze buurt.' }] } });
    expect((await setStreets(cleanup.dayId, [streets[1]!.id, streets[1]!.id])).errors[0].message).toBe('Noem elke straat maar één keer.');
    expect((await setStreets(cleanup.dayId, Array.from({ length: 51 }, () => uuidv7()))).errors[0].message).toBe('Kies hoogstens 50 straten voor één dag.');
    const walk = (await daysOfCampaigns(db(), [fx.schouwA.id]))[0]!;
    expect((await setStreets(walk.id, [streets[0]!.id])).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    for (const role of ['otherCoordinator', 'partner'] as const) expect((await setStreets(cleanup.dayId, [], role)).errors[0].extensions.code, role).toBe('NOT_FOUND');
    expect((await setStreets(uuidv7(), [])).errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await fx.query('coordinator', READ, { id: cleanup.id })).body.data.campaign.days[0].streets).toEqual(ordered);

    const log = await audits('campaign_day.streets_set', cleanup.dayId);
    expect(log.map((a) => JSON.parse(a.detail!))).toEqual([{ streets: 2 }]);
    // A day called off takes its planned streets along.
    await fx.query('coordinator', 'mutation($input: AddCampaignDayInput!) { addCampaignDay(input: $input) { id } }', { input: { campaignId: cleanup.id, date: '2027-03-27' } });
    const removed = await fx.query('coordinator', 'mutation($id: ID!) { removeCampaignDay(dayId: $id) { id } }', { id: cleanup.dayId });
    expect(removed.body.errors).toBeUndefined();
    expect(await db().selectFrom('campaign_day_street').selectAll().where('day_id', '=', cleanup.dayId).execute()).toEqual([]);
  });

  it('copies the units with their targets and each day with its streets for next year', async () => {
    const draft = await createCampaign(db(), admin(), {
      neighbourhoodId: fx.neighbourhoodA,
      kind: 'OPRUIMEN',
      name: 'Opruimactie 2027',
      days: [{ date: '2027-03-13', label: 'Eerste dag' }, { date: '2027-03-20' }],
      units: [{ code: 'ZAK_TUINAFVAL', target: 80 }, { code: 'GROFVUIL' }],
      requestId: 't',
    });
    const [first, second] = await daysOfCampaigns(db(), [draft.id]);
    await setStreets(first!.id, [streets[1]!.id, streets[3]!.id]);
    await setStreets(second!.id, [streets[4]!.id]);
    const copy = await fx.query('coordinator', `mutation($input: CopyCampaignForNextYearInput!) { copyCampaignForNextYear(input: $input) { ${FIELDS} } }`, { input: { campaignId: draft.id } });
    expect(copy.body.errors).toBeUndefined();
    const next = copy.body.data.copyCampaignForNextYear;
    expect(next.units.map((u: any) => [u.code, u.target])).toEqual([['ZAK_TUINAFVAL', 80], ['GROFVUIL', null]]);
    expect(next.days.map((d: any) => [d.date, d.streets.map((s: { name: string }) => s.name)])).toEqual([
      ['2028-03-11', [streets[1]!.name, streets[3]!.name]],
      ['2028-03-18', [streets[4]!.name]],
    ]);
    // The copy's days are its own: its streets hang on new day ids.
    expect(next.days.map((d: any) => d.id)).not.toContain(first!.id);
  });

  it('loads the units and the days\' streets of many campaigns in a fixed number of statements', async () => {
    for (let i = 0; i < 6; i++) {
      const c = await openCleanup(`Opruimen ${i}`);
      await setStreets(c.dayId, [streets[i % streets.length]!.id]);
    }
    const LIST = 'query($first: Int!) { campaigns(first: $first) { edges { node { units { code target } days { streets { name } } } } } }';
    const statementsFor = async (first: number) => {
      const { count } = await countStatements(fx.t.app, async () => {
        const { body } = await fx.query('admin', LIST, { first });
        expect(body.errors).toBeUndefined();
        expect(body.data.campaigns.edges).toHaveLength(first);
      });
      return count;
    };
    const few = await statementsFor(2);
    expect(few).toBeGreaterThan(0);
    expect(await statementsFor(8)).toBe(few);
  });
});

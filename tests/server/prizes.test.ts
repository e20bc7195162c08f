/**
 * Prizes for the most active participants over real HTTP on a database file: the
 * coordinator chooses a campaign's prize categories, and per category the console proposes
 * the winner and the next two places from the data, with equal figures sharing a place,
 * names only with consent (pseudonyms otherwise, and for people who erased their data),
 * no house numbers, and no street with fewer than three households. Each choice is audited. Other neighbourhoods' coordinators, partners and participants get
 * NOT_FOUND and change nothing. After retention the address-based prizes say they are no
 * longer known.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Viewer } from '../../server/src/auth/viewer.js';
import { changeCampaignStatus, createCampaign, daysOfCampaigns, type Campaign } from '../../server/src/modules/campaign/campaign.service.js';
import { allStreets } from '../../server/src/modules/neighbourhood/neighbourhood.repo.js';
import { recordObservation } from '../../server/src/modules/observation/observation.service.js';
import { createParticipantInvite } from '../../server/src/modules/participant/participant-invite.service.js';
import { MIN_HOUSEHOLDS_PER_STREET } from '../../server/src/modules/prize/prize.service.js';
import { erasePersonalDataOfClosedCampaigns } from '../../server/src/modules/participant/retention.service.js';
import { setSignupOpen } from '../../server/src/modules/signup/signup-planning.service.js';
import { signUp } from '../../server/src/modules/signup/signup.service.js';
import { createSpot, type Spot } from '../../server/src/modules/spot/spot.service.js';
import { correctTallyEvent, recordTallyEvent, type RecordTallyInput } from '../../server/src/modules/tally/tally.service.js';
import { accessFixture, type AccessFixture, type Role } from '../support/access-fixtures.js';
import { databaseFile } from '../support/test-app.js';

const PRIZES = `query($id: ID!) { campaignPrizes(campaignId: $id) {
  campaign { id } available
  prizes { category unit leftOut unknownReason winners { place tied name isPseudonym figure areaM2 } }
} }`;
const SET_PRIZES = `mutation($input: SetCampaignPrizesInput!) { setCampaignPrizes(input: $input) {
  available prizes { category winners { place tied name isPseudonym figure areaM2 } }
} }`;

const M2 = 10_000;

describe('prizes for the most active participants', () => {
  const file = databaseFile();
  let fx: AccessFixture;
  let tegelwip: Campaign;
  let schouw: Campaign;
  let streets: { id: string; name: string }[];
  /** Every house number and participant id used: none may appear in an answer. */
  const secrets: string[] = [];
  const db = () => fx.t.app.connection.db;
  const admin = () => fx.asViewer('admin');

  /** A participant who joined in the app, named in rankings or not. */
  async function join(campaign: Campaign, displayName: string, named: boolean) {
    const invite = await createParticipantInvite(db(), admin(), { campaignId: campaign.id, requestId: 't' });
    const { body } = await fx.query('anonymous', 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { token participant { id pseudonym } } }', {
      input: { code: invite.code, displayName, contactConsent: false, showNameInRankings: named },
    });
    expect(body.errors).toBeUndefined();
    const { token, participant } = body.data.joinCampaign;
    secrets.push(participant.id);
    const viewer: Viewer = { kind: 'participant', participantId: participant.id, campaignId: campaign.id };
    return { id: participant.id as string, pseudonym: participant.pseudonym as string, headers: { authorization: `Bearer ${token}` }, viewer };
  }

  async function count(viewer: Viewer, street: number, houseNumber: string | null, areaCm2: number, origin: RecordTallyInput['origin'] = 'GARDEN') {
    if (houseNumber) secrets.push(houseNumber);
    const [day] = await daysOfCampaigns(db(), [tegelwip.id]);
    return db()
      .transaction()
      .execute((trx) => recordTallyEvent(trx, viewer, { id: uuidv7(), campaignId: tegelwip.id, actionDayId: day!.id, streetId: streets[street]!.id, houseNumber, unitCode: 'AREA', count: areaCm2, origin }));
  }

  const prizesAs = async (role: Role | Record<string, string>, campaignId: string) => (await fx.query(role, PRIZES, { id: campaignId })).body;
  const choose = async (campaignId: string, categories: string[], role: Role | Record<string, string> = 'coordinator') => (await fx.query(role, SET_PRIZES, { input: { campaignId, categories } })).body;
  const winnersOf = (body: any, category: string) => body.data.campaignPrizes.prizes.find((p: any) => p.category === category);

  let anna: Awaited<ReturnType<typeof join>>;
  let bram: Awaited<ReturnType<typeof join>>;
  let cor: Awaited<ReturnType<typeof join>>;
  let walkers: Record<'eva' | 'fleur' | 'gijs', Awaited<ReturnType<typeof join>>>;

  beforeAll(async () => {
    fx = await accessFixture(file.env);
    streets = (await allStreets(db(), fx.neighbourhoodA)).slice(0, 3);
    const draft = await createCampaign(db(), admin(), { neighbourhoodId: fx.neighbourhoodA, kind: 'TEGELWIPPEN', name: 'Tegelwippen prijzen', days: [{ date: '2027-04-10' }], targetAreaM2: 100, requestId: 't' });
    tegelwip = await changeCampaignStatus(db(), admin(), { campaignId: draft.id, status: 'OPEN', requestId: 't' });

    anna = await join(tegelwip, 'Anna', true);
    bram = await join(tegelwip, 'Bram', false);
    cor = await join(tegelwip, 'Cor', true);
    const dirk = await join(tegelwip, 'Dirk', true);
    // Anna: 12 m² in two gardens of street 0.
    await count(anna.viewer, 0, '5', 10 * M2);
    await count(anna.viewer, 0, '7', 2 * M2, null);
    // Bram: as much as Anna, in one garden of street 1.
    await count(bram.viewer, 1, '3', 12 * M2);
    // Cor: one garden typed two ways ("4 A", "4a") and tiles from the pavement in street 2.
    await count(cor.viewer, 1, '4 A', 5 * M2);
    await count(cor.viewer, 1, '4a', 1 * M2);
    await count(cor.viewer, 2, '9', 3 * M2, 'PUBLIC');
    // Dirk: a typing mistake taken back completely, and 1 m² of pavement without an address.
    const mistake = await count(dirk.viewer, 0, '13', 30 * M2);
    await db().transaction().execute((trx) => correctTallyEvent(trx, dirk.viewer, { id: uuidv7(), correctsEventId: mistake.id, count: 30 * M2 }));
    await count(dirk.viewer, 2, null, 1 * M2, 'PUBLIC');
    // The coordinator counted 4 m² at a garden of street 2: the street's, no participant's.
    await count(admin(), 2, '11', 4 * M2);
    // Sign-ups: one at Anna's first garden (the same household), one in street 1 and one in
    // street 2 where nothing was counted yet.
    await setSignupOpen(db(), admin(), { campaignId: tegelwip.id, open: true, requestId: 't' });
    const [day] = await daysOfCampaigns(db(), [tegelwip.id]);
    for (const [street, houseNumber] of [[0, ' 5 '], [1, '6'], [2, '20']] as const) {
      secrets.push(houseNumber.trim());
      await signUp(db(), fx.auth, { campaignId: tegelwip.id, dayIds: [day!.id], displayName: `Aanmelder ${houseNumber}`, contactConsent: false, streetId: streets[street]!.id, houseNumber }, '192.0.2.9');
    }
    // Cor agreed to be named, then erased their data: from then on only the pseudonym.
    const erased = await fx.query(cor.headers, 'mutation { deleteMyData }');
    expect(erased.body.errors).toBeUndefined();

    // A schouw with three playgrounds.
    const schouwDraft = await createCampaign(db(), admin(), { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name: 'Schouw prijzen', checklistVersionId: fx.checklist.id, days: [{ date: '2027-05-15' }], requestId: 't' });
    schouw = await changeCampaignStatus(db(), admin(), { campaignId: schouwDraft.id, status: 'OPEN', requestId: 't' });
    const spots: Spot[] = [];
    for (const name of ['Speeltuin Noord', 'Speeltuin Midden', 'Speeltuin Zuid']) spots.push(await createSpot(db(), admin(), fx.neighbourhoodA, { streetId: streets[0]!.id, type: 'SPEELPLEK', name }));
    const item = fx.checklist.sections.flatMap((s) => s.items).find((i) => i.prompt === 'In welke staat zijn de speeltoestellen?')!;
    const answer = (viewer: Viewer, spot: number, rating: 'A' | 'B' | 'C' = 'B') =>
      db()
        .transaction()
        .execute((trx) => recordObservation(trx, viewer, { id: uuidv7(), campaignId: schouw.id, spotId: spots[spot]!.id, checklistItemId: item.id, rating, deviceTime: new Date().toISOString() }));
    walkers = { eva: await join(schouw, 'Eva', true), fleur: await join(schouw, 'Fleur', false), gijs: await join(schouw, 'Gijs', true) };
    // Eva walked all three; her second answer at the first replaces her first (still one spot).
    for (const spot of [0, 1, 2, 0]) await answer(walkers.eva.viewer, spot);
    for (const spot of [0, 1]) await answer(walkers.fleur.viewer, spot);
    for (const spot of [1, 2]) await answer(walkers.gijs.viewer, spot, 'C');
    // Staff walked along everywhere: staff do not compete.
    for (const spot of [0, 1, 2]) await answer(admin(), spot, 'A');
  }, 60_000);

  afterAll(async () => {
    await fx?.t.close();
    file.remove();
  });

  it('offers the categories of the campaign kind and starts with none chosen', async () => {
    const t = await prizesAs('coordinator', tegelwip.id);
    expect(t.errors).toBeUndefined();
    expect(t.data.campaignPrizes.available).toEqual(['MOST_AREA_BY_PARTICIPANT', 'MOST_AREA_PER_HOUSEHOLD_BY_STREET', 'MOST_GARDENS_BY_PARTICIPANT']);
    expect(t.data.campaignPrizes.prizes).toEqual([]);
    const s = await prizesAs('admin', schouw.id);
    expect(s.data.campaignPrizes.available).toEqual(['MOST_SPOTS_BY_WALKER']);
  });

  it('refuses a category of the other campaign kind and keeps the choice as it was', async () => {
    const wrong = await choose(tegelwip.id, ['MOST_AREA_BY_PARTICIPANT', 'MOST_SPOTS_BY_WALKER']);
    expect(wrong.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(wrong.errors[0].message).toBe('Deze prijs hoort bij een schouw, niet bij tegelwippen.');
    expect((await prizesAs('coordinator', tegelwip.id)).data.campaignPrizes.prizes).toEqual([]);
  });

  it('refuses a prize chosen twice, and more prizes than there are, each with its own message', async () => {
    const twice = await choose(tegelwip.id, ['MOST_AREA_BY_PARTICIPANT', 'MOST_AREA_BY_PARTICIPANT']);
    expect(twice.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(twice.errors[0].message).toBe('Kies elke prijs hoogstens één keer.');
    expect(twice.errors[0].extensions.fields).toEqual([{ path: ['input', 'categories'], message: 'Kies elke prijs hoogstens één keer.' }]);
    const tooMany = await choose(tegelwip.id, [
      'MOST_AREA_BY_PARTICIPANT',
      'MOST_AREA_PER_HOUSEHOLD_BY_STREET',
      'MOST_GARDENS_BY_PARTICIPANT',
      'MOST_SPOTS_BY_WALKER',
      'MOST_COUNTED_BY_PARTICIPANT',
      'MOST_GARDENS_HELPED_BY_STREET',
      'MOST_AREA_BY_PARTICIPANT',
    ]);
    expect(tooMany.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors[0].message).toBe('Er zijn 6 prijzen: kies er hoogstens zoveel.');
    expect((await prizesAs('coordinator', tegelwip.id)).data.campaignPrizes.prizes).toEqual([]);
  });

  it('writes an audit record of each choice with the chosen prizes, who chose them and the request', async () => {
    const audits = () => db().selectFrom('audit_event').select(['action', 'detail', 'actor_account_id', 'request_id']).where('subject_id', '=', schouw.id).where('action', '=', 'campaign.prizes_set').orderBy('at').orderBy('id').execute();
    expect(await audits()).toEqual([]);
    expect((await choose(schouw.id, ['MOST_SPOTS_BY_WALKER'])).errors).toBeUndefined();
    expect((await choose(schouw.id, [])).errors).toBeUndefined();
    const log = await audits();
    expect(log.map((a) => JSON.parse(a.detail!))).toEqual([{ categories: 'MOST_SPOTS_BY_WALKER' }, { categories: '' }]);
    expect(log.every((a) => a.actor_account_id === fx.ids.coordinator)).toBe(true);
    expect(log.every((a) => typeof a.request_id === 'string' && a.request_id.length > 0)).toBe(true);
    // A refused choice leaves no record.
    await choose(schouw.id, ['MOST_AREA_BY_PARTICIPANT']);
    expect(await audits()).toHaveLength(2);
  });

  it('proposes the winners of each tegelwip category exactly, ties shared, names only with consent', async () => {
    const chosen = await choose(tegelwip.id, ['MOST_GARDENS_BY_PARTICIPANT', 'MOST_AREA_BY_PARTICIPANT', 'MOST_AREA_PER_HOUSEHOLD_BY_STREET']);
    expect(chosen.errors).toBeUndefined();
    // Shown in the fixed order, whatever order they were sent in.
    expect(chosen.data.setCampaignPrizes.prizes.map((p: any) => p.category)).toEqual(['MOST_AREA_BY_PARTICIPANT', 'MOST_AREA_PER_HOUSEHOLD_BY_STREET', 'MOST_GARDENS_BY_PARTICIPANT']);

    const body = await prizesAs('coordinator', tegelwip.id);
    expect(body.errors).toBeUndefined();
    // Anna and Bram counted as much: both first, nobody second; Cor (erased) third by pseudonym; Dirk's 1 m² is fourth.
    const area = winnersOf(body, 'MOST_AREA_BY_PARTICIPANT');
    expect(area).toMatchObject({ unit: 'AREA_CM2', leftOut: 0, unknownReason: null });
    expect(area.winners).toEqual([
      { place: 1, tied: true, name: 'Anna', isPseudonym: false, figure: 12 * M2, areaM2: 12 },
      { place: 1, tied: true, name: bram.pseudonym, isPseudonym: true, figure: 12 * M2, areaM2: 12 },
      { place: 3, tied: false, name: cor.pseudonym, isPseudonym: true, figure: 9 * M2, areaM2: 9 },
    ].sort((a, b) => (a.place - b.place) || a.name.localeCompare(b.name, 'nl')));

    // Households per street: street 0 has only "5" (counted and signed up as " 5 ") and "7"
    // (Dirk's "13" went back to nothing): two households, too few to compete, although its
    // 12 m² / 2 = 6 m² would tie for first. Street 1 has "3", "4 A" = "4a" and "6" (signed
    // up): 18 m² / 3. Street 2 has "9" (pavement, but an address that was counted), "11" and
    // "20": 8 m² / 3.
    expect(MIN_HOUSEHOLDS_PER_STREET).toBe(3);
    const street = winnersOf(body, 'MOST_AREA_PER_HOUSEHOLD_BY_STREET');
    expect(street.unit).toBe('AREA_CM2_PER_HOUSEHOLD');
    expect(street.winners).toEqual([
      { place: 1, tied: false, name: streets[1]!.name, isPseudonym: false, figure: 6 * M2, areaM2: 6 },
      { place: 2, tied: false, name: streets[2]!.name, isPseudonym: false, figure: Math.floor((8 * M2) / 3), areaM2: Math.floor((8 * M2) / 3) / M2 },
    ]);

    // Gardens: Anna two; Bram and Cor one each (Cor's "4 A" and "4a" are one garden, the
    // pavement is none); Dirk none (taken back). Second place shared, so no third.
    const gardens = winnersOf(body, 'MOST_GARDENS_BY_PARTICIPANT');
    expect(gardens.unit).toBe('GARDENS');
    expect(gardens.winners).toEqual(
      [
        { place: 1, tied: false, name: 'Anna', isPseudonym: false, figure: 2, areaM2: null },
        { place: 2, tied: true, name: bram.pseudonym, isPseudonym: true, figure: 1, areaM2: null },
        { place: 2, tied: true, name: cor.pseudonym, isPseudonym: true, figure: 1, areaM2: null },
      ].sort((a, b) => (a.place - b.place) || a.name.localeCompare(b.name, 'nl')),
    );

    // Nothing that names a person beyond consent, and no house numbers or participant ids.
    const text = JSON.stringify(body);
    for (const secret of [...new Set(secrets)]) expect(text).not.toContain(`"${secret}"`);
    expect(text).not.toContain('Cor');
    expect(text).not.toContain('Bram');
  });

  it('proposes the walker with the most spots on a schouw, ties shared', async () => {
    expect((await choose(schouw.id, ['MOST_SPOTS_BY_WALKER'])).errors).toBeUndefined();
    const body = await prizesAs('coordinator', schouw.id);
    const spots = winnersOf(body, 'MOST_SPOTS_BY_WALKER');
    expect(spots).toMatchObject({ unit: 'SPOTS', unknownReason: null, leftOut: 0 });
    expect(spots.winners).toEqual(
      [
        { place: 1, tied: false, name: 'Eva', isPseudonym: false, figure: 3, areaM2: null },
        { place: 2, tied: true, name: walkers.fleur.pseudonym, isPseudonym: true, figure: 2, areaM2: null },
        { place: 2, tied: true, name: 'Gijs', isPseudonym: false, figure: 2, areaM2: null },
      ].sort((a, b) => (a.place - b.place) || a.name.localeCompare(b.name, 'nl')),
    );
    expect(JSON.stringify(body)).not.toContain('Fleur');
  });

  it('takes a category off again', async () => {
    await choose(schouw.id, []);
    expect((await prizesAs('coordinator', schouw.id)).data.campaignPrizes.prizes).toEqual([]);
    await choose(schouw.id, ['MOST_SPOTS_BY_WALKER']);
  });

  it("refuses other neighbourhoods' coordinators, partners and participants as if the campaign did not exist, and changes nothing", async () => {
    for (const role of ['otherCoordinator', 'partner', 'participant', 'otherParticipant', 'schouwer'] as const) {
      for (const campaign of [tegelwip, schouw]) {
        const read = await prizesAs(role, campaign.id);
        expect(read.data, role).toBeNull();
        expect(read.errors[0].extensions.code, role).toBe('NOT_FOUND');
        const write = await choose(campaign.id, [], role);
        expect(write.errors[0].extensions.code, role).toBe('NOT_FOUND');
      }
    }
    // A participant of the campaign itself sees no prizes either.
    expect((await prizesAs(anna.headers, tegelwip.id)).errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await choose(tegelwip.id, [], walkers.eva.headers)).errors[0].extensions.code).toBe('NOT_FOUND');
    // Not signed in: UNAUTHENTICATED. A campaign that does not exist: NOT_FOUND, the same as someone else's.
    expect((await prizesAs('anonymous', tegelwip.id)).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await prizesAs('coordinator', uuidv7())).errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await prizesAs('coordinator', tegelwip.id)).data.campaignPrizes.prizes).toHaveLength(3);
    expect((await prizesAs('coordinator', schouw.id)).data.campaignPrizes.prizes).toHaveLength(1);
  });

  it('says the address prizes are no longer known once the personal data was erased; the m² prize keeps its pseudonyms', async () => {
    await changeCampaignStatus(db(), admin(), { campaignId: tegelwip.id, status: 'CLOSED', requestId: 't' });
    await erasePersonalDataOfClosedCampaigns(db(), 0, new Date(Date.now() + 60_000));
    const body = await prizesAs('coordinator', tegelwip.id);
    expect(body.errors).toBeUndefined();
    expect(winnersOf(body, 'MOST_AREA_PER_HOUSEHOLD_BY_STREET')).toMatchObject({ unknownReason: 'PERSONAL_DATA_ERASED', winners: [] });
    expect(winnersOf(body, 'MOST_GARDENS_BY_PARTICIPANT')).toMatchObject({ unknownReason: 'PERSONAL_DATA_ERASED', winners: [] });
    const area = winnersOf(body, 'MOST_AREA_BY_PARTICIPANT');
    expect(area.unknownReason).toBeNull();
    expect(area.winners.map((w: any) => [w.place, w.isPseudonym, w.figure])).toEqual([
      [1, true, 12 * M2],
      [1, true, 12 * M2],
      [3, true, 9 * M2],
    ]);
    expect(JSON.stringify(body)).not.toContain('Anna');
  });
});

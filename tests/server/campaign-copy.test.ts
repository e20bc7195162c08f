/**
 * "Kopieer voor volgend jaar" over real HTTP on a database file: the copy is a draft with
 * the same settings, checklist (the same version or the newest), questionnaire, tools and days a year on
 * (same weekday), and nothing personal; a campaign is copied once; and a copied schouw
 * shows last year's scores per spot to its walkers and coordinators.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Viewer } from '../../server/src/auth/viewer.js';
import { changeCampaignStatus, createCampaign, daysOfCampaigns, type Campaign } from '../../server/src/modules/campaign/campaign.service.js';
import { publishChecklistVersion } from '../../server/src/modules/checklist/checklist.service.js';
import { recordObservation } from '../../server/src/modules/observation/observation.service.js';
import { publishQuestionnaire, setCampaignQuestionnaire } from '../../server/src/modules/questionnaire/questionnaire.service.js';
import { saveCampaignTools } from '../../server/src/modules/signup/campaign-tools.service.js';
import { setDayCapacity, setSignupOpen } from '../../server/src/modules/signup/signup-planning.service.js';
import { signUp } from '../../server/src/modules/signup/signup.service.js';
import { createSpot, type Spot } from '../../server/src/modules/spot/spot.service.js';
import { recordTallyEvent } from '../../server/src/modules/tally/tally.service.js';
import { DEMO_CHECKLIST } from '../../server/src/seed/demo-checklist.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { databaseFile } from '../support/test-app.js';

const COPY = `mutation($input: CopyCampaignForNextYearInput!) { copyCampaignForNextYear(input: $input) {
  id name kind status targetAreaM2 publicProgress publicResults days { date label } checklist { id version } questionnaire { id }
  copiedFrom { id } nextYearCopy { id }
} }`;
const LINKS = 'query($id: ID!) { campaign(id: $id) { id nextYearCopy { id name } copiedFrom { id } newerChecklist { id version } } }';

/** Rows of these tables that belong to a campaign: what a copy must not take along. */
const PERSONAL_TABLES = ['participant', 'participant_invite', 'signup', 'tally_event', 'observation', 'finding', 'action_item', 'team', 'questionnaire_response'] as const;

describe('copy a campaign for next year', () => {
  const file = databaseFile();
  let fx: AccessFixture;
  let tegelwip: Campaign;
  let schouw: Campaign;
  let playground: Spot;
  let newestChecklistId: string;
  let questionnaireId: string;
  const db = () => fx.t.app.connection.db;
  const admin = () => fx.asViewer('admin');
  const rowsOf = async (campaignId: string) =>
    Object.fromEntries(
      await Promise.all(
        PERSONAL_TABLES.map(async (table) => [table, Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('campaign_id', '=', campaignId).executeTakeFirstOrThrow()).n)] as const),
      ),
    );

  beforeAll(async () => {
    fx = await accessFixture(file.env);
    // A tegelwip action of 2027 on two Saturdays (the copy lands in a leap year, past its
    // 29 February), with a target, its public page, places per day, tools with stock,
    // sign-ups and counts.
    const draft = await createCampaign(db(), admin(), {
      neighbourhoodId: fx.neighbourhoodA,
      kind: 'TEGELWIPPEN',
      name: 'Tegelwippen 2027 Staatsliedenbuurt',
      days: [{ date: '2027-03-20', label: 'Eerste dag' }, { date: '2027-04-17' }],
      targetAreaM2: 650,
      publicProgress: true,
      requestId: 't',
    });
    const [first] = await daysOfCampaigns(db(), [draft.id]);
    await setDayCapacity(db(), admin(), { dayId: first!.id, capacity: 12, requestId: 't' });
    await saveCampaignTools(db(), admin(), draft.id, [{ name: 'tegellichter', stock: 4 }, { name: 'kruiwagen', stock: 2 }], 't');
    await setSignupOpen(db(), admin(), { campaignId: draft.id, open: true, requestId: 't' });
    questionnaireId = (await publishQuestionnaire(db(), admin(), { name: 'Evaluatie', asksToLink: false, questions: [{ prompt: 'Hoe was het?', type: 'SCALE' }] })).id;
    await setCampaignQuestionnaire(db(), admin(), { campaignId: draft.id, questionnaireId, requestId: 't' });
    tegelwip = await changeCampaignStatus(db(), admin(), { campaignId: draft.id, status: 'OPEN', requestId: 't' });
    await signUp(db(), fx.auth, { campaignId: tegelwip.id, dayIds: [first!.id], displayName: 'Aanmelder', contact: 'a@test.example', contactConsent: true, streetId: fx.streetA, houseNumber: '3' }, '192.0.2.7');
    const counter = await fx.makeParticipant(tegelwip);
    const participant: Viewer = { kind: 'participant', participantId: counter.id, campaignId: tegelwip.id };
    await db().transaction().execute((trx) => recordTallyEvent(trx, participant, { id: uuidv7(), campaignId: tegelwip.id, actionDayId: first!.id, streetId: fx.streetA, unitCode: 'TEGEL_30X30', count: 5 }));

    // A schouw of 2026, walked and closed, with the checklist changed since.
    const schouwDraft = await createCampaign(db(), admin(), { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name: 'Buurtschouw 2026', checklistVersionId: fx.checklist.id, days: [{ date: '2026-05-16' }], requestId: 't' });
    schouw = await changeCampaignStatus(db(), admin(), { campaignId: schouwDraft.id, status: 'OPEN', requestId: 't' });
    playground = await createSpot(db(), admin(), fx.neighbourhoodA, { streetId: fx.streetA, type: 'SPEELPLEK', name: 'Speeltuin Boerenpad' });
    const item = fx.checklist.sections.flatMap((s) => s.items).find((i) => i.prompt === 'In welke staat zijn de speeltoestellen?')!;
    for (const rating of ['C', 'D', 'C'] as const) {
      const walker = await fx.makeParticipant(schouw);
      await db().transaction().execute((trx) =>
        recordObservation(trx, { kind: 'participant', participantId: walker.id, campaignId: schouw.id }, { id: uuidv7(), campaignId: schouw.id, spotId: playground.id, checklistItemId: item.id, rating, deviceTime: new Date().toISOString() }),
      );
    }
    schouw = await changeCampaignStatus(db(), admin(), { campaignId: schouw.id, status: 'CLOSED', requestId: 't' });
    const templateId = (await db().selectFrom('checklist_version').select('template_id').where('id', '=', fx.checklist.id).executeTakeFirstOrThrow()).template_id;
    newestChecklistId = (await publishChecklistVersion(db(), admin(), { ...DEMO_CHECKLIST, templateId })).id;
  });
  afterAll(async () => {
    await fx.t.close();
    file.remove();
  });

  it('makes a draft with the same settings, tools and days a year on, on the same weekday, and nothing personal', async () => {
    const before = await rowsOf(tegelwip.id);
    expect(Object.values(before).some((n) => n > 0)).toBe(true);
    const { body } = await fx.query('coordinator', COPY, { input: { campaignId: tegelwip.id } });
    expect(body.errors).toBeUndefined();
    const copy = body.data.copyCampaignForNextYear;
    expect(copy).toMatchObject({ name: 'Tegelwippen 2028 Staatsliedenbuurt', kind: 'TEGELWIPPEN', status: 'DRAFT', targetAreaM2: 650, publicProgress: true, questionnaire: { id: questionnaireId }, copiedFrom: { id: tegelwip.id }, nextYearCopy: null });
    // Saturday 20 March 2027 → Saturday 18 March 2028; 17 April → 15 April.
    expect(copy.days).toEqual([{ date: '2028-03-18', label: 'Eerste dag' }, { date: '2028-04-15', label: null }]);
    for (const day of copy.days) expect(new Date(`${day.date}T12:00:00Z`).getUTCDay()).toBe(6);
    const days = await daysOfCampaigns(db(), [copy.id]);
    expect(days.map((d) => d.capacity)).toEqual([12, null]);
    const tools = await db().selectFrom('campaign_tool').select(['name', 'stock', 'position']).where('campaign_id', '=', copy.id).orderBy('position').execute();
    expect(tools.map((t) => [t.name, t.stock])).toEqual([['tegellichter', 4], ['kruiwagen', 2]]);
    const row = await db().selectFrom('campaign').select(['signup_open', 'copied_from_id']).where('id', '=', copy.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ signup_open: 0, copied_from_id: tegelwip.id });
    expect(await rowsOf(copy.id)).toEqual(Object.fromEntries(PERSONAL_TABLES.map((t) => [t, 0])));
    expect(await rowsOf(tegelwip.id)).toEqual(before);
    const audit = await db().selectFrom('audit_event').select(['action', 'detail']).where('subject_id', '=', copy.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['campaign.copied']);

    const links = (await fx.query('coordinator', LINKS, { id: tegelwip.id })).body.data.campaign;
    expect(links.nextYearCopy).toEqual({ id: copy.id, name: 'Tegelwippen 2028 Staatsliedenbuurt' });
  });

  it('copies a campaign once: a second copy is refused with the name of the first, and changes nothing', async () => {
    const count = async () => Number((await db().selectFrom('campaign').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const { body } = await fx.query('coordinator', COPY, { input: { campaignId: tegelwip.id } });
    expect(body.errors[0].extensions.code).toBe('CONFLICT');
    expect(body.errors[0].message).toBe('Deze actie is al gekopieerd voor volgend jaar: "Tegelwippen 2028 Staatsliedenbuurt". Werk die kopie bij.');
    expect(await count()).toBe(before);
  });

  it("answers a campaign of another neighbourhood as one that does not exist, and makes nothing", async () => {
    const count = async () => Number((await db().selectFrom('campaign').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    for (const campaignId of [schouw.id, uuidv7()]) {
      const { body } = await fx.query('otherCoordinator', COPY, { input: { campaignId } });
      expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
    }
    expect(await count()).toBe(before);
  });

  it('gives a schouw the newest checklist when asked, and its walkers and coordinators see last year\'s score per spot', async () => {
    expect((await fx.query('coordinator', LINKS, { id: schouw.id })).body.data.campaign.newerChecklist).toEqual({ id: newestChecklistId, version: 2 });
    const { body } = await fx.query('coordinator', COPY, { input: { campaignId: schouw.id, checklist: 'NEWEST' } });
    expect(body.errors).toBeUndefined();
    const copy = body.data.copyCampaignForNextYear;
    expect(copy).toMatchObject({ name: 'Buurtschouw 2027', kind: 'SCHOUW', status: 'DRAFT', checklist: { id: newestChecklistId, version: 2 }, days: [{ date: '2027-05-15', label: null }] });
    expect((await fx.query('coordinator', LINKS, { id: copy.id })).body.data.campaign).toMatchObject({ copiedFrom: { id: schouw.id }, newerChecklist: null });
    // A partner sees the campaign, not the links between the years.
    const partner = await fx.query('partner', 'query($id: ID!) { campaign(id: $id) { nextYearCopy { id } } }', { id: schouw.id });
    expect(partner.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(partner.body.errors[0].path).toEqual(['campaign', 'nextYearCopy']);

    await changeCampaignStatus(db(), admin(), { campaignId: copy.id, status: 'OPEN', requestId: 't' });
    const walker = await fx.makeParticipant({ ...schouw, id: copy.id });
    const PREVIOUS = 'query($campaign: ID!) { neighbourhood(slug: "staatsliedenbuurt") { spots(first: 100) { edges { node { id previousRating(campaignId: $campaign) { rating campaignName } } } } } }';
    const spots = (await fx.query(walker.headers, PREVIOUS, { campaign: copy.id })).body.data.neighbourhood.spots.edges;
    // C, D, C: the median is C.
    expect(spots.find((e: { node: { id: string } }) => e.node.id === playground.id).node.previousRating).toEqual({ rating: 'C', campaignName: 'Buurtschouw 2026' });

    const SCORES = 'query($id: ID!) { campaign(id: $id) { scores { previousSchouw { id } spots { spot { id } score { level previousLevel } } } } }';
    const scores = (await fx.query('coordinator', SCORES, { id: copy.id })).body.data.campaign.scores;
    expect(scores.previousSchouw).toEqual({ id: schouw.id });
    expect(scores.spots).toContainEqual({ spot: { id: playground.id }, score: { level: null, previousLevel: 'C' } });
  });

  it('keeps the checklist version by default', async () => {
    const draft = await createCampaign(db(), admin(), { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name: 'Najaarsschouw', checklistVersionId: fx.checklist.id, days: [{ date: '2026-10-03' }], requestId: 't' });
    const copy = (await fx.query('coordinator', COPY, { input: { campaignId: draft.id } })).body.data.copyCampaignForNextYear;
    expect(copy).toMatchObject({ name: 'Najaarsschouw 2027', checklist: { id: fx.checklist.id }, days: [{ date: '2027-10-02', label: null }] });
  });
});

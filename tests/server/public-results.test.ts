/**
 * The public results of a schouw over real HTTP and a database file, asked without
 * signing in: the scores per theme and street beside last year's, the findings counted
 * and how many are handled, the action plan without owners, and only the photos a
 * coordinator marked. Nothing names a person, a house number or repeats what residents
 * wrote; while the page is off (or the schouw is a draft, or a tegelwip action) the
 * answer is the same as for a campaign that does not exist, and so is every photo.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Viewer } from '../../server/src/auth/viewer.js';
import { changeCampaignStatus, createCampaign, type Campaign } from '../../server/src/modules/campaign/campaign.service.js';
import { createActionItem } from '../../server/src/modules/finding/action-plan.service.js';
import { changeFindingStatus, recordFinding, type Finding } from '../../server/src/modules/finding/finding.service.js';
import { recordObservation } from '../../server/src/modules/observation/observation.service.js';
import { forgetPublicResults } from '../../server/src/modules/observation/public-results.service.js';
import { createSpot, type Spot } from '../../server/src/modules/spot/spot.service.js';
import { allStreets } from '../../server/src/modules/neighbourhood/neighbourhood.repo.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { databaseFile } from '../support/test-app.js';

const RESULTS = `query($id: ID!) { publicSchouwResults(campaignId: $id) {
  campaignName campaignStatus previousSchouwName days { date }
  overall { level observationCount previousLevel change distribution { rating count } }
  themes { theme score { level observationCount previousLevel change distribution { rating count } } }
  streets { streetName score { level observationCount previousLevel change distribution { rating count } } }
  findings { total handled byStatus { status count } }
  actionItems { id title status publicMessage organisationName dueDate updatedAt }
  photos { id theme streetName findingStatus }
} }`;
const PHOTO_PUBLIC = 'mutation($finding: ID!, $photo: ID!, $public: Boolean!) { setFindingPhotoPublic(findingId: $finding, photoId: $photo, public: $public) { id publicPhotoIds } }';
const SETTINGS = 'mutation($input: UpdateCampaignInput!) { updateCampaign(input: $input) { publicResults } }';

type Headers = Record<string, string>;

describe('public schouw results', () => {
  const file = databaseFile();
  let fx: AccessFixture;
  let lastYear: Campaign;
  let thisYear: Campaign;
  let walkers: { viewer: Viewer; headers: Headers }[] = [];
  let playground: Spot;
  let planter: Spot;
  let streets: { id: string; name: string }[];
  let withPhoto: Finding;
  const markedPhoto = uuidv7();
  const unmarkedPhoto = uuidv7();
  const strangersPhoto = uuidv7();
  let strangersFinding: Finding;

  const db = () => fx.t.app.connection.db;
  const admin = () => fx.asViewer('admin');
  const now = () => new Date().toISOString();
  const item = (prompt: string) => fx.checklist.sections.flatMap((s) => s.items).find((i) => i.prompt === prompt)!;
  const results = async (id = thisYear.id, headers: Headers = {}) => {
    forgetPublicResults(id);
    return (await fx.query(headers, RESULTS, { id })).body;
  };
  const upload = async (id: string, headers: Headers, seed: number) => {
    const bytes = await sharp({ create: { width: 60, height: 40, channels: 3, background: { r: seed * 40, g: 90, b: 30 } } }).jpeg().toBuffer();
    const response = await fetch(`${fx.t.url}/media/${id}`, { method: 'PUT', headers: { ...headers, 'content-type': 'image/jpeg', sha256: createHash('sha256').update(bytes).digest('hex') }, body: new Uint8Array(bytes) });
    expect(response.status).toBe(201);
  };
  const photoStatus = async (id: string, headers: Headers = {}) => (await fetch(`${fx.t.url}/media/${id}?size=thumb`, { headers })).status;
  const rate = (viewer: Viewer, campaign: Campaign, spot: Spot, prompt: string, rating: string) =>
    db().transaction().execute((trx) => recordObservation(trx, viewer, { id: uuidv7(), campaignId: campaign.id, spotId: spot.id, checklistItemId: item(prompt).id, rating: rating as never, deviceTime: now() }));

  beforeAll(async () => {
    fx = await accessFixture(file.env);
    const open = async (name: string) => {
      const draft = await createCampaign(db(), admin(), { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name, checklistVersionId: fx.checklist.id, days: [{ date: '2027-05-15' }], requestId: 't' });
      return changeCampaignStatus(db(), admin(), { campaignId: draft.id, status: 'OPEN', requestId: 't' });
    };
    lastYear = await open('Buurtschouw 2026');
    thisYear = await open('Buurtschouw 2027');
    streets = (await allStreets(db(), fx.neighbourhoodA)).map((s) => ({ id: s.id, name: s.name }));
    playground = await createSpot(db(), admin(), fx.neighbourhoodA, { streetId: streets[0]!.id, type: 'SPEELPLEK', name: 'Speeltuin bij nummer 7' });
    planter = await createSpot(db(), admin(), fx.neighbourhoodA, { streetId: streets[1]!.id, type: 'PLANTSOEN', name: 'Plantsoen' });
    for (let i = 0; i < 3; i++) {
      const joined = await fx.makeParticipant(thisYear);
      walkers.push({ viewer: { kind: 'participant', participantId: joined.id, campaignId: thisYear.id }, headers: joined.headers });
    }
    const lastYearWalker = await fx.makeParticipant(lastYear);
    const before: Viewer = { kind: 'participant', participantId: lastYearWalker.id, campaignId: lastYear.id };

    // Last year: playground equipment C, greenery B. This year: equipment B, B, A (better), greenery C, D (worse).
    await rate(before, lastYear, playground, 'In welke staat zijn de speeltoestellen?', 'C');
    await rate(before, lastYear, planter, 'Hoe ziet het groen eruit (gemaaid, gesnoeid, geen onkruid)?', 'B');
    for (const [i, r] of ['B', 'B', 'A'].entries()) await rate(walkers[i]!.viewer, thisYear, playground, 'In welke staat zijn de speeltoestellen?', r);
    for (const [i, r] of ['C', 'D'].entries()) await rate(walkers[i]!.viewer, thisYear, planter, 'Hoe ziet het groen eruit (gemaaid, gesnoeid, geen onkruid)?', r);
    await rate(walkers[2]!.viewer, thisYear, planter, 'Hoe ziet het groen eruit (gemaaid, gesnoeid, geen onkruid)?', 'NVT');
    // What residents wrote, with names and a house number: none of it may reach the page.
    await db().transaction().execute((trx) =>
      recordObservation(trx, walkers[0]!.viewer, { id: uuidv7(), campaignId: thisYear.id, spotId: playground.id, checklistItemId: item('Wat valt op aan verkeer en parkeren?').id, answer: 'Henk van nummer 12 parkeert op de stoep', deviceTime: now() }),
    );

    await upload(markedPhoto, walkers[0]!.headers, 1);
    await upload(unmarkedPhoto, walkers[0]!.headers, 2);
    const record = (viewer: Viewer, input: Record<string, unknown>) =>
      db().transaction().execute((trx) => recordFinding(trx, viewer, { id: uuidv7(), campaignId: thisYear.id, category: 'ONTMOETEN_SPELEN', spotId: playground.id, deviceTime: now(), ...input }));
    withPhoto = await record(walkers[0]!.viewer, { text: 'De schommel bij huisnummer 14 is kapot, zegt Henk', suggestion: 'Nieuwe schommel van Piet', photoIds: [markedPhoto, unmarkedPhoto] });
    const handled = await record(walkers[1]!.viewer, { text: 'Zwerfvuil', category: 'SCHOON' });
    const refused = await record(walkers[1]!.viewer, { text: 'Een hek om het plantsoen', category: 'GROEN_ONDERHOUD', spotId: planter.id });
    await record(walkers[2]!.viewer, { text: 'Losse tegel', category: 'HEEL' });
    // A finding citing a photo that someone else uploaded later under that id.
    strangersFinding = await record(walkers[1]!.viewer, { text: 'Donker', category: 'VEILIG', photoIds: [strangersPhoto] });
    await upload(strangersPhoto, walkers[2]!.headers, 3);
    const move = (f: Finding, status: 'AFGEHANDELD' | 'NIET_OPPAKBAAR') =>
      changeFindingStatus(db(), admin(), { findingId: f.id, status, publicMessage: 'Dit is opgepakt door de gemeente.', requestId: 't' });
    await move(handled, 'AFGEHANDELD');
    await move(refused, 'NIET_OPPAKBAAR');
    await createActionItem(db(), admin(), { campaignId: thisYear.id, title: 'Schommel vervangen', owner: 'Jan Jansen', ownerOrganisationId: fx.organisationId, dueDate: '2027-09-01', publicMessage: 'Woonkracht10 plaatst in september een nieuwe schommel.', findingIds: [withPhoto.id], requestId: 't' });
    await createActionItem(db(), admin(), { campaignId: thisYear.id, title: 'Plantsoen snoeien', owner: 'Marieke de Vries', findingIds: [], requestId: 't' });
  });
  afterAll(async () => {
    await fx.t.close();
    file.remove();
  });

  it('is not there until a coordinator switches it on, and then looks exactly like a campaign that does not exist', async () => {
    const missing = await results(uuidv7());
    expect(missing.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(await results()).toEqual(missing);
    expect(await results(fx.campaignA.id)).toEqual(missing); // a tegelwip action
    // Signed in makes no difference.
    expect(await results(thisYear.id, fx.headers.schouwer)).toEqual(missing);
    expect(await photoStatus(markedPhoto)).toBe(401);
  });

  it('shows scores, counts, the action plan and marked photos, and nothing personal', async () => {
    expect((await fx.query('coordinator', SETTINGS, { input: { campaignId: thisYear.id, publicResults: true } })).body.data.updateCampaign.publicResults).toBe(true);
    expect((await fx.query('coordinator', PHOTO_PUBLIC, { finding: withPhoto.id, photo: markedPhoto, public: true })).body.data.setFindingPhotoPublic.publicPhotoIds).toEqual([markedPhoto]);

    // While the walk runs, no scores (they would steer the walkers still out); the follow-up shows already.
    const running = await results();
    expect(running.errors).toBeUndefined();
    expect(running.data.publicSchouwResults).toMatchObject({ campaignStatus: 'OPEN', overall: null, themes: [], streets: [], findings: { total: 5, handled: 2 } });
    expect(running.data.publicSchouwResults.actionItems).toHaveLength(2);

    await changeCampaignStatus(db(), admin(), { campaignId: thisYear.id, status: 'CLOSED', requestId: 't' });
    const body = await results();
    expect(body.errors).toBeUndefined();
    const r = body.data.publicSchouwResults;
    expect(r).toMatchObject({ campaignName: 'Buurtschouw 2027', campaignStatus: 'CLOSED', previousSchouwName: 'Buurtschouw 2026', days: [{ date: '2027-05-15' }] });
    const theme = (name: string) => r.themes.find((t: { theme: string }) => t.theme === name)?.score;
    expect(theme('ONTMOETEN_SPELEN')).toMatchObject({ level: 'B', observationCount: 3, previousLevel: 'C', change: 'UP' });
    expect(theme('GROEN_ONDERHOUD')).toMatchObject({ level: 'D', observationCount: 2, previousLevel: 'B', change: 'DOWN' });
    expect(theme('GROEN_ONDERHOUD').distribution).toEqual([
      { rating: 'A_PLUS', count: 0 },
      { rating: 'A', count: 0 },
      { rating: 'B', count: 0 },
      { rating: 'C', count: 1 },
      { rating: 'D', count: 1 },
      { rating: 'NVT', count: 1 },
    ]);
    // A street with fewer than 3 ratings (the plantsoen's C and D) is left out: it would show single walkers' answers.
    expect(r.streets).toEqual([expect.objectContaining({ streetName: streets[0]!.name, score: expect.objectContaining({ level: 'B', observationCount: 3, change: 'UP' }) })]);
    // The same levels as the coordinators' scores (Campaign.scores), theme by theme and street by street.
    const SCORE = 'level observationCount previousLevel change distribution { rating count }';
    const staffScores = (await fx.query('coordinator', `query($id: ID!) { campaign(id: $id) { scores { overall { ${SCORE} } themes { theme score { ${SCORE} } } streets { street { name } score { ${SCORE} } } } } }`, { id: thisYear.id })).body.data.campaign.scores;
    expect(r.overall).toEqual(staffScores.overall);
    expect(r.themes).toEqual(staffScores.themes);
    expect(r.streets).toEqual(
      staffScores.streets
        .filter((s: any) => s.score.observationCount >= 3)
        .map((s: any) => ({ streetName: s.street.name, score: s.score }))
        .sort((a: any, b: any) => a.streetName.localeCompare(b.streetName, 'nl')),
    );
    expect(staffScores.streets.some((s: any) => s.street.name === streets[1]!.name)).toBe(true);
    expect(r.findings).toMatchObject({ total: 5, handled: 2 });
    expect(r.actionItems).toEqual([
      expect.objectContaining({ title: 'Schommel vervangen', status: 'OPEN', organisationName: 'Woonkracht10', dueDate: '2027-09-01', publicMessage: 'Woonkracht10 plaatst in september een nieuwe schommel.' }),
      expect.objectContaining({ title: 'Plantsoen snoeien', organisationName: null, publicMessage: null }),
    ]);
    expect(r.photos).toEqual([{ id: markedPhoto, theme: 'ONTMOETEN_SPELEN', streetName: streets[0]!.name, findingStatus: 'NIEUW' }]);

    // No names, house numbers, residents' texts, spot names or owners anywhere in the answer.
    const text = JSON.stringify(body);
    for (const secret of ['Henk', 'Piet', 'nummer', 'schommel bij', 'Zwerfvuil', 'Losse tegel', 'Deelnemer', 'Jan Jansen', 'Marieke', 'Speeltuin bij', unmarkedPhoto, strangersPhoto, withPhoto.id]) {
      expect(text, secret).not.toContain(secret);
    }
  });

  it('serves a marked photo to anyone only while the results are on, and no other photo', async () => {
    await fx.query('coordinator', SETTINGS, { input: { campaignId: thisYear.id, publicResults: true } });
    await fx.query('coordinator', PHOTO_PUBLIC, { finding: withPhoto.id, photo: markedPhoto, public: true });
    expect(await photoStatus(markedPhoto)).toBe(200);
    // Seen without signing in, the photo is not kept by the browser: unmarking it takes effect.
    expect((await fetch(`${fx.t.url}/media/${markedPhoto}?size=thumb`)).headers.get('cache-control')).toBe('no-store');
    expect(await photoStatus(markedPhoto, fx.headers.otherParticipant)).toBe(200);
    expect(await photoStatus(unmarkedPhoto)).toBe(401);
    expect(await photoStatus(unmarkedPhoto, fx.headers.otherParticipant)).toBe(404);

    // A photo the recorder did not upload cannot be marked, and stays private.
    const stranger = await fx.query('coordinator', PHOTO_PUBLIC, { finding: strangersFinding.id, photo: strangersPhoto, public: true });
    expect(stranger.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await photoStatus(strangersPhoto)).toBe(401);
    // Marking is for coordinators of the neighbourhood; others find no such finding.
    for (const role of ['partner', 'otherCoordinator', 'schouwer'] as const) {
      const { body } = await fx.query(role, PHOTO_PUBLIC, { finding: withPhoto.id, photo: unmarkedPhoto, public: true });
      expect(body.errors[0].extensions.code, role).toBe('NOT_FOUND');
    }
    expect(await photoStatus(unmarkedPhoto)).toBe(401);

    // Unmarked again: gone from the page and from the media route.
    await fx.query('coordinator', PHOTO_PUBLIC, { finding: withPhoto.id, photo: markedPhoto, public: false });
    expect(await photoStatus(markedPhoto)).toBe(401);
    expect((await results()).data.publicSchouwResults.photos).toEqual([]);
    await fx.query('coordinator', PHOTO_PUBLIC, { finding: withPhoto.id, photo: markedPhoto, public: true });

    // Results off: the page and the photo are gone at once, without waiting for the kept answer.
    await fx.query(fx.headers.schouwer, RESULTS, { id: thisYear.id });
    expect((await fx.query('coordinator', SETTINGS, { input: { campaignId: thisYear.id, publicResults: false } })).body.data.updateCampaign.publicResults).toBe(false);
    const missing = await results(uuidv7());
    expect((await fx.query({}, RESULTS, { id: thisYear.id })).body).toEqual(missing);
    expect(await photoStatus(markedPhoto)).toBe(401);
    expect(await photoStatus(markedPhoto, fx.headers.otherParticipant)).toBe(404);
    // The walker who took it still sees it, as always.
    expect(await photoStatus(markedPhoto, walkers[0]!.headers)).toBe(200);

    const audit = await db().selectFrom('audit_event').select(['action', 'detail']).where('subject_id', '=', withPhoto.id).where('action', '=', 'finding_photo.public_changed').execute();
    expect(audit.map((a) => JSON.parse(a.detail!).public)).toEqual([true, false, true]);
  });

  it('stays off for a draft schouw, whatever the switch says', async () => {
    const draft = await createCampaign(db(), admin(), { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name: 'Concept', checklistVersionId: fx.checklist.id, requestId: 't' });
    expect((await fx.query('coordinator', SETTINGS, { input: { campaignId: draft.id, publicResults: true } })).body.errors).toBeUndefined();
    expect((await results(draft.id)).errors[0].extensions.code).toBe('NOT_FOUND');
    // A closed schouw keeps its public page (the switch may still change after closing).
    expect((await fx.query('coordinator', SETTINGS, { input: { campaignId: thisYear.id, publicResults: true } })).body.errors).toBeUndefined();
    expect((await results()).data.publicSchouwResults.campaignStatus).toBe('CLOSED');
  });
});

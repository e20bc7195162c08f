/**
 * Who may fetch a finding's photo from /media/:id, each branch both ways: its uploader;
 * staff who may see its finding; participants of the same walk; schouw walkers, for the
 * photo that Spot.previousRating shows them (last year's photo of the spot they are at);
 * nobody anonymous (there is no "public" marking of photos). A refusal looks exactly like
 * a photo that does not exist.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { changeCampaignStatus, createCampaign, type Campaign } from '../../server/src/modules/campaign/campaign.service.js';
import { routeFinding } from '../../server/src/modules/finding/finding.service.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { databaseFile } from '../support/test-app.js';

const RECORD = 'mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }';
const PREVIOUS = 'query($campaign: ID!) { neighbourhood(slug: "staatsliedenbuurt") { spots(first: 100) { edges { node { id previousRating(campaignId: $campaign) { photoId } } } } } }';

type Headers = Record<string, string>;

describe('photo access', () => {
  const file = databaseFile();
  let fx: AccessFixture;
  let lastYear: Campaign;
  let schouwB: Campaign;
  const who: Record<string, Headers> = {};
  /** This year's photo (schouwA), on a rated finding at the playground. */
  const thisYearPhoto = uuidv7();
  /** Last year's photos of the playground: the one previousRating shows, a second one, one on an unrated finding. */
  const lastYearPhoto = uuidv7();
  const lastYearSecondPhoto = uuidv7();
  const lastYearUnratedPhoto = uuidv7();
  let thisYearFinding = '';

  const upload = async (id: string, headers: Headers, seed: number) => {
    const bytes = await sharp({ create: { width: 60, height: 40, channels: 3, background: { r: seed * 40, g: 90, b: 30 } } }).jpeg().toBuffer();
    const response = await fetch(`${fx.t.url}/media/${id}`, { method: 'PUT', headers: { ...headers, 'content-type': 'image/jpeg', sha256: createHash('sha256').update(bytes).digest('hex') }, body: new Uint8Array(bytes) });
    expect(response.status).toBe(201);
  };
  const record = async (headers: Headers, campaignId: string, input: Record<string, unknown>) => {
    const { body } = await fx.query(headers, RECORD, { input: { id: uuidv7(), campaignId, category: 'ONTMOETEN_SPELEN', spotId: fx.spotA.id, deviceTime: new Date().toISOString(), ...input } });
    expect(body.errors).toBeUndefined();
    return body.data.recordFinding.id as string;
  };
  const fetchPhoto = async (id: string, headers: Headers) => {
    const response = await fetch(`${fx.t.url}/media/${id}?size=thumb`, { headers });
    return { status: response.status, body: response.status === 200 ? 'photo' : await response.text() };
  };
  /** Allowed: the photo. Refused: the same answer as for an id that was never uploaded. */
  const expectSees = async (id: string, role: string) => expect({ role, ...(await fetchPhoto(id, who[role]!)) }).toEqual({ role, status: 200, body: 'photo' });
  const expectRefused = async (id: string, role: string) => {
    const missing = await fetchPhoto(uuidv7(), who[role]!);
    expect(missing.status).not.toBe(200);
    expect({ role, ...(await fetchPhoto(id, who[role]!)) }).toEqual({ role, ...missing });
  };

  beforeAll(async () => {
    fx = await accessFixture(file.env);
    const db = fx.t.app.connection.db;
    const admin = fx.asViewer('admin');
    const open = async (neighbourhoodId: string, name: string) => {
      const draft = await createCampaign(db, admin, { neighbourhoodId, kind: 'SCHOUW', name, checklistVersionId: fx.checklist.id, days: [{ date: '2027-05-01' }], requestId: 't' });
      return changeCampaignStatus(db, admin, { campaignId: draft.id, status: 'OPEN', requestId: 't' });
    };
    lastYear = await open(fx.neighbourhoodA, 'Buurtschouw 2026');
    schouwB = await open(fx.neighbourhoodB, 'Schouw Schildersbuurt');
    Object.assign(who, {
      anonymous: {},
      admin: fx.headers.admin,
      coordinator: fx.headers.coordinator,
      otherCoordinator: fx.headers.otherCoordinator,
      partner: fx.headers.partner,
      schouwer: fx.headers.schouwer,
      sameWalk: (await fx.makeParticipant(fx.schouwA)).headers,
      tegelwipper: fx.headers.participant,
      otherParticipant: fx.headers.otherParticipant,
      lastYearWalker: (await fx.makeParticipant(lastYear)).headers,
      walkerB: (await fx.makeParticipant(schouwB)).headers,
    });

    await upload(lastYearPhoto, who.lastYearWalker!, 1);
    await upload(lastYearSecondPhoto, who.lastYearWalker!, 2);
    await upload(lastYearUnratedPhoto, who.lastYearWalker!, 3);
    // Last year's score of the playground comes from the walkers' answers; the photo from a finding.
    const playItem = fx.checklist.sections.flatMap((s) => s.items).find((i) => i.prompt === 'In welke staat zijn de speeltoestellen?')!;
    const answered = await fx.query(who.lastYearWalker!, 'mutation($input: RecordObservationInput!) { recordObservation(input: $input) { id } }', {
      input: { id: uuidv7(), campaignId: lastYear.id, spotId: fx.spotA.id, checklistItemId: playItem.id, rating: 'C', deviceTime: new Date().toISOString() },
    });
    expect(answered.body.errors).toBeUndefined();
    await record(who.lastYearWalker!, lastYear.id, { rating: 'C', photoIds: [lastYearPhoto, lastYearSecondPhoto] });
    await record(who.lastYearWalker!, lastYear.id, { text: 'Bankje los', photoIds: [lastYearUnratedPhoto] });
    // Last year's walk was set up before this year's schouw, as the newest schouw before it (after the demo schouw).
    await db.updateTable('campaign').set({ created_at: new Date(Date.parse(fx.schouwA.createdAt) - 1).toISOString() }).where('id', '=', lastYear.id).execute();

    await upload(thisYearPhoto, who.schouwer!, 4);
    thisYearFinding = await record(who.schouwer!, fx.schouwA.id, { rating: 'B', photoIds: [thisYearPhoto] });
  });
  afterAll(async () => {
    await fx.t.close();
    file.remove();
  });

  it('shows a photo to its uploader and to participants of the same walk', async () => {
    await expectSees(thisYearPhoto, 'schouwer');
    await expectSees(thisYearPhoto, 'sameWalk');
    await expectSees(lastYearUnratedPhoto, 'lastYearWalker');
  });

  it('shows a photo to staff who may see its finding, and to no other staff', async () => {
    await expectSees(thisYearPhoto, 'coordinator');
    await expectSees(thisYearPhoto, 'admin');
    await expectRefused(thisYearPhoto, 'otherCoordinator');
    await expectRefused(thisYearPhoto, 'partner');
    await routeFinding(fx.t.app.connection.db, fx.asViewer('admin'), { findingId: thisYearFinding, organisationId: fx.organisationId, requestId: 't' });
    await expectSees(thisYearPhoto, 'partner');
  });

  it("refuses this year's schouw photos to other participants of the neighbourhood (tegelwippers, earlier walkers)", async () => {
    await expectRefused(thisYearPhoto, 'tegelwipper');
    await expectRefused(thisYearPhoto, 'lastYearWalker');
    await expectRefused(thisYearPhoto, 'walkerB');
    await expectRefused(thisYearPhoto, 'otherParticipant');
  });

  it("shows this year's walkers last year's photo of the spot, exactly the one previousRating gives them", async () => {
    const previous = async (role: string, campaign: string) => {
      const { body } = await fx.query(who[role]!, PREVIOUS, { campaign });
      return body.data.neighbourhood.spots.edges.find((e: any) => e.node.id === fx.spotA.id).node.previousRating;
    };
    expect(await previous('schouwer', fx.schouwA.id)).toEqual({ photoId: lastYearPhoto });
    await expectSees(lastYearPhoto, 'schouwer');
    await expectSees(lastYearPhoto, 'sameWalk');
    // Not shown by previousRating, so not fetched that way either.
    await expectRefused(lastYearSecondPhoto, 'schouwer');
    await expectRefused(lastYearUnratedPhoto, 'schouwer');
  });

  it("refuses last year's photo to participants who are not walking a schouw of that neighbourhood", async () => {
    await expectRefused(lastYearPhoto, 'tegelwipper');
    await expectRefused(lastYearPhoto, 'otherParticipant');
    // A walk in another neighbourhood, asking about this neighbourhood's playground.
    const { body } = await fx.query(who.walkerB!, PREVIOUS, { campaign: schouwB.id });
    expect(body.data.neighbourhood.spots.edges.find((e: any) => e.node.id === fx.spotA.id).node.previousRating).toBeNull();
    await expectRefused(lastYearPhoto, 'walkerB');
    // A tegelwip campaign has no walk and no previous rating.
    const tegel = await fx.query(who.tegelwipper!, PREVIOUS, { campaign: fx.campaignA.id });
    expect(tegel.body.data.neighbourhood.spots.edges.every((e: any) => e.node.previousRating === null)).toBe(true);
  });

  it('shows no photo to anonymous callers (no photo is marked public), answering as for a missing one', async () => {
    for (const photo of [thisYearPhoto, lastYearPhoto]) await expectRefused(photo, 'anonymous');
  });
});

/**
 * Schouw findings over real SQLite and HTTP: recording, checklist versions, follow-up,
 * routing, action plan. Answers to checklist items are observations, not findings:
 * observations.test.ts covers them and the findings made from them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { allowedTransitions } from '../../server/src/modules/finding/finding-workflow.js';
import { FINDING_STATUSES, type FindingStatus } from '../../server/src/modules/finding/finding.table.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { databaseFile } from '../support/test-app.js';

const RECORD = 'mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id status category street { name } spot { name } photoIds location { lat lon accuracyM } } }';
const STATUS = 'mutation($input: ChangeFindingStatusInput!) { changeFindingStatus(input: $input) { status version statusHistory { fromStatus toStatus publicMessage } } }';

describe('findings', () => {
  let fx: AccessFixture;
  const now = () => new Date().toISOString();

  // On a file, as in production (see participants.test.ts): reading a recorder's contact
  // details writes an audit record during a query.
  const file = databaseFile();
  beforeAll(async () => {
    fx = await accessFixture(file.env);
  });
  afterAll(async () => {
    await fx.t.close();
    file.remove();
  });

  it('records a free finding with location and photo references; sending it again records it once', async () => {
    const input = {
      id: uuidv7(),
      campaignId: fx.schouwA.id,
      category: 'KLIMAATADAPTATIE',
      spotId: fx.spotA.id,
      text: 'Grote plas na de regen',
      suggestion: 'Een wadi of minder tegels',
      location: { lat: 51.8593, lon: 4.6571, accuracyM: 12 },
      photoIds: [uuidv7(), uuidv7()],
      deviceTime: now(),
    };
    const first = await fx.query('schouwer', RECORD, { input });
    expect(first.body.data.recordFinding).toMatchObject({ status: 'NIEUW', category: 'KLIMAATADAPTATIE', spot: { name: 'Speeltuin' }, photoIds: input.photoIds, location: input.location });
    const again = await fx.query('schouwer', RECORD, { input });
    expect(again.body.data.recordFinding.id).toBe(input.id);
    const count = await fx.t.app.connection.db.selectFrom('finding').select((eb) => eb.fn.countAll().as('n')).where('id', '=', input.id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('refuses an empty finding and text that is too long, and stores nothing', async () => {
    const before = await fx.t.app.connection.db.selectFrom('finding').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const empty = await fx.query('schouwer', RECORD, { input: { id: uuidv7(), campaignId: fx.schouwA.id, category: 'SCHOON', deviceTime: now() } });
    expect(empty.body.errors[0].message).toMatch(/Beschrijf wat je ziet/);
    const long = await fx.query('schouwer', RECORD, { input: { id: uuidv7(), campaignId: fx.schouwA.id, category: 'SCHOON', text: 'x'.repeat(2001), deviceTime: now() } });
    expect(long.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const after = await fx.t.app.connection.db.selectFrom('finding').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('versions a checklist: publishing again makes version 2 and leaves version 1 as it was', async () => {
    const publish = (templateId: string | null, prompt: string) =>
      fx.query('coordinator', 'mutation($input: PublishChecklistInput!) { publishChecklist(input: $input) { id version sections { items { prompt } } } }', {
        input: { templateId, name: 'Versies', sections: [{ theme: 'HEEL', title: 'Heel', items: [{ prompt, type: 'YES_NO' }] }] },
      });
    const v1 = (await publish(null, 'Vraag één')).body.data.publishChecklist;
    const templateId = (await fx.t.app.connection.db.selectFrom('checklist_version').select('template_id').where('id', '=', v1.id).executeTakeFirstOrThrow()).template_id;
    const v2 = (await publish(templateId, 'Vraag twee')).body.data.publishChecklist;
    expect([v1.version, v2.version]).toEqual([1, 2]);
    const { body } = await fx.query('coordinator', 'query($id: ID!) { campaign(id: $id) { checklist { version sections { title } } } }', { id: fx.schouwA.id });
    expect(body.data.campaign.checklist.version).toBe(1);
    const bad = await fx.query('coordinator', 'mutation($input: PublishChecklistInput!) { publishChecklist(input: $input) { id } }', {
      input: { name: 'Fout', sections: [{ theme: 'HEEL', title: 'Heel', items: [{ prompt: 'Kies', type: 'CHOICE', choices: ['Alleen één'] }] }] },
    });
    expect(bad.body.errors[0].message).toMatch(/minstens twee verschillende keuzes/);
  });

  it('allows exactly the transitions of the workflow, each with a public message', async () => {
    for (const from of FINDING_STATUSES) {
      for (const to of FINDING_STATUSES) {
        const finding = await fx.makeFinding();
        await fx.t.app.connection.db.updateTable('finding').set({ status: from }).where('id', '=', finding.id).execute();
        const { body } = await fx.query('coordinator', STATUS, { input: { findingId: finding.id, status: to, publicMessage: 'De gemeente pakt dit in mei op.' } });
        const allowed = (allowedTransitions[from] as readonly FindingStatus[]).includes(to);
        if (allowed) expect(body.data.changeFindingStatus.status, `${from} → ${to}`).toBe(to);
        else expect(body.errors[0].extensions.code, `${from} → ${to}`).toBe('CONFLICT');
      }
    }
  });

  it('tells the console which statuses a finding may move to next, exactly those of the workflow', async () => {
    for (const from of FINDING_STATUSES) {
      const finding = await fx.makeFinding();
      await fx.t.app.connection.db.updateTable('finding').set({ status: from }).where('id', '=', finding.id).execute();
      const { body } = await fx.query('coordinator', 'query($id: ID!) { finding(id: $id) { nextStatuses } }', { id: finding.id });
      expect(body.data.finding.nextStatuses, from).toEqual([...allowedTransitions[from]]);
    }
  });

  it('requires a public message and shows it to the reporter with the status history', async () => {
    const id = uuidv7();
    await fx.query('schouwer', RECORD, { input: { id, campaignId: fx.schouwA.id, category: 'HEEL', streetId: fx.streetA, text: 'Lantaarnpaal kapot', deviceTime: now() } });
    const missing = await fx.query('coordinator', STATUS, { input: { findingId: id, status: 'INGEPLAND', publicMessage: 'ok' } });
    expect(missing.body.errors[0].message).toMatch(/minstens 10 tekens/);
    const done = await fx.query('coordinator', STATUS, { input: { findingId: id, status: 'INGEPLAND', publicMessage: 'De lamp wordt volgende week vervangen.' } });
    expect(done.body.data.changeFindingStatus).toMatchObject({ status: 'INGEPLAND', version: 2 });
    const mine = await fx.query('schouwer', 'query($id: ID!) { campaign(id: $id) { findings(onlyMine: true, first: 50) { edges { node { id recordedByMe status statusHistory { toStatus publicMessage } } } } } }', { id: fx.schouwA.id });
    const node = mine.body.data.campaign.findings.edges.find((e: any) => e.node.id === id).node;
    expect(node).toMatchObject({ recordedByMe: true, status: 'INGEPLAND', statusHistory: [{ toStatus: 'INGEPLAND', publicMessage: 'De lamp wordt volgende week vervangen.' }] });
  });

  it('lets a partner see and update only what is routed to their organisation', async () => {
    const routed = await fx.makeFinding();
    const id = uuidv7();
    await fx.query('schouwer', RECORD, { input: { id, campaignId: fx.schouwA.id, category: 'SCHOON', streetId: fx.streetA, text: 'Niet gerouteerd', deviceTime: now() } });
    const list = await fx.query('partner', '{ routedFindings(first: 100) { edges { node { id } } } }');
    const ids = list.body.data.routedFindings.edges.map((e: any) => e.node.id);
    expect(ids).toContain(routed.id);
    expect(ids).not.toContain(id);
    expect((await fx.query('partner', STATUS, { input: { findingId: id, status: 'IN_BEHANDELING', publicMessage: 'Wij pakken dit op.' } })).body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await fx.query('partner', STATUS, { input: { findingId: routed.id, status: 'IN_BEHANDELING', publicMessage: 'Woonkracht10 pakt dit op.' } })).body.data.changeFindingStatus.status).toBe('IN_BEHANDELING');
  });

  it('hides who recorded a finding from other participants and partners', async () => {
    const query = 'query($id: ID!) { finding(id: $id) { recorderName recordedByMe } }';
    const id = uuidv7();
    await fx.query('schouwer', RECORD, { input: { id, campaignId: fx.schouwA.id, category: 'SCHOON', streetId: fx.streetA, text: 'Afval', deviceTime: now() } });
    expect((await fx.query('coordinator', query, { id })).body.data.finding.recorderName).toMatch(/^Deelnemer /);
    const other = await fx.freshHeaders('schouwer');
    expect((await fx.query(other, query, { id })).body.data.finding).toEqual({ recorderName: null, recordedByMe: false });
  });

  it('lets coordinators reach a recorder who asked for feedback, recording each look in the audit log; partners and residents never see it', async () => {
    const reachable = 'query($id: ID!) { finding(id: $id) { recorderAcceptsContact } }';
    const contact = 'query($id: ID!) { finding(id: $id) { recorderContact } }';
    const looks = async (participantId: string) =>
      (await fx.t.app.connection.db.selectFrom('audit_event').selectAll().where('action', '=', 'participant.contact_viewed').where('subject_id', '=', participantId).execute()).length;
    const id = uuidv7();
    await fx.query('schouwer', RECORD, { input: { id, campaignId: fx.schouwA.id, category: 'SCHOON', streetId: fx.streetA, text: 'Zwerfvuil bij de bank', deviceTime: now() } });
    const recorder = (await fx.t.app.connection.db.selectFrom('finding').select('participant_id').where('id', '=', id).executeTakeFirstOrThrow()).participant_id!;
    await fx.query('coordinator', 'mutation($f: ID!, $o: ID) { routeFinding(findingId: $f, organisationId: $o) { id } }', { f: id, o: fx.organisationId });

    expect((await fx.query('coordinator', reachable, { id })).body.data.finding.recorderAcceptsContact).toBe(true);
    expect(await looks(recorder)).toBe(0); // knowing that one may ask is not a look
    expect((await fx.query('coordinator', contact, { id })).body.data.finding.recorderContact).toMatch(/@test\.example$/);
    expect(await looks(recorder)).toBe(1);

    for (const role of ['partner', 'otherCoordinator'] as const) {
      const answer = (await fx.query(role, `query($id: ID!) { finding(id: $id) { recorderAcceptsContact recorderContact } }`, { id })).body.data.finding;
      expect(answer === null || (answer.recorderAcceptsContact === null && answer.recorderContact === null)).toBe(true);
    }
    const other = await fx.freshHeaders('schouwer');
    expect((await fx.query(other, `query($id: ID!) { finding(id: $id) { recorderAcceptsContact recorderContact } }`, { id })).body.data.finding).toEqual({ recorderAcceptsContact: null, recorderContact: null });
    expect(await looks(recorder)).toBe(1);

    // Without consent, or once erased, there is nothing to show and nothing to record.
    await fx.t.app.connection.db.updateTable('participant').set({ contact: null, contact_consent_at: null }).where('id', '=', recorder).execute();
    expect((await fx.query('coordinator', `query($id: ID!) { finding(id: $id) { recorderAcceptsContact recorderContact } }`, { id })).body.data.finding).toEqual({ recorderAcceptsContact: false, recorderContact: null });
    expect(await looks(recorder)).toBe(1);
  });

  it('makes action plan items from findings, visible in the campaign action plan', async () => {
    const finding = await fx.makeFinding();
    const created = await fx.query('coordinator', 'mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id status findingIds } }', {
      input: { campaignId: fx.schouwA.id, title: 'Speeltuin opknappen', owner: 'Gemeente B&O', dueDate: '2027-09-01', findingIds: [finding.id] },
    });
    expect(created.body.data.createActionItem).toMatchObject({ status: 'OPEN', findingIds: [finding.id] });
    const other = await fx.query('coordinator', 'mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }', {
      input: { campaignId: fx.schouwA.id, title: 'Verkeerd', owner: 'Niemand', findingIds: [uuidv7()] },
    });
    expect(other.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const plan = await fx.query('schouwer', 'query($id: ID!) { campaign(id: $id) { actionPlan { title owner dueDate status } } }', { id: fx.schouwA.id });
    // The owner may be a person's name: only staff see it.
    expect(plan.body.data.campaign.actionPlan).toContainEqual({ title: 'Speeltuin opknappen', owner: null, dueDate: '2027-09-01', status: 'OPEN' });
  });
});

describe("last year's rating", () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture();
  });
  afterAll(() => fx.t.close());

  it('shows a spot\'s rating and photo from an earlier walk to this year\'s walkers, and to no one else', async () => {
    const db = fx.t.app.connection.db;
    const admin = fx.asViewer('admin');
    const { createCampaign, changeCampaignStatus } = await import('../../server/src/modules/campaign/campaign.service.js');
    const { recordFinding } = await import('../../server/src/modules/finding/finding.service.js');
    const draft = await createCampaign(db, admin, { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name: 'Buurtschouw 2025', checklistVersionId: fx.checklist.id, requestId: 't' });
    await changeCampaignStatus(db, admin, { campaignId: draft.id, status: 'OPEN', requestId: 't' });
    // The previous schouw: the newest one made before this year's (the demo schouw was made before both).
    await db.updateTable('campaign').set({ created_at: new Date(Date.parse(fx.schouwA.createdAt) - 1).toISOString() }).where('id', '=', draft.id).execute();
    const photo = uuidv7();
    const sharp = (await import('sharp')).default;
    const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#888' } }).jpeg().toBuffer();
    const { storeUpload } = await import('../../server/src/modules/media/media.service.js');
    const { folderPhotoStore } = await import('../../server/src/modules/media/photo-store-folder.js');
    await storeUpload(db, folderPhotoStore(fx.t.config.mediaDir), admin, { id: photo, sha256: (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex'), bytes });
    await db.transaction().execute((trx) => recordFinding(trx, admin, { id: uuidv7(), campaignId: draft.id, category: 'ONTMOETEN_SPELEN', spotId: fx.spotA.id, rating: 'D', photoIds: [photo], deviceTime: new Date().toISOString() }));
    // The score is last year's answers' median (a finding's own rating is not an answer): D, C, D → D.
    const { recordObservation } = await import('../../server/src/modules/observation/observation.service.js');
    const playItem = fx.checklist.sections.flatMap((s) => s.items).find((i) => i.prompt === 'In welke staat zijn de speeltoestellen?')!;
    for (const rating of ['D', 'C', 'D'] as const) {
      const walker = await fx.makeParticipant(draft);
      await db.transaction().execute((trx) => recordObservation(trx, { kind: 'participant', participantId: walker.id, campaignId: draft.id }, { id: uuidv7(), campaignId: draft.id, spotId: fx.spotA.id, checklistItemId: playItem.id, rating, deviceTime: new Date().toISOString() }));
    }

    const query = 'query($campaign: ID!) { neighbourhood(slug: "staatsliedenbuurt") { spots(first: 100) { edges { node { id previousRating(campaignId: $campaign) { rating photoId campaignName } } } } } }';
    const { body } = await fx.query('schouwer', query, { campaign: fx.schouwA.id });
    const spot = body.data.neighbourhood.spots.edges.find((e: any) => e.node.id === fx.spotA.id).node;
    expect(spot.previousRating).toEqual({ rating: 'D', photoId: photo, campaignName: 'Buurtschouw 2025' });
    expect((await fetch(`${fx.t.url}/media/${photo}?size=thumb`, { headers: fx.headers.schouwer })).status).toBe(200);

    const stranger = await fx.query('otherParticipant', query, { campaign: fx.schouwA.id });
    expect(stranger.body.data.neighbourhood.spots.edges.every((e: any) => e.node.previousRating === null)).toBe(true);
    expect((await fetch(`${fx.t.url}/media/${photo}?size=thumb`, { headers: fx.headers.otherParticipant })).status).toBe(404);
  });
});

describe('spots and streets', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture();
  });
  afterAll(() => fx.t.close());

  it('lets a coordinator add spots with an optional point, and refuses half a location', async () => {
    const create = (extra: Record<string, unknown>) =>
      fx.query('coordinator', 'mutation($input: CreateSpotInput!) { createSpot(input: $input) { name type lat lon street { id } } }', {
        input: { neighbourhoodId: fx.neighbourhoodA, streetId: fx.streetA, type: 'NESTKAST', name: 'Nestkast bij de school', ...extra },
      });
    expect((await create({ lat: 51.86, lon: 4.66 })).body.data.createSpot).toMatchObject({ type: 'NESTKAST', lat: 51.86, lon: 4.66, street: { id: fx.streetA } });
    expect((await create({ lat: 51.86 })).body.errors[0].message).toMatch(/zowel de breedte- als de lengtegraad/);
    expect((await create({ streetId: 'bestaat-niet' })).body.errors[0].message).toMatch(/hoort niet bij deze buurt/);
  });

  it('lists the spots of a neighbourhood for everyone, with their street', async () => {
    const { body } = await fx.query('anonymous', '{ neighbourhood(slug: "staatsliedenbuurt") { spots(first: 50) { edges { node { name type street { name } } } } } }');
    expect(body.data.neighbourhood.spots.edges.map((e: any) => e.node.name)).toContain('Speeltuin');
  });

  it('seeds a demo spot of every type, each labelled as demo data or real', async () => {
    const { body } = await fx.query('anonymous', '{ neighbourhood(slug: "staatsliedenbuurt") { spots(first: 100) { edges { node { name type description } } } } }');
    const spots = body.data.neighbourhood.spots.edges.map((e: any) => e.node);
    const types = new Set(spots.map((s: any) => s.type));
    for (const type of ['PLANTSOEN', 'BLOEMBAK', 'BOOM', 'PARK', 'WANDELPAD', 'SPEELPLEK', 'ONTMOETINGSPLEK', 'NESTKAST', 'REGENTON_WADI', 'HANGPLEK']) expect(types).toContain(type);
    for (const spot of spots.filter((s: any) => s.name !== 'Speeltuin' && s.name !== 'Nestkast bij de school')) {
      expect(`${spot.name} ${spot.description}`).toMatch(/demo/i);
    }
  });
});

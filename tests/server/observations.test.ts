/**
 * Observations (answers to checklist items) over real HTTP, on a database file with the
 * sync worker as `npm start` runs it: every item type over GraphQL and over sync, the
 * refusals walkers read (in Dutch, storing nothing), several walkers' answers kept, a
 * walker's later answer superseding their earlier one, resent ids, the answer command of
 * app versions from before observations, findings that follow up an answer, coordinators
 * promoting an answer to a finding, and who sees which answers.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { publishChecklistVersion } from '../../server/src/modules/checklist/checklist.service.js';
import { allStreets } from '../../server/src/modules/neighbourhood/neighbourhood.repo.js';
import { createSpot } from '../../server/src/modules/spot/spot.service.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { SYNC, TestDevice } from '../support/sync-client.js';

const FIELDS = 'id checklistItemId theme rating answer note current deviceTime serverTime recordedByMe recorderName findingId location { lat lon accuracyM } spot { id } street { id }';
const RECORD = `mutation($input: RecordObservationInput!) { recordObservation(input: $input) { ${FIELDS} } }`;
const READ = `query($id: ID!) { observation(id: $id) { ${FIELDS} } }`;
const PROMOTE = 'mutation($input: PromoteObservationInput!) { promoteObservation(input: $input) { id status text observationId checklistItemId rating category spot { id } } }';
const FINDING = 'query($id: ID!) { finding(id: $id) { id observationId checklistItemId rating category suggestion text photoIds spot { id } recordedByMe } }';
const LIST = `query($id: ID!, $spot: ID, $item: ID, $current: Boolean) { campaign(id: $id) { observations(first: 100, spotId: $spot, checklistItemId: $item, currentOnly: $current) { edges { node { ${FIELDS} } } } } }`;

const PROMPTS = {
  RATING: 'In welke staat zijn de speeltoestellen?',
  YES_NO: 'Doet de straatverlichting het?',
  NUMBER: 'Hoeveel afvalbakken staan hier?',
  CHOICE: 'Hoe vaak wordt deze plek gebruikt?',
  TEXT: 'Wat valt op aan verkeer en parkeren?',
  NESTKAST: 'In welke staat is de nestkast?',
} as const;

type Headers = Record<string, string>;

describe('observations', () => {
  let fx: AccessFixture;
  let otherVersionItem: string;
  let spotB: string;
  const db = () => fx.t.app.connection.db;
  const item = (key: keyof typeof PROMPTS) => fx.checklist.sections.flatMap((s) => s.items).find((i) => i.prompt === PROMPTS[key])!.id;
  const at = (minutes: number) => new Date(Date.UTC(2027, 3, 1, 10, minutes)).toISOString();
  const input = (extra: Record<string, unknown>) => ({ id: uuidv7(), campaignId: fx.schouwA.id, spotId: fx.spotA.id, deviceTime: new Date().toISOString(), ...extra });
  const record = (who: Headers | 'schouwer' | 'coordinator' | 'admin', extra: Record<string, unknown>) => fx.query(who, RECORD, { input: input(extra) });
  const recorded = async (who: Headers | 'schouwer' | 'coordinator', extra: Record<string, unknown>) => {
    const { body } = await record(who, extra);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data.recordObservation;
  };
  const walker = async () => (await fx.makeParticipant(fx.schouwA)).headers;
  const walkerWithId = () => fx.makeParticipant(fx.schouwA);
  const row = (id: string) => db().selectFrom('observation').selectAll().where('id', '=', id).executeTakeFirst();
  const findingRow = (id: string) => db().selectFrom('finding').selectAll().where('id', '=', id).executeTakeFirst();
  const count = async (table: 'observation' | 'finding') => Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const sync = async (who: Headers | 'schouwer', device: TestDevice, entries: ReturnType<TestDevice['entry']>[]) => {
    const { body } = await fx.query(who, SYNC, device.input(entries));
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data.sync;
  };
  const upload = async (id: string, headers: Headers) => {
    const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#4a7' } }).jpeg().toBuffer();
    const response = await fetch(`${fx.t.url}/media/${id}`, { method: 'PUT', headers: { ...headers, 'content-type': 'image/jpeg', sha256: createHash('sha256').update(bytes).digest('hex') }, body: new Uint8Array(bytes) });
    expect(response.status).toBe(201);
  };

  beforeAll(async () => {
    fx = await accessFixture(); // a database file with the sync worker, as npm start runs
    const admin = fx.asViewer('admin');
    const other = await publishChecklistVersion(db(), admin, { name: 'Andere checklist', sections: [{ theme: 'SCHOON', title: 'Schoon', items: [{ prompt: 'Hoe schoon?', type: 'RATING' }] }] });
    otherVersionItem = other.sections[0]!.items[0]!.id;
    const streetB = (await allStreets(db(), fx.neighbourhoodB))[0]!.id;
    spotB = (await createSpot(db(), admin, fx.neighbourhoodB, { streetId: streetB, type: 'SPEELPLEK', name: 'Speeltuin Schildersbuurt' })).id;
  });
  afterAll(() => fx.t.close());

  it('stores an answer of every item type over GraphQL, with the theme of its section, and reads it back', async () => {
    const who = await walker();
    const location = { lat: 51.8592, lon: 4.6573, accuracyM: 9 };
    const cases = [
      { key: 'RATING', args: { rating: 'C' }, stored: { rating: 'C', answer: null }, theme: 'ONTMOETEN_SPELEN' },
      { key: 'YES_NO', args: { answer: 'NEE' }, stored: { rating: null, answer: 'NEE' }, theme: 'HEEL' },
      { key: 'NUMBER', args: { answer: ' 007 ' }, stored: { rating: null, answer: '7' }, theme: 'SCHOON' },
      { key: 'CHOICE', args: { answer: 'Soms' }, stored: { rating: null, answer: 'Soms' }, theme: 'ONTMOETEN_SPELEN' },
      { key: 'TEXT', args: { answer: '  Auto’s op de stoep bij de school ' }, stored: { rating: null, answer: 'Auto’s op de stoep bij de school' }, theme: 'VEILIG' },
    ] as const;
    for (const c of cases) {
      const observation = await recorded(who, { checklistItemId: item(c.key), location, deviceTime: at(1), ...c.args });
      expect(observation, c.key).toMatchObject({ ...c.stored, theme: c.theme, checklistItemId: item(c.key), current: true, recordedByMe: true, recorderName: null, findingId: null, note: null, location, spot: { id: fx.spotA.id }, street: { id: fx.streetA }, deviceTime: at(1) });
      expect(await row(observation.id), c.key).toMatchObject({ ...c.stored, theme: c.theme, spot_id: fx.spotA.id, street_id: fx.streetA, lat: location.lat, superseded_by: null });
      expect((await fx.query(who, READ, { id: observation.id })).body.data.observation).toEqual(observation);
    }
    // The NUMBER range ends at 0 and 100000.
    expect((await recorded(who, { checklistItemId: item('NUMBER'), answer: '0' })).answer).toBe('0');
    expect((await recorded(who, { checklistItemId: item('NUMBER'), answer: '100000' })).answer).toBe('100000');
    // A rating item takes NVT too.
    expect((await recorded(who, { checklistItemId: item('RATING'), rating: 'NVT' })).rating).toBe('NVT');
  });

  it('stores an answer of every item type over sync (recordObservation, format 1), with the device time', async () => {
    const who = await walker();
    const device = new TestDevice();
    const args = [
      { checklistItemId: item('RATING'), rating: 'A_PLUS' },
      { checklistItemId: item('YES_NO'), answer: 'JA' },
      { checklistItemId: item('NUMBER'), answer: '12' },
      { checklistItemId: item('CHOICE'), answer: 'Bijna nooit' },
      { checklistItemId: item('TEXT'), answer: 'Te hard rijden', location: { lat: 51.86, lon: 4.66 } },
    ].map((a) => ({ id: uuidv7(), campaignId: fx.schouwA.id, spotId: fx.spotA.id, ...a }));
    const entries = args.map((a, i) => device.entry('recordObservation', a, 1, at(10 + i)));
    const result = await sync(who, device, entries);
    expect(result.results.map((r: any) => [r.status, r.entityId])).toEqual(args.map((a) => ['APPLIED', a.id]));
    const rows = await Promise.all(args.map((a) => row(a.id)));
    expect(rows.map((r) => [r!.rating, r!.answer, r!.theme, r!.device_time])).toEqual([
      ['A_PLUS', null, 'ONTMOETEN_SPELEN', at(10)],
      [null, 'JA', 'HEEL', at(11)],
      [null, '12', 'SCHOON', at(12)],
      [null, 'Bijna nooit', 'ONTMOETEN_SPELEN', at(13)],
      [null, 'Te hard rijden', 'VEILIG', at(14)],
    ]);
    expect(rows[4]).toMatchObject({ lat: 51.86, lon: 4.66, accuracy_m: null });
    for (const a of args) expect(await findingRow(a.id)).toBeUndefined();
  });

  const refusals: [string, () => Record<string, unknown>, RegExp][] = [
    ['a negative number', () => ({ checklistItemId: item('NUMBER'), answer: '-1' }), /^Vul een heel getal in: 0 of meer, zonder komma of min-teken\.$/],
    ['a number with a decimal comma', () => ({ checklistItemId: item('NUMBER'), answer: '3,5' }), /^Vul een heel getal in/],
    ['a number in words', () => ({ checklistItemId: item('NUMBER'), answer: 'drie' }), /^Vul een heel getal in/],
    ['a number above 100000', () => ({ checklistItemId: item('NUMBER'), answer: '100001' }), /^Vul een aantal in van hoogstens 100\.?000\.$/],
    ['a yes/no item answered otherwise', () => ({ checklistItemId: item('YES_NO'), answer: 'misschien' }), /^Antwoord met ja of nee\.$/],
    ['an unknown choice', () => ({ checklistItemId: item('CHOICE'), answer: 'Altijd' }), /^Kies een van: Vaak, Soms, Bijna nooit\.$/],
    ['an empty text answer', () => ({ checklistItemId: item('TEXT'), answer: '   ' }), /^Vul een antwoord in\.$/],
    ['a rating on a non-rating item', () => ({ checklistItemId: item('YES_NO'), rating: 'B' }), /^Deze vraag vraagt geen oordeel\.$/],
    ['a rating item without a rating', () => ({ checklistItemId: item('RATING') }), /^Kies een oordeel/],
    ['a rating item answered with text', () => ({ checklistItemId: item('RATING'), rating: 'B', answer: 'mooi' }), /^Deze vraag vraagt alleen een oordeel\.$/],
    ['an item that does not apply to the spot type', () => ({ checklistItemId: item('NESTKAST'), rating: 'B' }), /^Deze vraag hoort niet bij dit soort plek\.$/],
    ['an item of another checklist version', () => ({ checklistItemId: otherVersionItem, rating: 'A' }), /^Deze vraag hoort niet bij de checklist van deze schouw\.$/],
    ['a spot of another neighbourhood', () => ({ checklistItemId: item('RATING'), rating: 'A', spotId: spotB }), /^Deze plek hoort niet bij deze buurt\.$/],
  ];

  it.each(refusals)('refuses %s over GraphQL in Dutch and stores nothing', async (_name, args, message) => {
    const before = await count('observation');
    const extra = args();
    const { body } = await fx.query('schouwer', RECORD, { input: input(extra) });
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(message);
    expect(await count('observation')).toBe(before);
  });

  it.each(refusals)('refuses %s over sync in Dutch and stores nothing', async (_name, args, message) => {
    const before = await count('observation');
    const device = new TestDevice();
    const { id, ...rest } = input(args());
    delete (rest as Record<string, unknown>).deviceTime;
    const result = await sync('schouwer', device, [device.entry('recordObservation', { id, ...rest })]);
    expect(result.results[0]).toMatchObject({ status: 'REJECTED', code: 'BAD_USER_INPUT', entityId: null });
    expect(result.results[0].message).toMatch(message);
    expect(await row(id)).toBeUndefined();
    expect(await count('observation')).toBe(before);
  });

  it('refuses a text answer that is too long, over GraphQL and sync, in Dutch', async () => {
    const long = 'x'.repeat(2001);
    const before = await count('observation');
    const { body } = await record('schouwer', { checklistItemId: item('TEXT'), answer: long });
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/hoogstens 2000 tekens/);
    const device = new TestDevice();
    const result = await sync('schouwer', device, [device.entry('recordObservation', { id: uuidv7(), campaignId: fx.schouwA.id, spotId: fx.spotA.id, checklistItemId: item('TEXT'), answer: long })]);
    expect(result.results[0]).toMatchObject({ status: 'REJECTED', code: 'BAD_USER_INPUT' });
    expect(result.results[0].message).toMatch(/^Ongeldige gegevens: answer: /);
    expect(result.results[0].message).not.toMatch(/invalid|expected|too big/i);
    expect(await count('observation')).toBe(before);
  });

  it("keeps every walker's answer to the same item at the same spot", async () => {
    const walkers = [await walker(), await walker(), await walker()];
    const answers = [];
    for (const [i, who] of walkers.entries()) answers.push(await recorded(who, { checklistItemId: item('CHOICE'), answer: ['Vaak', 'Soms', 'Vaak'][i], deviceTime: at(20 - i) }));
    const { body } = await fx.query('coordinator', LIST, { id: fx.schouwA.id, spot: fx.spotA.id, item: item('CHOICE'), current: true });
    const listed = body.data.campaign.observations.edges.map((e: any) => e.node);
    for (const a of answers) expect(listed.find((o: any) => o.id === a.id)).toMatchObject({ current: true, answer: a.answer });
    for (const a of answers) expect((await row(a.id))!.superseded_by).toBeNull();
  });

  it("lets a walker's later answer (by device time) supersede their earlier one; an older answer arriving late does not count", async () => {
    const who = await walker();
    const bystander = await walker();
    const ratingItem = item('RATING');
    const first = await recorded(who, { checklistItemId: ratingItem, rating: 'B', deviceTime: at(30) });
    const theirs = await recorded(bystander, { checklistItemId: ratingItem, rating: 'A', deviceTime: at(31) });
    const second = await recorded(who, { checklistItemId: ratingItem, rating: 'D', deviceTime: at(32) });
    expect(await row(first.id)).toMatchObject({ superseded_by: second.id });
    expect(await row(second.id)).toMatchObject({ superseded_by: null });
    expect(await row(theirs.id)).toMatchObject({ superseded_by: null });

    // Made on another phone before the D, arriving after it: kept, but the D still counts.
    const device = new TestDevice();
    const lateId = uuidv7();
    const late = await sync(who, device, [device.entry('recordObservation', { id: lateId, campaignId: fx.schouwA.id, spotId: fx.spotA.id, checklistItemId: ratingItem, rating: 'A_PLUS' }, 1, at(31))]);
    expect(late.results[0]).toMatchObject({ status: 'APPLIED', entityId: lateId });
    expect(await row(lateId)).toMatchObject({ rating: 'A_PLUS', superseded_by: second.id });
    expect(await row(second.id)).toMatchObject({ superseded_by: null });

    // Resending the first answer does not make it count again.
    expect((await recorded(who, { id: first.id, checklistItemId: ratingItem, rating: 'B', deviceTime: at(30) })).current).toBe(false);

    const mine = (await fx.query(who, LIST, { id: fx.schouwA.id, spot: fx.spotA.id, item: ratingItem })).body.data.campaign.observations.edges.map((e: any) => e.node);
    expect(mine.map((o: any) => [o.rating, o.current]).sort()).toEqual([['A_PLUS', false], ['B', false], ['D', true]]);
    const current = (await fx.query(who, LIST, { id: fx.schouwA.id, spot: fx.spotA.id, item: ratingItem, current: true })).body.data.campaign.observations.edges.map((e: any) => e.node.rating);
    expect(current).toEqual(['D']);

    // A later one still supersedes the D.
    const third = await recorded(who, { checklistItemId: ratingItem, rating: 'C', deviceTime: at(40) });
    expect(await row(second.id)).toMatchObject({ superseded_by: third.id });
    expect((await fx.query(who, READ, { id: third.id })).body.data.observation.current).toBe(true);
    expect((await fx.query(who, READ, { id: second.id })).body.data.observation.current).toBe(false);
    // Another item at the same spot, and the same item elsewhere, are other questions.
    expect((await recorded(who, { checklistItemId: item('YES_NO'), answer: 'JA', deviceTime: at(41) })).current).toBe(true);
    expect(await row(third.id)).toMatchObject({ superseded_by: null });
  });

  it('compares device times as moments, not as text: milliseconds and offsets do not decide which answer counts', async () => {
    const who = await walker();
    const ratingItem = item('RATING');
    const device = new TestDevice();
    const entry = (rating: string, clientTime: string) => {
      const id = uuidv7();
      return { id, entry: device.entry('recordObservation', { id, campaignId: fx.schouwA.id, spotId: fx.spotA.id, checklistItemId: ratingItem, rating }, 1, clientTime) };
    };
    // Half a second later, written with milliseconds (as text it sorts before "…00Z").
    const later = entry('D', '2027-04-02T10:00:00.500Z');
    const earlier = entry('B', '2027-04-02T10:00:00Z');
    let result = await sync(who, device, [later.entry, earlier.entry]);
    expect(result.results.map((r: any) => r.status)).toEqual(['APPLIED', 'APPLIED']);
    expect(await row(later.id)).toMatchObject({ superseded_by: null, device_time: '2027-04-02T10:00:00.500Z' });
    expect(await row(earlier.id)).toMatchObject({ superseded_by: later.id, device_time: '2027-04-02T10:00:00.000Z' });

    // 12:00 in summer time is 10:00 UTC, before 10:30 UTC (as text it sorts after).
    const utc = entry('C', '2027-04-02T10:30:00Z');
    const offset = entry('A', '2027-04-02T12:00:00+02:00');
    result = await sync(who, device, [utc.entry, offset.entry]);
    expect(result.results.map((r: any) => r.status)).toEqual(['APPLIED', 'APPLIED']);
    expect(await row(utc.id)).toMatchObject({ superseded_by: null });
    expect(await row(offset.id)).toMatchObject({ superseded_by: utc.id, device_time: '2027-04-02T10:00:00.000Z' });

    const bad = entry('A', 'gisteren');
    const refused = await fx.query(who, SYNC, device.input([bad.entry]));
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers a resend of the same id with the same observation; another recorder’s id is refused, over GraphQL and sync', async () => {
    const who = await walker();
    const other = await walker();
    const secret = 'Sleutel ligt onder de bloempot';
    const original = await recorded(who, { checklistItemId: item('TEXT'), answer: secret, deviceTime: at(50) });
    const before = await count('observation');
    const again = await recorded(who, { id: original.id, checklistItemId: item('TEXT'), answer: 'Iets anders', deviceTime: at(51) });
    expect(again).toEqual(original);
    expect(await count('observation')).toBe(before);

    for (const headers of [other, fx.headers.coordinator]) {
      const { body } = await record(headers, { id: original.id, checklistItemId: item('TEXT'), answer: 'Van mij' });
      expect(body.data).toBeNull();
      expect(body.errors[0]).toMatchObject({ message: 'Dit id is al gebruikt voor iets anders.', extensions: { code: 'CONFLICT' } });
      expect(JSON.stringify(body)).not.toMatch(/Sleutel/);
    }
    const device = new TestDevice();
    const args = { id: original.id, campaignId: fx.schouwA.id, spotId: fx.spotA.id, checklistItemId: item('TEXT'), answer: 'Van mij' };
    const refused = await sync(other, device, [device.entry('recordObservation', args)]);
    expect(refused.results[0]).toMatchObject({ status: 'REJECTED', code: 'CONFLICT', message: 'Dit id is al gebruikt voor iets anders.', entityId: null });
    expect(await row(original.id)).toMatchObject({ answer: secret });

    // The recorder's own device resending under a new mutation id gets the same observation.
    const own = new TestDevice();
    const resent = await sync(who, own, [own.entry('recordObservation', { ...args, answer: 'Nog iets anders' })]);
    expect(resent.results[0]).toMatchObject({ status: 'APPLIED', entityId: original.id });
    expect(await count('observation')).toBe(before);
    expect(await row(original.id)).toMatchObject({ answer: secret, superseded_by: null });
  });

  describe('the answer command of app versions from before observations (answerChecklistItem, format 1)', () => {
    const legacy = (extra: Record<string, unknown>) => ({ id: uuidv7(), campaignId: fx.schouwA.id, spotId: fx.spotA.id, checklistItemId: item('RATING'), rating: 'C', ...extra });

    it('records a plain answer as an observation only', async () => {
      const who = await walker();
      const device = new TestDevice();
      const args = [legacy({}), legacy({ checklistItemId: item('YES_NO'), rating: null, answer: 'JA' })];
      const result = await sync(who, device, args.map((a) => device.entry('answerChecklistItem', a, 1, at(5))));
      expect(result.results.map((r: any) => [r.status, r.entityId])).toEqual(args.map((a) => ['APPLIED', a.id]));
      expect(await row(args[0]!.id)).toMatchObject({ rating: 'C', answer: null, note: null, device_time: at(5) });
      expect(await row(args[1]!.id)).toMatchObject({ rating: null, answer: 'JA', note: null, superseded_by: null });
      for (const a of args) expect(await findingRow(a.id)).toBeUndefined();
    });

    it('keeps its text as the note of the observation, without a finding', async () => {
      const who = await walker();
      const device = new TestDevice();
      const args = legacy({ text: '  Schommel piept  ' });
      const result = await sync(who, device, [device.entry('answerChecklistItem', args)]);
      expect(result.results[0]).toMatchObject({ status: 'APPLIED', entityId: args.id });
      expect(await row(args.id)).toMatchObject({ rating: 'C', note: 'Schommel piept' });
      expect(await findingRow(args.id)).toBeUndefined();
      expect((await fx.query(who, READ, { id: args.id })).body.data.observation).toMatchObject({ note: 'Schommel piept', findingId: null });
    });

    it('makes a linked finding as well when it carries a kans (suggestion)', async () => {
      const who = await walker();
      const device = new TestDevice();
      const args = legacy({ rating: 'D', text: 'Glijbaan kapot', suggestion: 'Nieuwe glijbaan', location: { lat: 51.859, lon: 4.657, accuracyM: 5 } });
      const result = await sync(who, device, [device.entry('answerChecklistItem', args)]);
      expect(result.results[0]).toMatchObject({ status: 'APPLIED', entityId: args.id });
      expect(await row(args.id)).toMatchObject({ rating: 'D', note: 'Glijbaan kapot' });
      expect(await findingRow(args.id)).toMatchObject({ observation_id: args.id, spot_id: fx.spotA.id, checklist_item_id: item('RATING'), category: 'ONTMOETEN_SPELEN', rating: 'D', suggestion: 'Nieuwe glijbaan', text: 'Glijbaan kapot', status: 'NIEUW', lat: 51.859 });
      expect((await fx.query(who, READ, { id: args.id })).body.data.observation.findingId).toBe(args.id);
      expect((await fx.query(who, FINDING, { id: args.id })).body.data.finding).toMatchObject({ observationId: args.id, recordedByMe: true, spot: { id: fx.spotA.id } });

      // Sent again (a new mutation id, as after a restore): still one observation and one finding.
      const again = await sync(who, device, [device.entry('answerChecklistItem', args)]);
      expect(again.results[0]).toMatchObject({ status: 'APPLIED', entityId: args.id });
      expect(await db().selectFrom('finding').select('id').where('observation_id', '=', args.id).execute()).toHaveLength(1);
    });

    it('makes a linked finding with the photo attached when it carries photos', async () => {
      const who = await walker();
      const photo = uuidv7();
      const device = new TestDevice();
      const args = legacy({ checklistItemId: item('YES_NO'), rating: null, answer: 'NEE', photoIds: [photo] });
      const result = await sync(who, device, [device.entry('answerChecklistItem', args)]);
      expect(result.results[0]).toMatchObject({ status: 'APPLIED', entityId: args.id });
      expect(result.missingPhotoIds).toEqual([photo]);
      await upload(photo, who);
      expect(await row(args.id)).toMatchObject({ answer: 'NEE' });
      expect((await fx.query(who, FINDING, { id: args.id })).body.data.finding).toMatchObject({ observationId: args.id, photoIds: [photo], category: 'HEEL', checklistItemId: item('YES_NO') });
      expect(await db().selectFrom('finding_photo').select('photo_id').where('finding_id', '=', args.id).execute()).toEqual([{ photo_id: photo }]);
      expect((await fetch(`${fx.t.url}/media/${photo}?size=thumb`, { headers: fx.headers.coordinator })).status).toBe(200);
    });

    it('accepts what the old server accepted: a number of up to 9 digits (also negative), and a rating with text (the text becomes the note)', async () => {
      const who = await walker();
      const device = new TestDevice();
      const big = legacy({ checklistItemId: item('NUMBER'), rating: null, answer: '123456789' });
      const negative = legacy({ checklistItemId: item('NUMBER'), rating: null, answer: ' -3 ' });
      const rated = legacy({ rating: 'B', answer: 'Netjes' });
      const ratedWithText = legacy({ rating: 'C', answer: 'Wipkip los', text: 'Schommel piept' });
      const result = await sync(who, device, [big, negative, rated, ratedWithText].map((a) => device.entry('answerChecklistItem', a)));
      expect(result.results.map((r: any) => r.status), JSON.stringify(result.results)).toEqual(['APPLIED', 'APPLIED', 'APPLIED', 'APPLIED']);
      expect(await row(big.id)).toMatchObject({ answer: '123456789' });
      expect(await row(negative.id)).toMatchObject({ answer: '-3' });
      expect(await row(rated.id)).toMatchObject({ rating: 'B', answer: null, note: 'Netjes' });
      expect(await row(ratedWithText.id)).toMatchObject({ rating: 'C', answer: null, note: 'Schommel piept\nWipkip los' });
      // What the old server refused stays refused: ten digits, a decimal.
      const tooBig = legacy({ checklistItemId: item('NUMBER'), rating: null, answer: '1234567890' });
      const decimal = legacy({ checklistItemId: item('NUMBER'), rating: null, answer: '1,5' });
      const refused = await sync(who, device, [tooBig, decimal].map((a) => device.entry('answerChecklistItem', a)));
      expect(refused.results.map((r: any) => [r.status, r.code])).toEqual([['REJECTED', 'BAD_USER_INPUT'], ['REJECTED', 'BAD_USER_INPUT']]);
      // The new command keeps its stricter rules.
      expect((await record(who, { checklistItemId: item('NUMBER'), answer: '123456789' })).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await record(who, { checklistItemId: item('RATING'), rating: 'B', answer: 'Netjes' })).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('refuses an id that is already another walker’s finding, instead of dropping the kans', async () => {
      const owner = await walker();
      const other = await walker();
      const findingId = uuidv7();
      const { body } = await fx.query(owner, 'mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }', {
        input: { id: findingId, campaignId: fx.schouwA.id, category: 'SCHOON', streetId: fx.streetA, text: 'Zwerfvuil', deviceTime: new Date().toISOString() },
      });
      expect(body.errors).toBeUndefined();
      const device = new TestDevice();
      const result = await sync(other, device, [device.entry('answerChecklistItem', legacy({ id: findingId, suggestion: 'Meer afvalbakken' }))]);
      expect(result.results[0]).toMatchObject({ status: 'REJECTED', code: 'CONFLICT', entityId: null });
      expect(await row(findingId)).toBeUndefined();
      expect(await findingRow(findingId)).toMatchObject({ text: 'Zwerfvuil', suggestion: null });
    });
  });

  describe('recordFinding format 2 (observationId)', () => {
    const findingArgs = (extra: Record<string, unknown>) => ({ id: uuidv7(), campaignId: fx.schouwA.id, category: 'HEEL', text: 'Lamp is stuk', ...extra });

    it("links a finding to the walker's own answer and takes its spot and item", async () => {
      const who = await walker();
      const observation = await recorded(who, { checklistItemId: item('YES_NO'), answer: 'NEE' });
      const otherSpot = (await createSpot(db(), fx.asViewer('admin'), fx.neighbourhoodA, { streetId: fx.streetA, type: 'BOOM', name: 'Eik' })).id;
      const device = new TestDevice();
      const args = findingArgs({ observationId: observation.id, spotId: otherSpot });
      const result = await sync(who, device, [device.entry('recordFinding', args, 2)]);
      expect(result.results[0]).toMatchObject({ status: 'APPLIED', entityId: args.id });
      expect(await findingRow(args.id)).toMatchObject({ observation_id: observation.id, spot_id: fx.spotA.id, street_id: fx.streetA, checklist_item_id: item('YES_NO'), answer: 'NEE', category: 'HEEL', text: 'Lamp is stuk' });
      expect((await fx.query(who, FINDING, { id: args.id })).body.data.finding).toMatchObject({ observationId: observation.id, checklistItemId: item('YES_NO') });
      expect((await fx.query(who, READ, { id: observation.id })).body.data.observation.findingId).toBe(args.id);
    });

    it('keeps a second finding of the same answer; the answer names the first', async () => {
      const who = await walker();
      const observation = await recorded(who, { checklistItemId: item('YES_NO'), answer: 'NEE' });
      const device = new TestDevice();
      const first = findingArgs({ observationId: observation.id });
      const second = findingArgs({ observationId: observation.id, text: 'Ook de lamp verderop' });
      const result = await sync(who, device, [device.entry('recordFinding', first, 2), device.entry('recordFinding', second, 2)]);
      expect(result.results.map((r: any) => r.status)).toEqual(['APPLIED', 'APPLIED']);
      expect((await findingRow(second.id))!.observation_id).toBe(observation.id);
      expect((await fx.query(who, READ, { id: observation.id })).body.data.observation.findingId).toBe(first.id);
      const listed = (await fx.query('coordinator', LIST, { id: fx.schouwA.id, item: item('YES_NO') })).body.data.campaign.observations.edges.map((e: any) => e.node);
      expect(listed.find((o: any) => o.id === observation.id).findingId).toBe(first.id);
    });

    it("records the finding unlinked when the observationId is another walker's answer, as for an unknown id", async () => {
      const owner = await walker();
      const other = await walker();
      const observation = await recorded(owner, { checklistItemId: item('YES_NO'), answer: 'NEE' });
      const device = new TestDevice();
      const args = findingArgs({ observationId: observation.id, streetId: fx.streetA });
      const result = await sync(other, device, [device.entry('recordFinding', args, 2)]);
      expect(result.results[0]).toMatchObject({ status: 'APPLIED', entityId: args.id });
      expect(await findingRow(args.id)).toMatchObject({ observation_id: null, street_id: fx.streetA, spot_id: null, checklist_item_id: null, answer: null, text: 'Lamp is stuk' });
      expect((await fx.query('coordinator', READ, { id: observation.id })).body.data.observation.findingId).toBeNull();

      // Unlinked, the finding gets the usual checks of its own spot: one of another neighbourhood is refused as always.
      const elsewhere = findingArgs({ observationId: observation.id, spotId: spotB });
      const refused = await sync(other, device, [device.entry('recordFinding', elsewhere, 2)]);
      expect(refused.results[0]).toMatchObject({ status: 'REJECTED', code: 'BAD_USER_INPUT', message: 'Deze plek hoort niet bij deze buurt.' });
    });

    it('records the finding unlinked when the answer it names never arrived', async () => {
      const device = new TestDevice();
      const args = findingArgs({ observationId: uuidv7(), streetId: fx.streetA });
      const result = await sync('schouwer', device, [device.entry('recordFinding', args, 2)]);
      expect(result.results[0]).toMatchObject({ status: 'APPLIED', entityId: args.id });
      expect(await findingRow(args.id)).toMatchObject({ observation_id: null, street_id: fx.streetA, checklist_item_id: null, text: 'Lamp is stuk' });
    });
  });

  describe('promoteObservation', () => {
    const promote = (who: Headers | 'coordinator' | 'admin' | 'partner' | 'schouwer' | 'otherCoordinator' | 'participant', observationId: string, findingId = uuidv7()) =>
      fx.query(who, PROMOTE, { input: { observationId, findingId, text: 'Speeltoestel vervangen' } });

    it("lets a coordinator make a finding of a walker's answer; the walker stays its recorder and hears back", async () => {
      const { headers: who, id: participantId } = await walkerWithId();
      const observation = await recorded(who, { checklistItemId: item('RATING'), rating: 'D', location: { lat: 51.8591, lon: 4.6569, accuracyM: 7 } });
      const findingId = uuidv7();
      const { body } = await promote('coordinator', observation.id, findingId);
      expect(body.errors).toBeUndefined();
      expect(body.data.promoteObservation).toEqual({ id: findingId, status: 'NIEUW', text: 'Speeltoestel vervangen', observationId: observation.id, checklistItemId: item('RATING'), rating: 'D', category: 'ONTMOETEN_SPELEN', spot: { id: fx.spotA.id } });
      expect(await findingRow(findingId)).toMatchObject({ participant_id: participantId, staff_account_id: null, observation_id: observation.id, lat: 51.8591 });
      const mine = await fx.query(who, 'query($id: ID!) { campaign(id: $id) { findings(onlyMine: true, first: 50) { edges { node { id recordedByMe observationId } } } } }', { id: fx.schouwA.id });
      expect(mine.body.data.campaign.findings.edges.map((e: any) => e.node)).toContainEqual({ id: findingId, recordedByMe: true, observationId: observation.id });
      expect((await fx.query(who, READ, { id: observation.id })).body.data.observation.findingId).toBe(findingId);
      const audit = await db().selectFrom('audit_event').selectAll().where('action', '=', 'observation.promoted').where('subject_id', '=', findingId).execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actor_account_id).toBe(fx.ids.coordinator);
    });

    it('refuses partners, participants and coordinators of another neighbourhood exactly as an unknown answer, and stores nothing', async () => {
      const who = await walker();
      const observation = await recorded(who, { checklistItemId: item('RATING'), rating: 'D' });
      const unknown = await promote('otherCoordinator', uuidv7());
      expect(unknown.body.errors[0].extensions.code).toBe('NOT_FOUND');
      const before = await count('finding');
      for (const role of ['partner', 'otherCoordinator', 'schouwer', 'participant'] as const) {
        const findingId = uuidv7();
        const { body } = await promote(role, observation.id, findingId);
        expect(body.data, role).toBeNull();
        expect(body.errors[0].extensions.code, role).toBe('NOT_FOUND');
        if (role === 'otherCoordinator') expect(body.errors[0].message).toBe(unknown.body.errors[0].message);
        expect(await findingRow(findingId), role).toBeUndefined();
      }
      // The walker who answered cannot promote it either (they record a finding themselves).
      const own = await promote(who, observation.id);
      expect(own.body.errors[0].extensions.code).toBe('NOT_FOUND');
      expect(await count('finding')).toBe(before);
      expect((await fx.query('coordinator', READ, { id: observation.id })).body.data.observation.findingId).toBeNull();
    });

    it('refuses a second finding of the same answer; a retry with the same finding id gets the same finding', async () => {
      const who = await walker();
      const observation = await recorded(who, { checklistItemId: item('RATING'), rating: 'C' });
      const findingId = uuidv7();
      expect((await promote('coordinator', observation.id, findingId)).body.data.promoteObservation.id).toBe(findingId);
      const retry = await promote('coordinator', observation.id, findingId);
      expect(retry.body.errors, JSON.stringify(retry.body.errors)).toBeUndefined();
      expect(retry.body.data.promoteObservation).toMatchObject({ id: findingId, observationId: observation.id });
      const second = await promote('admin', observation.id);
      expect(second.body.errors[0]).toMatchObject({ message: 'Van dit antwoord is al een bevinding gemaakt.', extensions: { code: 'BAD_USER_INPUT' } });
      expect(await db().selectFrom('finding').select('id').where('observation_id', '=', observation.id).execute()).toEqual([{ id: findingId }]);

      // Nor when the walker already made a finding of it in the field.
      const answered = await recorded(who, { checklistItemId: item('YES_NO'), answer: 'NEE' });
      const device = new TestDevice();
      await sync(who, device, [device.entry('recordFinding', { id: uuidv7(), campaignId: fx.schouwA.id, category: 'HEEL', text: 'Lamp stuk', observationId: answered.id }, 2)]);
      expect((await promote('coordinator', answered.id)).body.errors[0].message).toBe('Van dit antwoord is al een bevinding gemaakt.');
    });
  });

  it('shows participants only their own answers; coordinators see every walker’s, with their name', async () => {
    const { headers: mine } = await walkerWithId();
    const theirs = await walker();
    const own = await recorded(mine, { checklistItemId: item('CHOICE'), answer: 'Vaak' });
    const other = await recorded(theirs, { checklistItemId: item('CHOICE'), answer: 'Soms' });
    const list = async (who: Headers | 'coordinator') => (await fx.query(who, LIST, { id: fx.schouwA.id })).body.data.campaign.observations.edges.map((e: any) => e.node);

    const seen = await list(mine);
    expect(seen.map((o: any) => o.id)).toContain(own.id);
    expect(seen.every((o: any) => o.recordedByMe && o.recorderName === null)).toBe(true);
    expect((await fx.query(mine, READ, { id: other.id })).body.data.observation).toBeNull();
    expect((await fx.query(mine, READ, { id: own.id })).body.data.observation.id).toBe(own.id);

    const all = await list('coordinator');
    expect(all.map((o: any) => o.id)).toEqual(expect.arrayContaining([own.id, other.id]));
    expect(all.find((o: any) => o.id === own.id)).toMatchObject({ recordedByMe: false, recorderName: expect.stringMatching(/^Deelnemer \d+$/) });

    for (const role of ['partner', 'otherCoordinator', 'participant', 'otherParticipant'] as const) {
      const { body } = await fx.query(role, LIST, { id: fx.schouwA.id });
      expect(body.data?.campaign?.observations ?? null, role).toBeNull();
      if (body.errors) expect(body.errors[0].extensions.code, role).toBe('NOT_FOUND');
      expect((await fx.query(role, READ, { id: own.id })).body.data.observation, role).toBeNull();
    }
    expect((await fx.query('anonymous', READ, { id: own.id })).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

/**
 * A finding may cite only photos its recorder uploaded: citing someone else's photo is
 * refused (GraphQL and sync, and the old answer command that made a finding with photos), and a photo id cited before it was uploaded (offline) does
 * not become visible through that finding when someone else uploads under it.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { SYNC, TestDevice } from '../support/sync-client.js';
import { databaseFile } from '../support/test-app.js';

const RECORD = 'mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id photoIds } }';
const ANSWER = 'mutation($input: RecordObservationInput!) { recordObservation(input: $input) { id } }';
const NOT_YOURS = /alleen je eigen foto's/;

type Headers = Record<string, string>;

describe('citing photos', () => {
  const file = databaseFile();
  let fx: AccessFixture;
  let recorder: Headers;
  let uploader: Headers;
  let sameWalk: Headers;
  let seed = 0;

  const upload = async (id: string, headers: Headers) => {
    const bytes = await sharp({ create: { width: 50, height: 40, channels: 3, background: { r: (++seed * 31) % 255, g: 60, b: 90 } } }).jpeg().toBuffer();
    const response = await fetch(`${fx.t.url}/media/${id}`, { method: 'PUT', headers: { ...headers, 'content-type': 'image/jpeg', sha256: createHash('sha256').update(bytes).digest('hex') }, body: new Uint8Array(bytes) });
    return response.status;
  };
  const status = async (id: string, headers: Headers) => (await fetch(`${fx.t.url}/media/${id}?size=thumb`, { headers })).status;
  const recordInput = (photoIds: string[]) => ({ id: uuidv7(), campaignId: fx.schouwA.id, category: 'SCHOON', streetId: fx.streetA, text: 'Zwerfafval', photoIds, deviceTime: new Date().toISOString() });
  const stored = async (id: string) => !!(await fx.t.app.connection.db.selectFrom('finding').select('id').where('id', '=', id).executeTakeFirst());

  beforeAll(async () => {
    fx = await accessFixture(file.env);
    recorder = fx.headers.schouwer;
    uploader = (await fx.makeParticipant(fx.schouwA)).headers;
    sameWalk = (await fx.makeParticipant(fx.schouwA)).headers;
  });
  afterAll(async () => {
    await fx.t.close();
    file.remove();
  });

  it("refuses recordFinding (also one following up an answer) citing someone else's photo, and the photo stays hidden", async () => {
    const theirs = uuidv7();
    expect(await upload(theirs, uploader)).toBe(201);
    const input = recordInput([theirs]);
    const refused = await fx.query(recorder, RECORD, { input });
    expect(refused.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(refused.body.errors[0].message).toMatch(NOT_YOURS);
    expect(await stored(input.id)).toBe(false);

    const item = fx.checklist.sections.flatMap((s) => s.items).find((i) => i.type === 'RATING' && (i.spotTypes.length === 0 || i.spotTypes.includes('SPEELPLEK')))!;
    const answer = { id: uuidv7(), campaignId: fx.schouwA.id, spotId: fx.spotA.id, checklistItemId: item.id, rating: 'C', deviceTime: new Date().toISOString() };
    expect((await fx.query(recorder, ANSWER, { input: answer })).body.data.recordObservation.id).toBe(answer.id);
    const followUp = { ...recordInput([theirs]), observationId: answer.id };
    const refusedFollowUp = await fx.query(recorder, RECORD, { input: followUp });
    expect(refusedFollowUp.body.errors[0].message).toMatch(NOT_YOURS);
    expect(await stored(followUp.id)).toBe(false);

    // A coordinator cannot cite a participant's photo either.
    const byCoordinator = await fx.query('coordinator', RECORD, { input: recordInput([theirs]) });
    expect(byCoordinator.body.errors[0].message).toMatch(NOT_YOURS);
    expect(await status(theirs, recorder)).toBe(404);
  });

  it("refuses a synced finding citing someone else's photo, and an answer of the old app version with one (no answer, no finding)", async () => {
    const theirs = uuidv7();
    expect(await upload(theirs, uploader)).toBe(201);
    const device = new TestDevice();
    const args = recordInput([theirs]);
    const { body } = await fx.query(recorder, SYNC, device.input([device.entry('recordFinding', args)]));
    expect(body.data.sync.results[0]).toMatchObject({ status: 'REJECTED', code: 'BAD_USER_INPUT', entityId: null });
    expect(body.data.sync.results[0].message).toMatch(NOT_YOURS);
    expect(await stored(args.id)).toBe(false);

    // The answer command of app versions from before observations made a finding with photos.
    const item = fx.checklist.sections.flatMap((s) => s.items).find((i) => i.type === 'RATING' && (i.spotTypes.length === 0 || i.spotTypes.includes('SPEELPLEK')))!;
    const legacy = { id: uuidv7(), campaignId: fx.schouwA.id, spotId: fx.spotA.id, checklistItemId: item.id, rating: 'C', photoIds: [theirs] };
    const old = await fx.query(recorder, SYNC, device.input([device.entry('answerChecklistItem', legacy)]));
    expect(old.body.data.sync.results[0]).toMatchObject({ status: 'REJECTED', code: 'BAD_USER_INPUT', entityId: null });
    expect(old.body.data.sync.results[0].message).toMatch(NOT_YOURS);
    expect(await stored(legacy.id)).toBe(false);
    expect(await fx.t.app.connection.db.selectFrom('observation').select('id').where('id', '=', legacy.id).executeTakeFirst()).toBeUndefined();
    expect(await status(theirs, recorder)).toBe(404);
  });

  it('accepts citing your own photo, uploaded before or after the finding', async () => {
    const before = uuidv7();
    expect(await upload(before, recorder)).toBe(201);
    expect((await fx.query(recorder, RECORD, { input: recordInput([before]) })).body.data.recordFinding.photoIds).toEqual([before]);
    const after = uuidv7();
    const device = new TestDevice();
    const { body } = await fx.query(recorder, SYNC, device.input([device.entry('recordFinding', recordInput([after]))]));
    expect(body.data.sync.results[0].status).toBe('APPLIED');
    expect(body.data.sync.missingPhotoIds).toEqual([after]);
    expect(await upload(after, recorder)).toBe(201);
    for (const id of [before, after]) {
      expect(await status(id, fx.headers.coordinator)).toBe(200);
      expect(await status(id, sameWalk)).toBe(200);
    }
  });

  it('does not show a photo through a finding that cited its id before someone else uploaded it', async () => {
    const pending = uuidv7();
    const device = new TestDevice();
    const { body } = await fx.query(recorder, SYNC, device.input([device.entry('recordFinding', recordInput([pending]))]));
    expect(body.data.sync.results[0].status).toBe('APPLIED');
    expect(body.data.sync.missingPhotoIds).toEqual([pending]);
    // Someone else gets in first under that id.
    expect(await upload(pending, uploader)).toBe(201);
    expect(await status(pending, uploader)).toBe(200);
    expect(await status(pending, fx.headers.coordinator)).toBe(404);
    expect(await status(pending, sameWalk)).toBe(404);
    expect(await status(pending, recorder)).toBe(404);
  });
});

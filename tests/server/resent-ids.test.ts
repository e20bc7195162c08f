/**
 * Field commands carry a record id made on the device, so a resent command counts once.
 * That answer is for the record's own recorder only: a command sent with someone else's
 * record id (a tally event, a correction, a finding or an answer) is refused as a
 * conflict, the same whatever that record is, and nothing of it comes back. Through the
 * GraphQL mutations and through sync (the worker, on a database file), including the
 * answer command of app versions from before observations, whose id was a finding id.
 * (Answers and findings are kept apart: an answer's id is not checked against findings.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { accessFixture, type AccessFixture, type Role } from '../support/access-fixtures.js';
import { SYNC, TestDevice } from '../support/sync-client.js';
import { databaseFile } from '../support/test-app.js';

const TALLY = 'mutation($input: RecordTallyEventInput!) { recordTallyEvent(input: $input) { id count houseNumber streetId } }';
const CORRECT = 'mutation($input: CorrectTallyEventInput!) { correctTallyEvent(input: $input) { id count correctsEventId } }';
const RECORD = 'mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id text } }';
const ANSWER = 'mutation($input: RecordObservationInput!) { recordObservation(input: $input) { id answer } }';
const SECRET = 'Alleen voor mij: sleutel onder de mat';

type Headers = Record<string, string>;

describe('a resent record id that is someone else’s', () => {
  const file = databaseFile();
  let fx: AccessFixture;
  let tegelwipper: Headers;
  let otherTegelwipper: Headers;
  let schouwer: Headers;
  let otherSchouwer: Headers;
  const ids = { event: uuidv7(), correction: uuidv7(), otherEvent: uuidv7(), finding: uuidv7(), answer: uuidv7(), coordinatorFinding: uuidv7() };
  const now = () => new Date().toISOString();
  const tally = (id: string, count = 5) => ({ id, campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: fx.streetA, houseNumber: '7', unitCode: 'TEGEL_30X30', count });
  const finding = (id: string, text = 'Iets anders') => ({ id, campaignId: fx.schouwA.id, category: 'SCHOON', streetId: fx.streetA, text, deviceTime: now() });
  const textItem = () => fx.checklist.sections.flatMap((s) => s.items).find((i) => i.type === 'TEXT' && (i.spotTypes.length === 0 || i.spotTypes.includes('SPEELPLEK')))!;
  const answer = (id: string, text = 'Iets anders') => ({ id, campaignId: fx.schouwA.id, spotId: fx.spotA.id, checklistItemId: textItem().id, answer: text, deviceTime: now() });
  /** The answer command of app versions from before observations (a rating, a remark, a kans). */
  const legacyAnswer = (id: string) => {
    const item = fx.checklist.sections.flatMap((s) => s.items).find((i) => i.type === 'RATING' && (i.spotTypes.length === 0 || i.spotTypes.includes('SPEELPLEK')))!;
    return { id, campaignId: fx.schouwA.id, spotId: fx.spotA.id, checklistItemId: item.id, rating: 'B', text: 'Iets anders', suggestion: 'Een bankje' };
  };
  const ok = async (headers: Headers | Role, query: string, input: Record<string, unknown>) => {
    const { body } = await fx.query(headers, query, { input });
    expect(body.errors).toBeUndefined();
    return body.data;
  };
  const expectConflict = async (headers: Headers | Role, query: string, input: Record<string, unknown>) => {
    const { body } = await fx.query(headers, query, { input });
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe('CONFLICT');
    expect(body.errors[0].message).toBe('Dit id is al gebruikt voor iets anders.');
    expect(JSON.stringify(body)).not.toMatch(/sleutel|"7"|TEGEL/);
  };
  const eventRow = (id: string) => fx.t.app.connection.db.selectFrom('tally_event').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    fx = await accessFixture(file.env);
    tegelwipper = fx.headers.participant;
    otherTegelwipper = (await fx.makeParticipant(fx.campaignA)).headers;
    schouwer = fx.headers.schouwer;
    otherSchouwer = (await fx.makeParticipant(fx.schouwA)).headers;
    await ok(tegelwipper, TALLY, tally(ids.event));
    await ok(tegelwipper, CORRECT, { id: ids.correction, correctsEventId: ids.event, count: 1 });
    await ok(otherTegelwipper, TALLY, tally(ids.otherEvent, 2));
    await ok(schouwer, RECORD, finding(ids.finding, SECRET));
    await ok(schouwer, ANSWER, answer(ids.answer, SECRET));
    await ok('coordinator', RECORD, finding(ids.coordinatorFinding, SECRET));
  });
  afterAll(async () => {
    await fx.t.close();
    file.remove();
  });

  it('still answers the recorder’s own resend with their record', async () => {
    expect((await ok(tegelwipper, TALLY, tally(ids.event))).recordTallyEvent).toMatchObject({ id: ids.event, count: 5 });
    expect((await ok(tegelwipper, CORRECT, { id: ids.correction, correctsEventId: ids.event, count: 1 })).correctTallyEvent).toMatchObject({ id: ids.correction, count: -1 });
    expect((await ok(schouwer, RECORD, finding(ids.finding))).recordFinding).toEqual({ id: ids.finding, text: SECRET });
    expect((await ok(schouwer, ANSWER, answer(ids.answer))).recordObservation).toEqual({ id: ids.answer, answer: SECRET });
    expect((await ok('coordinator', RECORD, finding(ids.coordinatorFinding))).recordFinding.id).toBe(ids.coordinatorFinding);
    // A coordinator's correction of a participant's entry, sent twice.
    const correction = { id: uuidv7(), correctsEventId: ids.otherEvent, count: 1 };
    await ok('coordinator', CORRECT, correction);
    expect((await ok('coordinator', CORRECT, correction)).correctTallyEvent).toMatchObject({ id: correction.id, count: -1 });
  });

  it('refuses recordTallyEvent and correctTallyEvent with another participant’s ids', async () => {
    await expectConflict(otherTegelwipper, TALLY, tally(ids.event));
    await expectConflict(otherTegelwipper, TALLY, tally(ids.correction));
    // A correction of one's own entry, sent under someone else's event or correction id.
    await expectConflict(otherTegelwipper, CORRECT, { id: ids.correction, correctsEventId: ids.otherEvent, count: 1 });
    await expectConflict(otherTegelwipper, CORRECT, { id: ids.event, correctsEventId: ids.otherEvent, count: 1 });
    // Nor can a coordinator take a participant's entry for their own, or a participant of another campaign.
    await expectConflict('coordinator', TALLY, tally(ids.event));
    await expectConflict(fx.headers.otherParticipant, TALLY, { ...tally(ids.event), campaignId: fx.campaignB.id });
    expect(await eventRow(ids.event)).toMatchObject({ count: 5, house_number: '7' });
    expect(Number((await eventRow(ids.otherEvent)).count)).toBe(2);
  });

  it('tells staff accounts apart: a coordinator’s event or correction is theirs alone', async () => {
    const colleague = (await fx.makeStaff('COORDINATOR', [fx.campaignA.neighbourhoodId])).headers;
    const own = { event: uuidv7(), correction: uuidv7() };
    await ok('coordinator', TALLY, tally(own.event, 3));
    await ok('coordinator', CORRECT, { id: own.correction, correctsEventId: ids.otherEvent, count: 1 });
    expect(await eventRow(own.correction)).toMatchObject({ staff_account_id: fx.ids.coordinator });
    // Another coordinator of the same neighbourhood may record here, but not under these ids.
    await expectConflict(colleague, TALLY, { ...tally(own.event, 3), houseNumber: null });
    await expectConflict(colleague, CORRECT, { id: own.correction, correctsEventId: ids.otherEvent, count: 1 });
    // The participant whose entry the coordinator corrected cannot take that correction as theirs.
    await expectConflict(otherTegelwipper, CORRECT, { id: own.correction, correctsEventId: ids.otherEvent, count: 1 });
    expect((await ok('coordinator', TALLY, tally(own.event, 3))).recordTallyEvent).toMatchObject({ id: own.event, count: 3 });
  });

  it('refuses recordFinding and recordObservation with another recorder’s ids', async () => {
    await expectConflict(otherSchouwer, RECORD, finding(ids.finding));
    await expectConflict(otherSchouwer, ANSWER, answer(ids.answer));
    await expectConflict(otherSchouwer, RECORD, finding(ids.coordinatorFinding));
    await expectConflict('coordinator', RECORD, finding(ids.finding));
    await expectConflict('coordinator', ANSWER, answer(ids.answer));
    await expectConflict('admin', ANSWER, answer(ids.answer));
  });

  it('refuses the same through sync, with no record id in the answer', async () => {
    const device = new TestDevice();
    const entries = [
      device.entry('recordTallyEvent', tally(ids.event)),
      device.entry('correctTallyEvent', { id: ids.correction, correctsEventId: ids.otherEvent, count: 1 }),
    ];
    const tallies = await fx.query(otherTegelwipper, SYNC, device.input(entries));
    expect(tallies.body.errors).toBeUndefined();
    const schouwDevice = new TestDevice();
    const { deviceTime: _t, ...observationArgs } = answer(ids.answer);
    const findings = await fx.query(
      otherSchouwer,
      SYNC,
      schouwDevice.input([
        schouwDevice.entry('recordFinding', finding(ids.finding)),
        schouwDevice.entry('recordFinding', finding(ids.coordinatorFinding), 2),
        schouwDevice.entry('recordObservation', observationArgs),
        // The old answer command, under someone's answer id and under someone's finding id.
        schouwDevice.entry('answerChecklistItem', legacyAnswer(ids.answer)),
        schouwDevice.entry('answerChecklistItem', legacyAnswer(ids.finding)),
      ]),
    );
    expect(findings.body.errors).toBeUndefined();
    for (const result of [...tallies.body.data.sync.results, ...findings.body.data.sync.results]) {
      expect(result).toMatchObject({ status: 'REJECTED', code: 'CONFLICT', message: 'Dit id is al gebruikt voor iets anders.', entityId: null });
    }
    expect(JSON.stringify([tallies.body.data.sync.results, findings.body.data.sync.results])).not.toMatch(/sleutel|TEGEL/);
    expect(Number((await eventRow(ids.otherEvent)).count)).toBe(2);
    const db = fx.t.app.connection.db;
    expect(await db.selectFrom('observation').select('id').where('id', '=', ids.finding).executeTakeFirst()).toBeUndefined();
    expect(await db.selectFrom('observation').select('answer').where('id', '=', ids.answer).executeTakeFirstOrThrow()).toEqual({ answer: SECRET });
    expect(await db.selectFrom('finding').select(['text', 'suggestion']).where('id', '=', ids.finding).executeTakeFirstOrThrow()).toEqual({ text: SECRET, suggestion: null });
  });
});

/**
 * Places on a date over HTTP, on a database file with the sync worker: a full date puts
 * people on its waiting list, a freed place goes to the first person waiting (cancel,
 * a date taken out, a higher capacity), the coordinator can promote beyond capacity, two
 * sign-ups racing for the last place never both get it, and a date takes at most 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../server/src/auth/tokens.js';
import { createAuthSettings } from '../../server/src/auth/auth-settings.js';
import { setDayCapacity } from '../../server/src/modules/signup/signup-planning.service.js';
import { blankSignupRow } from '../../server/src/modules/signup/signup.repo.js';
import { signUp as signUpService } from '../../server/src/modules/signup/signup.service.js';
import { MY_SIGNUP_FIELDS, signupFixture, type SignupFixture } from '../support/signup-fixture.js';

const UPDATE = `mutation($token: String!, $input: UpdateMySignupInput!) { updateMySignup(token: $token, input: $input) { ...mine } } ${MY_SIGNUP_FIELDS}`;
const CANCEL = `mutation($token: String!) { cancelMySignup(token: $token) { ...mine } } ${MY_SIGNUP_FIELDS}`;
const MY_SIGNUP = `query($token: String!) { mySignup(token: $token) { ...mine } } ${MY_SIGNUP_FIELDS}`;
const CAPACITY = 'mutation($dayId: ID!, $capacity: Int) { setCampaignDayCapacity(dayId: $dayId, capacity: $capacity) { id capacity } }';
const PROMOTE = 'mutation($signupId: ID!, $dayId: ID!) { promoteSignup(signupId: $signupId, dayId: $dayId) { capacity confirmedCount waitingCount confirmed { displayName } waiting { displayName waitingPosition } } }';

describe('places, waiting list and moving up', () => {
  let fx: SignupFixture;
  beforeAll(async () => {
    fx = await signupFixture();
  });
  afterAll(() => fx?.t.close());

  const db = () => fx.t.app.connection.db;
  /** A new action day of campaignA with this capacity. */
  const dayWith = async (capacity: number | null, daysAhead: number) => {
    const dayId = await fx.addDay(fx.campaignA, daysAhead);
    if (capacity !== null) await setDayCapacity(db(), fx.asViewer('admin'), { dayId, capacity, requestId: 't' });
    return dayId;
  };
  const signUp = async (dayIds: string[], name: string) => {
    const { body } = await fx.signUpTegelwip({ dayIds, displayName: name });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data.signUp as { token: string; signup: { id: string; days: { day: { id: string; full: boolean }; status: string; waitingPosition: number | null }[] } };
  };
  const statusOn = async (token: string, dayId: string) => {
    const { body } = await fx.query(fx.freshIp(), MY_SIGNUP, { token });
    const day = body.data.mySignup.days.find((d: { day: { id: string } }) => d.day.id === dayId);
    return day ? { status: day.status, waitingPosition: day.waitingPosition } : null;
  };
  const update = (token: string, dayIds: string[], name: string) =>
    fx.query(fx.freshIp(), UPDATE, { token, input: { dayIds, displayName: name, contactConsent: false, streetId: fx.streetA, houseNumber: '12' } });

  it('confirms while there is room, then puts people on the waiting list in order, and the form says the date is full', async () => {
    const dayId = await dayWith(2, 40);
    const [a, b, c, d] = [await signUp([dayId], 'A'), await signUp([dayId], 'B'), await signUp([dayId], 'C'), await signUp([dayId], 'D')];
    expect([a, b].map((s) => s.signup.days[0]!.status)).toEqual(['CONFIRMED', 'CONFIRMED']);
    expect(c.signup.days[0]).toMatchObject({ status: 'WAITING', waitingPosition: 1, day: { full: true } });
    expect(d.signup.days[0]).toMatchObject({ status: 'WAITING', waitingPosition: 2 });
    const waiting = await db().selectFrom('signup_day').select(['status', 'waiting_since']).where('signup_id', '=', c.signup.id).executeTakeFirstOrThrow();
    expect(waiting.waiting_since).not.toBeNull();
    const form = await fx.query(fx.freshIp(), 'query($id: ID!) { signupForm(campaignId: $id) { days { id full } } }', { id: fx.campaignA.id });
    expect(form.body.data.signupForm.days.find((x: { id: string }) => x.id === dayId).full).toBe(true);

    // A cancellation frees a place: the first person waiting moves up by itself.
    const cancelled = await fx.query(fx.freshIp(), CANCEL, { token: a.token });
    expect(cancelled.body.data.cancelMySignup).toMatchObject({ days: [], cancelledAt: expect.any(String) });
    expect(await statusOn(c.token, dayId)).toEqual({ status: 'CONFIRMED', waitingPosition: null });
    expect(await statusOn(d.token, dayId)).toEqual({ status: 'WAITING', waitingPosition: 1 });
    // Cancelling twice frees nothing more.
    await fx.query(fx.freshIp(), CANCEL, { token: a.token });
    expect(await statusOn(d.token, dayId)).toEqual({ status: 'WAITING', waitingPosition: 1 });
    const changed = await update(a.token, [dayId], 'A');
    expect(changed.body.errors[0].extensions.code).toBe('CONFLICT');
  });

  it('moves the first waiting person up when someone takes a date out of their sign-up, and keeps dates that stay', async () => {
    const first = await dayWith(1, 41);
    const second = await dayWith(null, 42);
    const a = await signUp([first, second], 'A');
    const b = await signUp([first], 'B');
    expect(b.signup.days[0]!.status).toBe('WAITING');
    const { body } = await update(a.token, [second], 'A');
    expect(body.errors).toBeUndefined();
    expect(body.data.updateMySignup.days).toEqual([expect.objectContaining({ day: expect.objectContaining({ id: second }), status: 'CONFIRMED' })]);
    expect(await statusOn(b.token, first)).toEqual({ status: 'CONFIRMED', waitingPosition: null });
    // Adding a full date again puts A on its waiting list; the kept date is unchanged.
    const again = await update(a.token, [second, first], 'A');
    expect(again.body.data.updateMySignup.days.map((d: { status: string }) => d.status)).toEqual(['WAITING', 'CONFIRMED']);
  });

  it('moves the waiting list up when the coordinator raises the capacity, and keeps who is confirmed when it is lowered', async () => {
    const dayId = await dayWith(1, 43);
    const [a, b, c] = [await signUp([dayId], 'A'), await signUp([dayId], 'B'), await signUp([dayId], 'C')];
    const raised = await fx.query('coordinator', CAPACITY, { dayId, capacity: 2 });
    expect(raised.body.data.setCampaignDayCapacity).toEqual({ id: dayId, capacity: 2 });
    expect(await statusOn(b.token, dayId)).toEqual({ status: 'CONFIRMED', waitingPosition: null });
    expect(await statusOn(c.token, dayId)).toEqual({ status: 'WAITING', waitingPosition: 1 });
    await fx.query('coordinator', CAPACITY, { dayId, capacity: 1 });
    expect(await statusOn(a.token, dayId)).toMatchObject({ status: 'CONFIRMED' });
    expect(await statusOn(b.token, dayId)).toMatchObject({ status: 'CONFIRMED' });
    // No limit: everyone waiting moves up.
    await fx.query('coordinator', CAPACITY, { dayId, capacity: null });
    expect(await statusOn(c.token, dayId)).toMatchObject({ status: 'CONFIRMED' });
    const tooMany = await fx.query('coordinator', CAPACITY, { dayId, capacity: 501 });
    expect(tooMany.body.errors[0].extensions.fields).toEqual([{ path: ['capacity'], message: 'Vul hoogstens 500 in.' }]);
  });

  it('lets the coordinator promote someone from the waiting list beyond the capacity, and audits it', async () => {
    const dayId = await dayWith(1, 44);
    await signUp([dayId], 'Eerste');
    const [b, c] = [await signUp([dayId], 'Tweede'), await signUp([dayId], 'Derde')];
    const { body } = await fx.query('coordinator', PROMOTE, { signupId: c.signup.id, dayId });
    expect(body.data.promoteSignup).toEqual({
      capacity: 1,
      confirmedCount: 2,
      waitingCount: 1,
      confirmed: [{ displayName: 'Eerste' }, { displayName: 'Derde' }],
      waiting: [{ displayName: 'Tweede', waitingPosition: 1 }],
    });
    expect(await statusOn(b.token, dayId)).toEqual({ status: 'WAITING', waitingPosition: 1 });
    const audit = await db().selectFrom('audit_event').selectAll().where('action', '=', 'signup.promoted').where('subject_id', '=', c.signup.id).execute();
    expect(audit).toHaveLength(1);
    const other = await fx.query('otherCoordinator', PROMOTE, { signupId: b.signup.id, dayId });
    expect(other.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(await statusOn(b.token, dayId)).toEqual({ status: 'WAITING', waitingPosition: 1 });
  });

  it('gives the last place to exactly one of many sign-ups sent at the same moment', async () => {
    const dayId = await dayWith(3, 45);
    await signUp([dayId], 'A');
    await signUp([dayId], 'B');
    // In one process the statements of a request run back to back; every statement here
    // first lets the others run, as a second connection or process would, so the sign-ups
    // interleave wherever they are not in one transaction.
    const interleaving = db().withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        await new Promise((resolve) => setImmediate(resolve));
        return args.result;
      },
    });
    const auth = createAuthSettings(fx.t.config);
    const input = (i: number) => ({ campaignId: fx.campaignA.id, dayIds: [dayId], displayName: `Racer ${i}`, contactConsent: false, streetId: fx.streetA, houseNumber: String(i + 1) });
    const racers = await Promise.all(Array.from({ length: 8 }, (_, i) => signUpService(interleaving, auth, input(i), `192.0.2.${i}`)));
    const statuses = racers.map((r) => r.signup.days[0]!.status);
    expect(statuses.filter((s) => s === 'CONFIRMED')).toHaveLength(1);
    const rows = await db().selectFrom('signup_day').select('status').where('day_id', '=', dayId).execute();
    expect(rows.filter((r) => r.status === 'CONFIRMED')).toHaveLength(3);
    const positions = racers.map((r) => r.signup.days[0]!.waitingPosition).filter((p) => p !== null).sort();
    expect(positions).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('keeps a date people signed up for when the coordinator tries to take it out', async () => {
    const dayId = await dayWith(null, 47);
    await signUp([dayId], 'Blijft');
    const { body } = await fx.query('coordinator', 'mutation($dayId: ID!) { removeCampaignDay(dayId: $dayId) { id } }', { dayId });
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: 'Voor deze dag is nog 1 persoon aangemeld. Haal eerst die aanmelding weg in de planning; daarna kun je de dag verwijderen.' });
    expect(await db().selectFrom('campaign_day').select('id').where('id', '=', dayId).executeTakeFirst()).toBeDefined();
  });

  it('takes at most 500 sign-ups for a date, confirmed and waiting together', async () => {
    const dayId = await dayWith(100, 46);
    const at = new Date().toISOString();
    const signups = Array.from({ length: 500 }, (_, i) =>
      blankSignupRow(at, { campaign_id: fx.campaignA.id, token_hash: hashSecret(`vol-${i}-${dayId}`), display_name: `Vol ${i}`, street_id: fx.streetA, house_number: String(i + 1) }),
    );
    for (let i = 0; i < 500; i += 100) {
      await db().insertInto('signup').values(signups.slice(i, i + 100)).execute();
      await db()
        .insertInto('signup_day')
        .values(signups.slice(i, i + 100).map((s, j) => ({ signup_id: s.id, day_id: dayId, status: i + j < 100 ? ('CONFIRMED' as const) : ('WAITING' as const), waiting_since: i + j < 100 ? null : at, created_at: at })))
        .execute();
    }
    const { body } = await fx.signUpTegelwip({ dayIds: [dayId] });
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: ['input', 'dayIds'], message: 'Voor deze datum kunnen we geen aanmeldingen meer aannemen.' }] });
    expect(body.errors[0].message).toBe('Voor deze datum kunnen we geen aanmeldingen meer aannemen.');
  });
});

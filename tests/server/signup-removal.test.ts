/**
 * A coordinator removes a sign-up over HTTP, on a database file with the sync worker: it
 * leaves every date (the waiting list moves up), its personal data is erased and its link
 * stops working, audited; another neighbourhood's coordinator gets NOT_FOUND and changes
 * nothing. A date can be taken out once nobody holds it any more, teams and all. And the
 * sign-up limit counts an IPv6 caller by its /64.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipLimitKey } from '../../server/src/auth/ip-network.js';
import { setDayCapacity } from '../../server/src/modules/signup/signup-planning.service.js';
import { composeDayTeams } from '../../server/src/modules/team/team.service.js';
import { MY_SIGNUP_FIELDS, signupFixture, type SignupFixture } from '../support/signup-fixture.js';

const REMOVE = 'mutation($signupId: ID!) { removeSignup(signupId: $signupId) }';
const REMOVE_DAY = 'mutation($dayId: ID!) { removeCampaignDay(dayId: $dayId) { id } }';
const MY_SIGNUP = `query($token: String!) { mySignup(token: $token) { ...mine } } ${MY_SIGNUP_FIELDS}`;
const PLANNING = 'query($dayId: ID!) { dayPlanning(dayId: $dayId) { confirmedCount waitingCount confirmed { id displayName } waiting { id waitingPosition } } }';

describe('removing a sign-up', () => {
  let fx: SignupFixture;
  beforeAll(async () => {
    fx = await signupFixture();
  });
  afterAll(() => fx?.t.close());

  const db = () => fx.t.app.connection.db;
  const signUp = async (dayIds: string[], name: string, input: Record<string, unknown> = {}) => {
    const { body } = await fx.signUpTegelwip({ dayIds, displayName: name, ...input });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data.signUp as { token: string; signup: { id: string } };
  };
  const dayWith = async (capacity: number | null, daysAhead: number) => {
    const dayId = await fx.addDay(fx.campaignA, daysAhead);
    if (capacity !== null) await setDayCapacity(db(), fx.asViewer('admin'), { dayId, capacity, requestId: 't' });
    return dayId;
  };

  it('takes the sign-up off every date, moves the waiting list up and erases what it said, so its link stops working', async () => {
    const [full, open] = [await dayWith(1, 60), await dayWith(null, 61)];
    const bot = await signUp([full, open], 'Bot', { contact: 'bot@example.nl', contactConsent: true, houseNumber: '99', estimateM2: 12 });
    const waiting = await signUp([full], 'Wachtende');
    const { body } = await fx.query('coordinator', REMOVE, { signupId: bot.signup.id });
    expect(body).toEqual({ data: { removeSignup: true } });

    const planning = await fx.query('coordinator', PLANNING, { dayId: full });
    expect(planning.body.data.dayPlanning).toEqual({ confirmedCount: 1, waitingCount: 0, confirmed: [{ id: waiting.signup.id, displayName: 'Wachtende' }], waiting: [] });
    expect((await fx.query('coordinator', PLANNING, { dayId: open })).body.data.dayPlanning.confirmedCount).toBe(0);

    const row = await db().selectFrom('signup').selectAll().where('id', '=', bot.signup.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ display_name: null, contact: null, contact_consent_at: null, house_number: null, needs: null, cancelled_at: expect.any(String), erased_at: expect.any(String) });
    expect(await db().selectFrom('signup_mail_link').select('token_hash').where('signup_id', '=', bot.signup.id).execute()).toEqual([]);
    const link = await fx.query(fx.freshIp(), MY_SIGNUP, { token: bot.token });
    expect(link.body.errors[0].extensions.code).toBe('NOT_FOUND');

    const audit = await db().selectFrom('audit_event').select(['action', 'detail']).where('subject_id', '=', bot.signup.id).execute();
    expect(audit).toEqual([{ action: 'signup.removed', detail: expect.stringContaining('"days":2') }]);
    // Removing it again changes nothing and still answers true.
    expect((await fx.query('coordinator', REMOVE, { signupId: bot.signup.id })).body).toEqual({ data: { removeSignup: true } });
  });

  it('answers NOT_FOUND to a coordinator of another neighbourhood, and to an unknown sign-up, changing nothing', async () => {
    const dayId = await dayWith(null, 62);
    const kept = await signUp([dayId], 'Blijft');
    for (const [who, signupId] of [['otherCoordinator', kept.signup.id], ['coordinator', '01890000-0000-7000-8000-000000000000']] as const) {
      const { body } = await fx.query(who, REMOVE, { signupId });
      expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
    }
    expect((await fx.query(fx.freshIp(), MY_SIGNUP, { token: kept.token })).body.data.mySignup).toMatchObject({ displayName: 'Blijft', cancelledAt: null, days: [{ status: 'CONFIRMED' }] });
  });

  it('keeps a date while people hold it, says how many, and takes it out once their sign-ups are removed', async () => {
    const dayId = await dayWith(1, 63);
    const [a, b] = [await signUp([dayId], 'Eerste'), await signUp([dayId], 'Tweede', { contact: 'tweede@example.nl', contactConsent: true })];
    const refused = await fx.query('coordinator', REMOVE_DAY, { dayId });
    expect(refused.body.errors[0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: 'Voor deze dag zijn nog 2 mensen aangemeld. Haal eerst hun aanmeldingen weg in de planning; daarna kun je de dag verwijderen.',
    });
    await fx.query('coordinator', REMOVE, { signupId: a.signup.id });
    const one = await fx.query('coordinator', REMOVE_DAY, { dayId });
    expect(one.body.errors[0].message).toMatch(/^Voor deze dag is nog 1 persoon aangemeld\./);
    await fx.query('coordinator', REMOVE, { signupId: b.signup.id });
    expect((await fx.query('coordinator', REMOVE_DAY, { dayId })).body.errors).toBeUndefined();
    expect(await db().selectFrom('campaign_day').select('id').where('id', '=', dayId).executeTakeFirst()).toBeUndefined();
    // Tweede moved up when Eerste was removed; that mail no longer points at the date.
    const freed = await db().selectFrom('mail_outbox').select(['kind', 'day_id']).where('signup_id', '=', b.signup.id).where('kind', '=', 'SIGNUP_PLACE_FREED').execute();
    expect(freed).toEqual([{ kind: 'SIGNUP_PLACE_FREED', day_id: null }]);
  });

  it('takes out a called-off walk date with its teams once its walkers are removed', async () => {
    const dayId = await fx.addDay(fx.schouwA, 64);
    const walkers = [];
    for (const name of ['Henk', 'Ria']) {
      const { body } = await fx.signUpSchouw({ dayIds: [dayId], displayName: name });
      walkers.push(body.data.signUp.signup.id as string);
    }
    await composeDayTeams(db(), fx.asViewer('coordinator'), { dayId, teamSize: 2 });
    for (const signupId of walkers) expect((await fx.query('coordinator', REMOVE, { signupId })).body.errors).toBeUndefined();
    const { body } = await fx.query('coordinator', REMOVE_DAY, { dayId });
    expect(body.errors).toBeUndefined();
    expect(await db().selectFrom('team').select('id').where('day_id', '=', dayId).execute()).toEqual([]);
    expect(await db().selectFrom('team_plan').select('day_id').where('day_id', '=', dayId).execute()).toEqual([]);
  });
});

describe('the sign-up limit per network', () => {
  it('counts an IPv6 address by its /64 and an IPv4 address (also IPv4-mapped) by itself', () => {
    expect(ipLimitKey('2001:db8:abcd:12:1:2:3:4')).toBe('2001:db8:abcd:12::/64');
    expect(ipLimitKey('2001:DB8:ABCD:0012:ffff::1')).toBe('2001:db8:abcd:12::/64');
    expect(ipLimitKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(ipLimitKey('2001:db8:abcd:13::1')).not.toBe(ipLimitKey('2001:db8:abcd:12::1'));
    expect(ipLimitKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(ipLimitKey('192.0.2.7')).toBe('192.0.2.7');
    expect(ipLimitKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('refuses the eleventh sign-up from one IPv6 /64, whatever address in it, and lets the next /64 sign up', async () => {
    const fx = await signupFixture();
    try {
      const from = (host: number, net = '2001:db8:77:1') => ({ 'x-forwarded-for': `${net}:${host.toString(16)}:0:0:1` });
      for (let i = 0; i < 10; i++) expect((await fx.signUpTegelwip({}, from(i + 1))).body.errors).toBeUndefined();
      const limited = await fx.signUpTegelwip({}, from(0xbeef));
      expect(limited.status).toBe(429);
      expect(limited.body.errors[0].extensions.code).toBe('RATE_LIMITED');
      expect((await fx.signUpTegelwip({}, from(1, '2001:db8:77:2'))).body.errors).toBeUndefined();
    } finally {
      await fx.t.close();
    }
  });
});

/**
 * The personal link over HTTP, on a database file with the sync worker: view, change and
 * cancel a sign-up with it, join the field app with it on the day (without being asked
 * again, once per working device), and the limits per IP on signing up and on unknown links.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthSettings } from '../../server/src/auth/auth-settings.js';
import { revokeParticipant } from '../../server/src/modules/participant/participant.service.js';
import { ERASED_NAME } from '../../server/src/modules/signup/signup.table.js';
import { findSignupInvite } from '../../server/src/modules/signup/signup.repo.js';
import { mySignup } from '../../server/src/modules/signup/signup.service.js';
import { MY_SIGNUP_FIELDS, signupFixture, type SignupFixture } from '../support/signup-fixture.js';

const MY_SIGNUP = `query($token: String!) { mySignup(token: $token) { ...mine } } ${MY_SIGNUP_FIELDS}`;
const UPDATE = `mutation($token: String!, $input: UpdateMySignupInput!) { updateMySignup(token: $token, input: $input) { ...mine } } ${MY_SIGNUP_FIELDS}`;
const CANCEL = 'mutation($token: String!) { cancelMySignup(token: $token) { cancelledAt days { status } } }';
const JOIN = 'mutation($input: JoinWithSignupInput!) { joinWithSignup(input: $input) { token followUpKey participant { id displayName contact showNameInRankings } campaign { id name } } }';
const MY_DATA = '{ myData { participant { displayName contact } campaign { name } } }';
const PLANNING = 'query($dayId: ID!) { dayPlanning(dayId: $dayId) { confirmed { id displayName contact houseNumber needs } } }';

describe('the personal link', () => {
  let fx: SignupFixture;
  beforeAll(async () => {
    fx = await signupFixture();
  });
  afterAll(() => fx?.t.close());

  const db = () => fx.t.app.connection.db;
  const newSignup = async (input: Record<string, unknown> = {}) => {
    const { body } = await fx.signUpTegelwip({ contact: 'sanne@example.nl', contactConsent: true, displayName: 'Sanne', ...input });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data.signUp as { token: string; signup: { id: string } };
  };

  it('shows and changes a sign-up: dates, address, estimate, tools, consent', async () => {
    const { token, signup } = await newSignup({ tools: [{ toolId: fx.toolIds.bigbag, quantity: 2 }] });
    const other = await fx.addDay(fx.campaignA, 50);
    const { body } = await fx.query(fx.freshIp(), UPDATE, {
      token,
      input: { dayIds: [fx.tegelwipDay, other], displayName: 'Sanne de Vries', contact: null, contactConsent: false, streetId: fx.streetA, houseNumber: '7-2', estimateTiles: 90, tools: [{ toolId: fx.toolIds.tegellichter, quantity: 1 }], wantsHelp: true },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.updateMySignup).toMatchObject({
      id: signup.id,
      displayName: 'Sanne de Vries',
      contact: null,
      contactConsent: false,
      houseNumber: '7-2',
      estimateTiles: 90,
      wantsHelp: true,
      wantsPickup: false,
      tools: [{ tool: { name: 'tegellichter' }, quantity: 1 }],
    });
    expect(body.data.updateMySignup.days.map((d: { day: { id: string } }) => d.day.id)).toEqual([fx.tegelwipDay, other]);
    const viewed = await fx.query(fx.freshIp(), MY_SIGNUP, { token });
    expect(viewed.body.data.mySignup).toEqual(body.data.updateMySignup);
    const row = await db().selectFrom('signup').select(['contact', 'contact_consent_at']).where('id', '=', signup.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ contact: null, contact_consent_at: null });
  });

  it('applies the same rules to a change as to a sign-up', async () => {
    const { token } = await newSignup();
    const { body } = await fx.query(fx.freshIp(), UPDATE, { token, input: { dayIds: [fx.tegelwipDay], displayName: 'Sanne', contact: '0612345678', contactConsent: false, streetId: null, houseNumber: '1' } });
    expect(body.errors[0].extensions.fields.map((f: { path: string[] }) => f.path.join('.'))).toEqual(['input.contact', 'input.streetId']);
  });

  it('cancels, after which the link still shows the sign-up as cancelled, without the contact and needs it no longer needs', async () => {
    const { token, signup } = await newSignup();
    const { body } = await fx.query(fx.freshIp(), CANCEL, { token });
    expect(body.data.cancelMySignup).toEqual({ cancelledAt: expect.any(String), days: [] });
    const viewed = await fx.query(fx.freshIp(), MY_SIGNUP, { token });
    expect(viewed.body.data.mySignup).toMatchObject({ cancelledAt: body.data.cancelMySignup.cancelledAt, displayName: 'Sanne', contact: null, contactConsent: false });
    const row = await db().selectFrom('signup').select(['contact', 'contact_consent_at', 'needs']).where('id', '=', signup.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ contact: null, contact_consent_at: null, needs: null });

    const walker = await fx.signUpSchouw({ contact: 'loper@example.nl', contactConsent: true, needs: 'Ik loop met een rollator.' });
    await fx.query(fx.freshIp(), CANCEL, { token: walker.body.data.signUp.token });
    const walkerRow = await db().selectFrom('signup').select(['contact', 'contact_consent_at', 'needs']).where('id', '=', walker.body.data.signUp.signup.id).executeTakeFirstOrThrow();
    expect(walkerRow).toEqual({ contact: null, contact_consent_at: null, needs: null });
  });

  it('keeps the moment of consent while the contact stays the same, and takes a new one for a new contact', async () => {
    const { token, signup } = await newSignup();
    const consentAt = async () => (await db().selectFrom('signup').select('contact_consent_at').where('id', '=', signup.id).executeTakeFirstOrThrow()).contact_consent_at;
    const given = await consentAt();
    expect(given).not.toBeNull();
    const change = (contact: string) =>
      fx.query(fx.freshIp(), UPDATE, { token, input: { dayIds: [fx.tegelwipDay], displayName: 'Sanne', contact, contactConsent: true, streetId: fx.streetA, houseNumber: '14' } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await change('sanne@example.nl')).body.errors).toBeUndefined();
    expect(await consentAt()).toBe(given);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await change('sanne@elders.nl')).body.errors).toBeUndefined();
    expect(await consentAt()).not.toBe(given);
  });

  it('joins the field app with the name and contact of the sign-up, links it, and refuses a second working device', async () => {
    const { token, signup } = await newSignup({ displayName: 'Joost', contact: 'joost@example.nl' });
    const joined = await fx.query(fx.freshIp(), JOIN, { input: { token, showNameInRankings: true } });
    expect(joined.body.errors).toBeUndefined();
    const result = joined.body.data.joinWithSignup;
    expect(result.participant).toMatchObject({ displayName: 'Joost', showNameInRankings: true });
    const participant = await db().selectFrom('participant').select(['contact', 'contact_consent_at']).where('id', '=', result.participant.id).executeTakeFirstOrThrow();
    expect(participant).toEqual({ contact: 'joost@example.nl', contact_consent_at: expect.any(String) });
    expect(result.campaign).toEqual({ id: fx.campaignA.id, name: 'Tegelwippen Staatsliedenbuurt' });
    const mine = await fx.query({ authorization: `Bearer ${result.token}` }, MY_DATA);
    expect(mine.body.data.myData).toEqual({ participant: { displayName: 'Joost', contact: 'joost@example.nl' }, campaign: { name: 'Tegelwippen Staatsliedenbuurt' } });
    const row = await db().selectFrom('signup').select('participant_id').where('id', '=', signup.id).executeTakeFirstOrThrow();
    expect(row.participant_id).toBe(result.participant.id);
    expect((await fx.query(fx.freshIp(), MY_SIGNUP, { token })).body.data.mySignup.joined).toBe(true);
    // The invite behind it takes no code: nobody joins with it except through a sign-up.
    const invite = await db().selectFrom('participant_invite').innerJoin('participant', 'participant.invite_id', 'participant_invite.id').select(['participant_invite.code', 'max_uses']).where('participant.id', '=', result.participant.id).executeTakeFirstOrThrow();
    expect(invite.max_uses).toBe(0);
    const byCode = await fx.query(fx.freshIp(), 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { token } }', { input: { code: invite.code, displayName: 'X', contactConsent: false, showNameInRankings: false } });
    expect(byCode.body.errors[0].extensions.code).toBe('NOT_FOUND');

    const second = await fx.query(fx.freshIp(), JOIN, { input: { token, followUpKey: result.followUpKey, showNameInRankings: false } });
    expect(second.body.errors[0]).toMatchObject({ message: 'Je doet al mee op een ander toestel. Zet je gegevens over met Overzetten.', extensions: { code: 'CONFLICT' } });

    // Once that membership is revoked, the link makes a new one (a lost phone).
    await revokeParticipant(db(), fx.asViewer('admin'), result.participant.id, 't');
    const afterRevoke = await fx.query(fx.freshIp(), JOIN, { input: { token, showNameInRankings: false } });
    expect(afterRevoke.body.errors).toBeUndefined();
    expect(afterRevoke.body.data.joinWithSignup.participant.id).not.toBe(result.participant.id);
  });

  it('erases the sign-up a participant joined with when they delete their data, as retention does', async () => {
    const { token, signup } = await newSignup({ displayName: 'Wil Wissen', contact: 'wil@example.nl', houseNumber: '31b' });
    const other = await newSignup({ displayName: 'Blijft Staan', contact: 'blijft@example.nl', houseNumber: '33' });
    const joined = (await fx.query(fx.freshIp(), JOIN, { input: { token, showNameInRankings: false } })).body.data.joinWithSignup;
    // A link sent by mail opens the sign-up too, until it is erased.
    await db().insertInto('signup_mail_link').values({ token_hash: 'gemailde-link', signup_id: signup.id, created_at: new Date().toISOString() }).execute();

    const deleted = await fx.query({ authorization: `Bearer ${joined.token}` }, 'mutation { deleteMyData }');
    expect(deleted.body.data.deleteMyData).toBe(true);

    const planning = (await fx.query('coordinator', PLANNING, { dayId: fx.tegelwipDay })).body.data.dayPlanning.confirmed as { id: string }[];
    expect(planning.find((p) => p.id === signup.id)).toEqual({ id: signup.id, displayName: ERASED_NAME, contact: null, houseNumber: null, needs: null });
    expect(planning.find((p) => p.id === other.signup.id)).toEqual({ id: other.signup.id, displayName: 'Blijft Staan', contact: 'blijft@example.nl', houseNumber: '33', needs: null });
    // The house number as a JSON value: bare "31b" also turns up inside UUIDv7 ids at some moments.
    expect(JSON.stringify(planning)).not.toMatch(/Wil Wissen|wil@example|"31b"/);
    const link = await fx.query(fx.freshIp(), MY_SIGNUP, { token });
    expect(link.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(await db().selectFrom('signup_mail_link').select('signup_id').where('signup_id', '=', signup.id).execute()).toEqual([]);
  });

  it('does not join once a coordinator revoked the campaign’s sign-up invite, and says so', async () => {
    const { token, signup } = await newSignup();
    const invite = (await findSignupInvite(db(), fx.campaignA.id))!;
    const revoked = await fx.query('coordinator', 'mutation($id: ID!) { revokeParticipantInvite(inviteId: $id) { id revokedAt } }', { id: invite.id });
    expect(revoked.body.errors).toBeUndefined();
    try {
      const { body } = await fx.query(fx.freshIp(), JOIN, { input: { token, showNameInRankings: false } });
      expect(body.errors[0]).toMatchObject({
        extensions: { code: 'CONFLICT' },
        message: 'Meedoen met de link van je aanmelding is voor deze actie gestopt. Vraag het Buurtkracht-team om een uitnodiging.',
      });
      expect((await db().selectFrom('signup').select('participant_id').where('id', '=', signup.id).executeTakeFirstOrThrow()).participant_id).toBeNull();
    } finally {
      await db().updateTable('participant_invite').set({ revoked_at: null }).where('id', '=', invite.id).execute();
    }
  });

  it('does not join with a cancelled sign-up or an unknown link', async () => {
    const { token } = await newSignup();
    await fx.query(fx.freshIp(), CANCEL, { token });
    const cancelled = await fx.query(fx.freshIp(), JOIN, { input: { token, showNameInRankings: false } });
    expect(cancelled.body.errors[0].extensions.code).toBe('CONFLICT');
    const unknown = await fx.query(fx.freshIp(), JOIN, { input: { token: 'y'.repeat(43), showNameInRankings: false } });
    expect(unknown.body.errors[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' }, message: 'Deze aanmelding bestaat niet of is gesloten. Kijk of je de hele link hebt overgenomen.' });
  });

  it('limits sign-ups per IP address: ten in ten minutes, then 429 with a Dutch wait', async () => {
    const ip = fx.freshIp();
    // Sign-ups the rules refused stored nothing and do not count: correcting a typo is no flood.
    for (let i = 0; i < 12; i++) expect((await fx.signUpTegelwip({ streetId: null }, ip)).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    for (let i = 0; i < 10; i++) expect((await fx.signUpTegelwip({}, ip)).body.errors).toBeUndefined();
    const before = await db().selectFrom('signup').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const limited = await fx.signUpTegelwip({}, ip);
    expect(limited.status).toBe(429);
    expect(limited.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(limited.body.errors[0].message).toMatch(/Wacht even/);
    // The honeypot counts too: a bot cannot sign up (or pretend to) without limit.
    expect((await fx.signUpTegelwip({ website: 'x' }, ip)).status).toBe(429);
    const after = await db().selectFrom('signup').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect((await fx.signUpTegelwip({}, fx.freshIp())).body.errors).toBeUndefined();
  });

  it('counts unknown links per IP address; known links do not count', async () => {
    const settings = createAuthSettings({ ...fx.t.config, loginMaxAttemptsPerIp: 3 });
    const { token } = await newSignup();
    for (let i = 0; i < 5; i++) await mySignup(db(), settings, token, '198.51.100.7');
    for (let i = 0; i < 3; i++) await expect(mySignup(db(), settings, `onbekend-${i}-${'z'.repeat(30)}`, '198.51.100.7')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(mySignup(db(), settings, token, '198.51.100.7')).rejects.toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
    await expect(mySignup(db(), settings, token, '198.51.100.8')).resolves.toMatchObject({ displayName: 'Sanne' });
  });

  it('answers a query for unknown links over HTTP with 429 once too many were tried', async () => {
    const t = await signupFixture({ LOGIN_MAX_ATTEMPTS_PER_IP: '2' });
    try {
      const ip = t.freshIp();
      const ask = (token: string) => t.query(ip, MY_SIGNUP, { token });
      expect((await ask('a'.repeat(43))).body.errors[0].extensions.code).toBe('NOT_FOUND');
      expect((await ask('b'.repeat(43))).body.errors[0].extensions.code).toBe('NOT_FOUND');
      const limited = await ask('c'.repeat(43));
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      const cancel = await t.query(ip, CANCEL, { token: 'd'.repeat(43) });
      expect(cancel.status).toBe(429);
    } finally {
      await t.t.close();
    }
  });
});

/**
 * The public sign-up over HTTP, on a database file with the sync worker: the form, signing
 * up for a tegelwip day and a schouw walk, the rules per kind with Dutch messages at their
 * fields, the honeypot, and one answer for everything that does not exist or is closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { hashSecret } from '../../server/src/auth/tokens.js';
import { CONTACT_WITHOUT_CONSENT } from '../../server/src/modules/participant/participant.service.js';
import { setSignupOpen } from '../../server/src/modules/signup/signup-planning.service.js';
import { dateAhead, MY_SIGNUP_FIELDS, signupFixture, type SignupFixture } from '../support/signup-fixture.js';

const FORM = 'query($id: ID!) { signupForm(campaignId: $id) { campaignId campaignName kind neighbourhoodName days { id date label full } streets { id name } tools { id name } } }';
const MY_SIGNUP = `query($token: String!) { mySignup(token: $token) { ...mine } } ${MY_SIGNUP_FIELDS}`;

describe('public sign-up', () => {
  let fx: SignupFixture;
  beforeAll(async () => {
    fx = await signupFixture();
  });
  afterAll(() => fx?.t.close());

  const db = () => fx.t.app.connection.db;
  const form = async (id: string) => (await fx.query(fx.freshIp(), FORM, { id })).body;

  it('shows the form of an open campaign: future dates in order, the streets, the default tools; nothing about who signed up', async () => {
    await fx.signUpTegelwip({ displayName: 'Zichtbaar Niet', contact: 'geheim@example.nl', contactConsent: true });
    const body = await form(fx.campaignA.id);
    expect(body.errors).toBeUndefined();
    const shown = body.data.signupForm;
    expect(shown).toMatchObject({ campaignId: fx.campaignA.id, campaignName: 'Tegelwippen Staatsliedenbuurt', kind: 'TEGELWIPPEN', neighbourhoodName: 'Staatsliedenbuurt' });
    expect(shown.days.map((d: { date: string }) => d.date)).toEqual([dateAhead(30), '2027-04-01']);
    expect(shown.days.every((d: { full: boolean }) => d.full === false)).toBe(true);
    expect(shown.streets.map((s: { name: string }) => s.name)).toEqual([...shown.streets.map((s: { name: string }) => s.name)].sort((a, b) => a.localeCompare(b, 'nl')));
    expect(shown.streets.some((s: { id: string }) => s.id === fx.streetA)).toBe(true);
    expect(shown.tools.map((t: { name: string }) => t.name)).toEqual(['tegellichter', 'kruiwagen', 'bigbag']);
    expect(JSON.stringify(body)).not.toMatch(/Zichtbaar|geheim/);

    const schouw = (await form(fx.schouwA.id)).data.signupForm;
    expect(schouw).toMatchObject({ kind: 'SCHOUW', tools: [] });
  });

  it('leaves out dates before today', async () => {
    const past = await fx.addDay(fx.campaignA, -2);
    const days = (await form(fx.campaignA.id)).data.signupForm.days.map((d: { id: string }) => d.id);
    expect(days).not.toContain(past);
    const { body } = await fx.signUpTegelwip({ dayIds: [past] });
    expect(body.errors[0].extensions.fields).toEqual([{ path: ['input', 'dayIds'], message: 'Kies een datum uit de lijst.' }]);
  });

  it('signs up for a tegelwip day with address, estimate, tools, help and pickup, and hands out a personal link stored only as a hash', async () => {
    const { body } = await fx.signUpTegelwip({
      displayName: ' Anouk ',
      contact: 'anouk@example.nl',
      contactConsent: true,
      houseNumber: '12a',
      estimateM2: 15,
      estimateTiles: 160,
      tools: [{ toolId: fx.toolIds.kruiwagen, quantity: 1 }, { toolId: fx.toolIds.tegellichter, quantity: 2 }],
      wantsHelp: true,
      wantsPickup: true,
      website: '',
    });
    expect(body.errors).toBeUndefined();
    const { token, signup } = body.data.signUp;
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(signup).toMatchObject({
      campaignId: fx.campaignA.id,
      kind: 'TEGELWIPPEN',
      displayName: 'Anouk',
      contact: 'anouk@example.nl',
      contactConsent: true,
      walkerKind: null,
      street: { id: fx.streetA },
      houseNumber: '12a',
      estimateM2: 15,
      estimateTiles: 160,
      wantsHelp: true,
      wantsPickup: true,
      cancelledAt: null,
      joined: false,
      days: [{ day: { id: fx.tegelwipDay }, status: 'CONFIRMED', waitingPosition: null }],
    });
    expect(signup.tools).toEqual([
      { tool: { id: fx.toolIds.tegellichter, name: 'tegellichter' }, quantity: 2 },
      { tool: { id: fx.toolIds.kruiwagen, name: 'kruiwagen' }, quantity: 1 },
    ]);
    const row = await db().selectFrom('signup').selectAll().where('id', '=', signup.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashSecret(token));
    expect(row.estimate_area_cm2).toBe(150_000);
    expect(JSON.stringify(row)).not.toContain(token);
    const again = await fx.query(fx.freshIp(), MY_SIGNUP, { token });
    expect(again.body.data.mySignup).toEqual(signup);
  });

  it('signs up for a schouw walk as a professional with organisation and needs', async () => {
    const { body } = await fx.signUpSchouw({ walkerKind: 'PROFESSIONAL', organisation: ' Woonkracht10 ', needs: 'Ik loop niet verder dan 1 km.' });
    expect(body.errors).toBeUndefined();
    expect(body.data.signUp.signup).toMatchObject({ kind: 'SCHOUW', walkerKind: 'PROFESSIONAL', organisation: 'Woonkracht10', needs: 'Ik loop niet verder dan 1 km.', street: null, tools: [], wantsHelp: false });
    const resident = await fx.signUpSchouw({ walkerKind: 'RESIDENT', organisation: 'Genegeerd' });
    expect(resident.body.data.signUp.signup).toMatchObject({ walkerKind: 'RESIDENT', organisation: null });
  });

  const problemsOf = async (sent: Promise<{ body: any }>) => {
    const { body } = await sent;
    expect(body.errors, JSON.stringify(body)).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    return body.errors[0].extensions.fields as { path: string[]; message: string }[];
  };

  it('tells per kind what is missing or does not belong, in Dutch, at each field, and stores nothing', async () => {
    const before = await fx.signupCount();
    expect(await problemsOf(fx.signUpTegelwip({ streetId: null, houseNumber: null }))).toEqual([
      { path: ['input', 'streetId'], message: 'Kies de straat van je tuin.' },
      { path: ['input', 'houseNumber'], message: 'Vul het huisnummer van je tuin in.' },
    ]);
    expect(await problemsOf(fx.signUpTegelwip({ walkerKind: 'RESIDENT', streetId: fx.campaignB.id }))).toEqual([
      { path: ['input', 'walkerKind'], message: 'Dit hoort bij een schouw, niet bij tegelwippen. Laat het leeg.' },
      { path: ['input', 'streetId'], message: 'Kies een straat uit de lijst.' },
    ]);
    expect(await problemsOf(fx.signUpSchouw({ walkerKind: null }))).toEqual([{ path: ['input', 'walkerKind'], message: 'Kies of je meeloopt als bewoner of als professional.' }]);
    expect(await problemsOf(fx.signUpSchouw({ walkerKind: 'PROFESSIONAL' }))).toEqual([{ path: ['input', 'organisation'], message: 'Vul in voor welke organisatie je meeloopt.' }]);
    expect(await problemsOf(fx.signUpSchouw({ houseNumber: '3', wantsPickup: true }))).toEqual([
      { path: ['input', 'houseNumber'], message: 'Dit hoort bij tegelwippen, niet bij een schouw. Laat het leeg.' },
      { path: ['input', 'wantsPickup'], message: 'Dit hoort bij tegelwippen, niet bij een schouw. Laat het leeg.' },
    ]);
    expect(await problemsOf(fx.signUpTegelwip({ contact: '0612345678', contactConsent: false }))).toEqual([{ path: ['input', 'contact'], message: CONTACT_WITHOUT_CONSENT }]);
    expect(await problemsOf(fx.signUpTegelwip({ dayIds: [fx.schouwDay] }))).toEqual([{ path: ['input', 'dayIds'], message: 'Kies een datum uit de lijst.' }]);
    expect(await problemsOf(fx.signUpTegelwip({ tools: [{ toolId: uuidv7(), quantity: 1 }] }))).toEqual([{ path: ['input', 'tools', '0', 'toolId'], message: 'Kies gereedschap uit de lijst.' }]);
    expect(await fx.signupCount()).toBe(before);
  });

  it('checks each field at the edge with a plain message at its path', async () => {
    expect(await problemsOf(fx.signUpTegelwip({ estimateM2: 300 }))).toEqual([{ path: ['input', 'estimateM2'], message: 'Vul hoogstens 200 m² in.' }]);
    expect(await problemsOf(fx.signUpTegelwip({ estimateTiles: 0 }))).toEqual([{ path: ['input', 'estimateTiles'], message: 'Vul minstens 1 tegel in.' }]);
    expect(await problemsOf(fx.signUpTegelwip({ tools: [{ toolId: fx.toolIds.bigbag, quantity: 11 }] }))).toEqual([{ path: ['input', 'tools', '0', 'quantity'], message: 'Je kunt hoogstens 10 stuks van elk lenen.' }]);
    expect(await problemsOf(fx.signUpTegelwip({ houseNumber: 'hoek' }))).toEqual([{ path: ['input', 'houseNumber'], message: 'Vul een huisnummer in zoals 12, 12a of 12-2.' }]);
    expect(await problemsOf(fx.signUpTegelwip({ displayName: ' ' }))).toEqual([{ path: ['input', 'displayName'], message: 'Vul je naam in.' }]);
    expect(await problemsOf(fx.signUpTegelwip({ dayIds: [] }))).toEqual([{ path: ['input', 'dayIds'], message: 'Kies minstens één datum.' }]);
    expect(await problemsOf(fx.signUpSchouw({ needs: 'x'.repeat(301) }))).toEqual([{ path: ['input', 'needs'], message: 'Gebruik hoogstens 300 tekens.' }]);
  });

  it('answers a filled honeypot as if it worked, and stores nothing', async () => {
    const before = await fx.signupCount();
    const { body } = await fx.signUpTegelwip({ website: 'https://spam.example', displayName: 'Robot' });
    expect(body.errors).toBeUndefined();
    expect(body.data.signUp.signup).toMatchObject({ displayName: 'Robot', days: [{ status: 'CONFIRMED' }] });
    expect(body.data.signUp.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await fx.signupCount()).toBe(before);
    const lookup = await fx.query(fx.freshIp(), MY_SIGNUP, { token: body.data.signUp.token });
    expect(lookup.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('gives one answer for an unknown campaign, a closed sign-up, a closed campaign and an unknown link', async () => {
    const answers: unknown[] = [];
    const keep = (body: any) => answers.push({ code: body.errors?.[0]?.extensions.code, message: body.errors?.[0]?.message, data: body.data });
    keep(await form(uuidv7()));
    await setSignupOpen(db(), fx.asViewer('admin'), { campaignId: fx.campaignB.id, open: false, requestId: 't' });
    keep(await form(fx.campaignB.id));
    keep((await fx.signUpTegelwip({ campaignId: fx.campaignB.id })).body);
    keep((await fx.signUpTegelwip({ campaignId: uuidv7() })).body);
    keep((await fx.query(fx.freshIp(), MY_SIGNUP, { token: 'x'.repeat(43) })).body);
    expect(answers[0]).toMatchObject({ code: 'NOT_FOUND', message: 'Deze aanmelding bestaat niet of is gesloten. Kijk of je de hele link hebt overgenomen.' });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });
});

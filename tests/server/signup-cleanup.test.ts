/**
 * Signing up for a clean-up action (opruimactie) over HTTP on a database file: it works as
 * a tegelwip sign-up does (a day, the garden's street and house number, help, pickup and
 * the tools the campaign lends, which start as the clean-up defaults), without the tile
 * estimates, and the schouw's fields are refused in words that name the clean-up; the
 * coordinator can change its tools as for tegelwippen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeCampaignStatus, createCampaign, type Campaign } from '../../server/src/modules/campaign/campaign.service.js';
import { setSignupOpen } from '../../server/src/modules/signup/signup-planning.service.js';
import { dateAhead, MY_SIGNUP_FIELDS, SIGN_UP, signupFixture, type SignupFixture } from '../support/signup-fixture.js';

const FORM = 'query($id: ID!) { signupForm(campaignId: $id) { kind days { id } tools { id name } } }';

describe('signing up for a clean-up action', () => {
  let fx: SignupFixture;
  let cleanup: Campaign;
  let dayId: string;
  let tools: { id: string; name: string }[];
  const signUp = async (input: Record<string, unknown>) =>
    (await fx.query(fx.freshIp(), `${SIGN_UP} ${MY_SIGNUP_FIELDS}`, { input: { campaignId: cleanup.id, dayIds: [dayId], displayName: 'Ria', contactConsent: false, streetId: fx.streetA, houseNumber: '8', ...input } })).body;

  beforeAll(async () => {
    fx = await signupFixture();
    const db = fx.t.app.connection.db;
    const admin = fx.asViewer('admin');
    const draft = await createCampaign(db, admin, { neighbourhoodId: fx.neighbourhoodA, kind: 'OPRUIMEN', name: 'Opruimactie aanmelden', days: [{ date: dateAhead(20), label: 'Opruimdag' }], requestId: 't' });
    cleanup = await changeCampaignStatus(db, admin, { campaignId: draft.id, status: 'OPEN', requestId: 't' });
    await setSignupOpen(db, admin, { campaignId: cleanup.id, open: true, requestId: 't' });
    const form = (await fx.query(fx.freshIp(), FORM, { id: cleanup.id })).body.data.signupForm;
    dayId = form.days[0].id;
    tools = form.tools;
  });
  afterAll(() => fx?.t.close());

  it('offers the clean-up tools and takes a garden with help, pickup and tools', async () => {
    expect(tools.map((t) => t.name)).toEqual(['afvalgrijper', 'werkhandschoenen', 'kruiwagen']);
    const body = await signUp({ wantsHelp: true, wantsPickup: true, tools: [{ toolId: tools[0]!.id, quantity: 2 }] });
    expect(body.errors).toBeUndefined();
    expect(body.data.signUp.signup).toMatchObject({
      kind: 'OPRUIMEN',
      street: { id: fx.streetA },
      houseNumber: '8',
      estimateM2: null,
      estimateTiles: null,
      wantsHelp: true,
      wantsPickup: true,
      tools: [{ tool: { name: 'afvalgrijper' }, quantity: 2 }],
      walkerKind: null,
    });
  });

  it('asks for the garden, refuses tile estimates and the schouw\'s fields, each at its field', async () => {
    const body = await signUp({ streetId: null, houseNumber: '', estimateM2: 5, estimateTiles: 40, walkerKind: 'RESIDENT' });
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].extensions.fields).toEqual([
      { path: ['input', 'walkerKind'], message: 'Dit hoort bij een schouw, niet bij een opruimactie. Laat het leeg.' },
      { path: ['input', 'estimateM2'], message: 'Bij een opruimactie tellen we geen tegels. Laat het leeg.' },
      { path: ['input', 'estimateTiles'], message: 'Bij een opruimactie tellen we geen tegels. Laat het leeg.' },
      { path: ['input', 'streetId'], message: 'Kies de straat van je tuin.' },
      { path: ['input', 'houseNumber'], message: 'Vul het huisnummer van je tuin in.' },
    ]);
  });

  it('lets the coordinator change the tools of a clean-up', async () => {
    const saved = await fx.query('coordinator', 'mutation($id: ID!, $tools: [CampaignToolInput!]!) { saveCampaignTools(campaignId: $id, tools: $tools) { name stock } }', {
      id: cleanup.id,
      tools: [{ id: tools[0]!.id, name: 'afvalgrijper', stock: 10 }, { name: 'bezem', stock: 4 }],
    });
    expect(saved.body.errors).toBeUndefined();
    expect(saved.body.data.saveCampaignTools).toEqual([{ name: 'afvalgrijper', stock: 10 }, { name: 'bezem', stock: 4 }]);
  });
});

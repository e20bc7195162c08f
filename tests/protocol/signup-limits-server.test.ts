/**
 * The server's sign-up, planning and team limits come from the protocol, not from numbers
 * of its own: with the protocol's limits set to other values here, the real server (on a
 * database file with the sync worker) takes a value at the limit and refuses one over it,
 * with the Dutch message naming the limit. A number written into a zod schema or a service
 * would still answer with the old limit and fail this test.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DAY_FULL_MESSAGE } from '../../server/src/modules/signup/signup-places.js';
import { signupFixture, type SignupFixture } from '../support/signup-fixture.js';

vi.mock('@buurtkracht/protocol/input-limits', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@buurtkracht/protocol/input-limits')>()),
  SIGNUP_NAME_MAX: 7,
  SIGNUP_CONTACT_MAX: 25,
  SIGNUP_ORGANISATION_MAX: 9,
  SIGNUP_NEEDS_MAX: 11,
  SIGNUP_HOUSE_NUMBER_MAX: 4,
  SIGNUP_ESTIMATE_M2_MAX: 20,
  SIGNUP_ESTIMATE_TILES_MAX: 150,
  SIGNUP_TOOL_QUANTITY_MAX: 3,
  // Above the 6 demo sign-ups the fixture's demo seed puts on one date.
  SIGNUPS_PER_DAY_MAX: 8,
  DAY_CAPACITY_MAX: 50,
  TOOL_NAME_MAX: 13,
  TOOL_STOCK_MAX: 70,
  TEAM_SIZE_MIN: 3,
  TEAM_SIZE_MAX: 5,
}));

const CAPACITY = 'mutation($dayId: ID!, $capacity: Int) { setCampaignDayCapacity(dayId: $dayId, capacity: $capacity) { id capacity } }';
const TOOLS = 'mutation($id: ID!, $tools: [CampaignToolInput!]!) { saveCampaignTools(campaignId: $id, tools: $tools) { name stock } }';
const COMPOSE = 'mutation($dayId: ID!, $size: Int!) { composeTeams(dayId: $dayId, teamSize: $size) { teamSize } }';

type Answer = { body: any };
const refusal = ({ body }: Answer) => body.errors?.[0]?.extensions?.fields;
const accepted = ({ body }: Answer) => body.errors;

describe("the server's limits come from the protocol", { timeout: 30_000 }, () => {
  let fx: SignupFixture;
  beforeAll(async () => {
    fx = await signupFixture();
  }, 30_000);
  afterAll(() => fx?.t.close());

  it('on the public sign-up form: name, contact, organisation, what helps, house number, estimate and tools', async () => {
    expect(accepted(await fx.signUpTegelwip({ displayName: 'x'.repeat(7), houseNumber: '123a', estimateM2: 20, tools: [{ toolId: fx.toolIds.bigbag, quantity: 3 }] }))).toBeUndefined();
    expect(refusal(await fx.signUpTegelwip({ displayName: 'x'.repeat(8) }))).toEqual([{ path: ['input', 'displayName'], message: 'Gebruik hoogstens 7 tekens voor je naam.' }]);
    expect(refusal(await fx.signUpTegelwip({ contactConsent: true, contact: `${'a'.repeat(15)}@example.nl` }))).toEqual([{ path: ['input', 'contact'], message: 'Gebruik hoogstens 25 tekens.' }]);
    expect(refusal(await fx.signUpTegelwip({ houseNumber: '1234a' }))).toEqual([{ path: ['input', 'houseNumber'], message: 'Gebruik hoogstens 4 tekens.' }]);
    expect(refusal(await fx.signUpTegelwip({ estimateM2: 21 }))).toEqual([{ path: ['input', 'estimateM2'], message: 'Vul hoogstens 20 m² in.' }]);
    expect(refusal(await fx.signUpTegelwip({ estimateTiles: 151 }))).toEqual([{ path: ['input', 'estimateTiles'], message: 'Vul hoogstens 150 tegels in.' }]);
    expect(refusal(await fx.signUpTegelwip({ tools: [{ toolId: fx.toolIds.bigbag, quantity: 4 }] }))).toEqual([{ path: ['input', 'tools', '0', 'quantity'], message: 'Je kunt hoogstens 3 stuks van elk lenen.' }]);
    expect(refusal(await fx.signUpSchouw({ walkerKind: 'PROFESSIONAL', organisation: 'x'.repeat(10) }))).toEqual([{ path: ['input', 'organisation'], message: 'Gebruik hoogstens 9 tekens.' }]);
    expect(refusal(await fx.signUpSchouw({ needs: 'x'.repeat(12) }))).toEqual([{ path: ['input', 'needs'], message: 'Gebruik hoogstens 11 tekens.' }]);
  });

  it('takes at most the protocol’s number of sign-ups a date, confirmed and waiting together', async () => {
    const dayId = await fx.addDay(fx.campaignA, 40);
    for (let n = 1; n <= 8; n++) expect(accepted(await fx.signUpTegelwip({ dayIds: [dayId], displayName: `Nr ${n}` }))).toBeUndefined();
    expect(refusal(await fx.signUpTegelwip({ dayIds: [dayId], displayName: 'Nr 9' }))).toEqual([{ path: ['input', 'dayIds'], message: DAY_FULL_MESSAGE }]);
  });

  it("on the coordinator's capacity, tools and team size", async () => {
    expect(accepted(await fx.query('coordinator', CAPACITY, { dayId: fx.tegelwipDay, capacity: 50 }))).toBeUndefined();
    expect(refusal(await fx.query('coordinator', CAPACITY, { dayId: fx.tegelwipDay, capacity: 51 }))).toEqual([{ path: ['capacity'], message: 'Vul hoogstens 50 in.' }]);

    const tools = [{ id: fx.toolIds.bigbag, name: 'bigbag', stock: 70 }, { name: 'x'.repeat(13) }];
    expect(accepted(await fx.query('coordinator', TOOLS, { id: fx.campaignA.id, tools: [...tools, { id: fx.toolIds.tegellichter, name: 'tegellichter' }, { id: fx.toolIds.kruiwagen, name: 'kruiwagen' }] }))).toBeUndefined();
    expect(refusal(await fx.query('coordinator', TOOLS, { id: fx.campaignA.id, tools: [{ name: 'x'.repeat(14) }] }))).toEqual([{ path: ['tools', '0', 'name'], message: 'Gebruik hoogstens 13 tekens.' }]);
    expect(refusal(await fx.query('coordinator', TOOLS, { id: fx.campaignA.id, tools: [{ name: 'bigbag', stock: 71 }] }))).toEqual([{ path: ['tools', '0', 'stock'], message: 'Vul hoogstens 70 in.' }]);

    for (const size of [2, 6]) {
      expect(refusal(await fx.query('coordinator', COMPOSE, { dayId: fx.schouwDay, size }))).toEqual([{ path: ['teamSize'], message: 'Kies een teamgrootte van 3 tot 5.' }]);
    }
  });
});

/**
 * A NUL character in a GraphQL argument outside sync (a form field, a search, a link's
 * token): SQLite would keep it, PostgreSQL cannot store or even compare it and answered
 * with an internal error. On both databases the request is refused at the edge with a
 * B1 message at the field, and nothing changes; an address with one (an export's id) is
 * not found. Sync entries keep their own per-entry refusal (sync-nul-characters.test.ts),
 * so one bad entry does not hold up a batch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupFixture, type SignupFixture } from '../support/signup-fixture.js';

const MESSAGE = 'Hierin staat een onzichtbaar teken dat niet bewaard kan worden. Typ de tekst opnieuw in.';

describe('NUL characters outside sync', () => {
  let fx: SignupFixture;
  beforeAll(async () => {
    fx = await signupFixture();
  });
  afterAll(() => fx?.t.close());

  const db = () => fx.t.app.connection.db;

  it('refuses a public sign-up with one in a text field, names the field, and stores nothing', async () => {
    const before = await fx.signupCount();
    const { body } = await fx.signUpSchouw({ needs: 'Rolstoel\u0000' });
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].message).toBe(MESSAGE);
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: ['input', 'needs'], message: MESSAGE }] });
    expect(await fx.signupCount()).toBe(before);
  });

  it('names the field in a list of inputs too', async () => {
    const { body } = await fx.signUpTegelwip({ dayIds: [fx.tegelwipDay, `x\u0000`] });
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: ['input', 'dayIds', '1'], message: MESSAGE }] });
  });

  it('refuses one written into the query text itself', async () => {
    const { body } = await fx.query(fx.headers.coordinator, `mutation { updateCampaign(input: { campaignId: "${fx.campaignA.id}", name: "Tegels\\u0000" }) { name } }`);
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: ['input', 'name'], message: MESSAGE }] });
    const campaign = await db().selectFrom('campaign').select('name').where('id', '=', fx.campaignA.id).executeTakeFirstOrThrow();
    expect(campaign.name).toBe(fx.campaignA.name);
  });

  it('refuses one in a search or a token instead of failing inside the database', async () => {
    const search = await fx.query(fx.headers.coordinator, 'query($id: ID!, $search: String) { campaign(id: $id) { questionnaireResults(search: $search) { appResponses } } }', {
      id: fx.campaignA.id,
      search: 'kruiwagen\u0000',
    });
    expect(search.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: ['search'], message: MESSAGE }] });
    const mine = await fx.query(fx.freshIp(), 'query($token: String!) { mySignup(token: $token) { displayName } }', { token: `${'a'.repeat(40)}\u0000` });
    expect(mine.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: ['token'], message: MESSAGE }] });
  });

  it('checks before who is asking, like the other checks of what was filled in: the answer depends on nothing stored', async () => {
    const { body } = await fx.query({}, 'mutation($input: UpdateCampaignInput!) { updateCampaign(input: $input) { name } }', { input: { campaignId: `${fx.campaignA.id}\u0000`, name: 'x' } });
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: ['input', 'campaignId'], message: MESSAGE }] });
    const signedOut = await fx.query({}, 'mutation($input: UpdateCampaignInput!) { updateCampaign(input: $input) { name } }', { input: { campaignId: fx.campaignA.id, name: 'Tegelwippen in de zomer' } });
    expect(signedOut.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('keeps text that only looks like one: a backslash and letters', async () => {
    const { body } = await fx.signUpSchouw({ needs: 'Bord met \\u0000 erop' });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  });

  it('answers an address with one as not found, not with a server error', async () => {
    const addresses = [`/exports/campaigns/%00/findings.csv`, `/exports/days/%00/hvc-ophaallijst.csv`, `/exports/days/%00/ophaallijst.csv`, `/exports/neighbourhoods/a%00/programme-results.csv`, '/media/%00'];
    for (const address of addresses) {
      const response = await fetch(`${fx.t.url}${address}`, { headers: fx.headers.coordinator });
      expect([address, response.status]).toEqual([address, 404]);
      expect((await response.json()).errors[0].extensions.code).toBe('NOT_FOUND');
    }
  });
});

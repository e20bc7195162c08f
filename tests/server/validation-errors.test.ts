/**
 * Validation errors as the console reads them: each names the input field it is about
 * (extensions.fields: a path from the argument or variable name, and a message) and says
 * in plain Dutch (B1) what to do, whether zod refused the value or graphql-js did before
 * any resolver ran. No library wording ("verwacht dat number", "Int cannot represent")
 * reaches a person. On a database file with the sync worker, as npm start runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';

const UPDATE = 'mutation($input: UpdateCampaignInput!) { updateCampaign(input: $input) { id } }';
const CREATE = 'mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }';
const SPOT = 'mutation($input: CreateSpotInput!) { createSpot(input: $input) { id } }';
const RENAME = 'mutation($streetId: ID!, $name: String!) { renameStreet(streetId: $streetId, name: $name) { id } }';

const libraryWords = /verwacht dat|string|number|int\b|cannot represent|variable|expected|received|invalid|<=|>=/i;

describe('validation errors name their field and speak plain Dutch', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture();
  });
  afterAll(() => fx?.t.close());

  const errorOf = async (query: string, variables: Record<string, unknown>) => {
    const { body } = await fx.query('coordinator', query, variables);
    expect(body.errors, JSON.stringify(body)).toHaveLength(1);
    const [error] = body.errors;
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    for (const text of [error.message, ...error.extensions.fields.map((f: { message: string }) => f.message)]) expect(text).not.toMatch(libraryWords);
    return error as { message: string; extensions: { fields: { path: string[]; message: string }[] } };
  };

  it('a target above the maximum: the field and how large it may be, written as people write numbers', async () => {
    const error = await errorOf(UPDATE, { input: { campaignId: fx.campaignA.id, targetAreaM2: 2_000_000 } });
    expect(error.extensions.fields).toEqual([{ path: ['input', 'targetAreaM2'], message: 'Vul een getal van hoogstens 1.000.000 in.' }]);
    expect(error.message).toBe('Vul een getal van hoogstens 1.000.000 in.');
  });

  it('a name that is too short without a message of its own gets a plain sentence', async () => {
    const error = await errorOf(UPDATE, { input: { campaignId: fx.campaignA.id, name: 'ab' } });
    expect(error.extensions.fields).toEqual([{ path: ['input', 'name'], message: 'Dit is te kort. Gebruik minstens 3 tekens.' }]);
  });

  it('errors in a list of days name the day and the field', async () => {
    const error = await errorOf(CREATE, {
      input: { neighbourhoodId: fx.neighbourhoodA, kind: 'TEGELWIPPEN', name: 'Tegelwippen 2031', days: [{ date: '2031-05-16' }, { date: '2031-05-17', label: 'x'.repeat(81) }] },
    });
    expect(error.extensions.fields).toEqual([{ path: ['input', 'days', '1', 'label'], message: 'Dit is te lang. Gebruik hoogstens 80 tekens.' }]);
  });

  it("a schema's own message is kept, and an argument's path starts at the argument", async () => {
    const error = await errorOf(RENAME, { streetId: fx.streetA, name: 'x' });
    expect(error.extensions.fields).toEqual([{ path: ['name'], message: 'Een straatnaam heeft minstens 2 tekens.' }]);
  });

  it('a latitude off the earth names the field', async () => {
    const error = await errorOf(SPOT, { input: { neighbourhoodId: fx.neighbourhoodA, streetId: fx.streetA, type: 'SPEELPLEK', name: 'Speeltuin', lat: 91, lon: 4.66 } });
    expect(error.extensions.fields).toEqual([{ path: ['input', 'lat'], message: 'Vul een getal van hoogstens 90 in.' }]);
  });

  it('values graphql-js refuses before validation (too large for Int, text for a number, an unknown choice, a missing field) get the same shape', async () => {
    const huge = await errorOf(UPDATE, { input: { campaignId: fx.campaignA.id, targetAreaM2: 20_000_000_000 } });
    expect(huge.extensions.fields).toEqual([{ path: ['input', 'targetAreaM2'], message: 'Dit getal is te groot.' }]);
    const text = await errorOf(UPDATE, { input: { campaignId: fx.campaignA.id, targetAreaM2: 'veel' } });
    expect(text.extensions.fields).toEqual([{ path: ['input', 'targetAreaM2'], message: 'Vul een heel getal in, zonder komma.' }]);
    const choice = await errorOf(SPOT, { input: { neighbourhoodId: fx.neighbourhoodA, streetId: fx.streetA, type: 'BANKJE', name: 'Bank' } });
    expect(choice.extensions.fields).toEqual([{ path: ['input', 'type'], message: 'Kies een van de mogelijkheden.' }]);
    const missing = await errorOf(SPOT, { input: { neighbourhoodId: fx.neighbourhoodA, streetId: fx.streetA, type: 'SPEELPLEK' } });
    expect(missing.extensions.fields).toEqual([{ path: ['input', 'name'], message: 'Vul dit in.' }]);
    const days = await errorOf(CREATE, { input: { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name: 'Schouw 2031', days: [{ date: 20310516 }] } });
    expect(days.extensions.fields[0]!.path).toEqual(['input', 'days', '0', 'date']);
  });
});

/**
 * The sign-up form and the server agree on what a house number is: one list of cases goes
 * through the form's check (web/src/lib/signup/signup-rules.ts) and through signUp on the
 * real server (a database file with the sync worker). The form once only asked for a
 * leading digit, so "0" or "012" passed on the phone and came back refused by the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupProblems, type SignupValues } from '$lib/signup/signup-rules';
import { signupFixture, type SignupFixture } from '../support/signup-fixture.js';

const TAKEN = ['1', '12', '12a', '12A', '12 a', '12-2', '12/3', '140 bis', '99999', '99999 abcdef', ' 7 '];
const REFUSED = ['0', '012', '0a', 'a12', 'hoek', '12--3', '12 a b', '12a!', '12 abcdefg', '1234567 bis'];

const garden = (houseNumber: string): SignupValues => ({
  dayIds: ['d'],
  displayName: 'Anna',
  contactConsent: false,
  contact: '',
  walkerKind: null,
  organisation: '',
  needs: '',
  streetId: 's',
  houseNumber,
  estimateUnit: 'M2',
  estimate: '',
});
const formTakes = (houseNumber: string) => signupProblems('TEGELWIPPEN', garden(houseNumber)).houseNumber === undefined;

describe('a house number, on the phone and on the server', () => {
  let fx: SignupFixture;
  beforeAll(async () => {
    fx = await signupFixture();
  }, 30_000);
  afterAll(() => fx?.t.close());

  const serverTakes = async (houseNumber: string) => {
    const { body } = await fx.signUpTegelwip({ houseNumber });
    const fields: { path: string[] }[] = body.errors?.[0]?.extensions?.fields ?? [];
    if (body.errors && !fields.length) throw new Error(`unexpected answer: ${JSON.stringify(body.errors)}`);
    return !fields.some((f) => f.path.join('.') === 'input.houseNumber');
  };

  it('the form takes what the server takes', async () => {
    for (const houseNumber of TAKEN) {
      expect({ houseNumber, form: formTakes(houseNumber), server: await serverTakes(houseNumber) }).toEqual({ houseNumber, form: true, server: true });
    }
  });

  it('the form refuses what the server refuses, before anything is sent', async () => {
    for (const houseNumber of REFUSED) {
      expect({ houseNumber, form: formTakes(houseNumber), server: await serverTakes(houseNumber) }).toEqual({ houseNumber, form: false, server: false });
    }
  });
});

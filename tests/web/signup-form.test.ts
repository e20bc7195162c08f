/**
 * The sign-up form's state and rules: each kind asks its own questions and sends only
 * those (the rest null, as the server wants), the phone's check uses the server's limits
 * and says next to which field what to change, a fixed field loses its message while
 * typing, and a server refusal lands next to the field it names.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SIGNUP_ESTIMATE_M2_MAX, SIGNUP_NAME_MAX, SIGNUP_NEEDS_MAX } from '@buurtkracht/protocol/input-limits';
import { GraphQLRequestError } from '$lib/graphql/client';
import type { MySignup } from '$lib/graphql/signup-operations';
import { i18n } from '$lib/i18n/i18n.svelte';
import { enSignup } from '$lib/i18n/en-signup';
import { nlSignup, signupSection } from '$lib/i18n/nl-signup';
import { SignupFormState } from '$lib/signup/signup-form.svelte';
import { signupProblems, wholeNumber, type SignupValues } from '$lib/signup/signup-rules';

beforeAll(() => i18n.need(signupSection));

const blank: SignupValues = {
  dayIds: [],
  displayName: '',
  contactConsent: false,
  contact: '',
  walkerKind: null,
  organisation: '',
  needs: '',
  streetId: '',
  houseNumber: '',
  estimateUnit: 'M2',
  estimate: '',
};
const keys = (problems: object) => Object.keys(problems).sort();

function filledTegelwip(): SignupFormState {
  const form = new SignupFormState('TEGELWIPPEN');
  form.setDay('day-1', true);
  form.streetId = 'street-1';
  form.houseNumber = ' 12a ';
  form.estimate = '14';
  form.displayName = ' Anna ';
  return form;
}

describe('signup rules', () => {
  it('a tegelwip sign-up needs a day, the street, a house number and a name; an estimate may stay empty', () => {
    expect(keys(signupProblems('TEGELWIPPEN', blank))).toEqual(['dayIds', 'displayName', 'houseNumber', 'streetId']);
    expect(signupProblems('TEGELWIPPEN', { ...blank, dayIds: ['d'], streetId: 's', houseNumber: '12-2', displayName: 'Anna' })).toEqual({});
  });

  it('a schouw sign-up asks resident or professional, and the organisation only of a professional', () => {
    expect(keys(signupProblems('SCHOUW', { ...blank, dayIds: ['d'], displayName: 'Bo' }))).toEqual(['walkerKind']);
    expect(signupProblems('SCHOUW', { ...blank, dayIds: ['d'], displayName: 'Bo', walkerKind: 'RESIDENT' })).toEqual({});
    expect(signupProblems('SCHOUW', { ...blank, dayIds: ['d'], displayName: 'Bo', walkerKind: 'PROFESSIONAL' }).organisation?.key).toBe('signup.organisationMissing');
    // The garden's questions are no part of a walk.
    expect(signupProblems('SCHOUW', { ...blank, dayIds: ['d'], displayName: 'Bo', walkerKind: 'RESIDENT', houseNumber: 'x' })).toEqual({});
  });

  it('a clean-up sign-up names a garden as tegelwippen does, without an estimate of tiles', () => {
    expect(keys(signupProblems('OPRUIMEN', blank))).toEqual(['dayIds', 'displayName', 'houseNumber', 'streetId']);
    // An estimate left in the form from nowhere is not asked, so not checked either.
    expect(signupProblems('OPRUIMEN', { ...blank, dayIds: ['d'], streetId: 's', houseNumber: '3', displayName: 'Anna', estimate: 'veel' })).toEqual({});
    const form = new SignupFormState('OPRUIMEN');
    form.setDay('day-1', true);
    form.streetId = 'street-1';
    form.houseNumber = ' 3 ';
    form.estimate = '14';
    form.displayName = 'Anna';
    form.setToolQuantity('grijper', 1);
    form.wantsPickup = true;
    expect(form.changes()).toMatchObject({ streetId: 'street-1', houseNumber: '3', estimateM2: null, estimateTiles: null, tools: [{ toolId: 'grijper', quantity: 1 }], wantsHelp: false, wantsPickup: true, walkerKind: null });
  });

  it('holds the server limits (protocol/input-limits)', () => {
    const base = { ...blank, dayIds: ['d'], streetId: 's', houseNumber: '1' };
    expect(signupProblems('TEGELWIPPEN', { ...base, displayName: 'a'.repeat(SIGNUP_NAME_MAX) })).toEqual({});
    expect(signupProblems('TEGELWIPPEN', { ...base, displayName: 'a'.repeat(SIGNUP_NAME_MAX + 1) }).displayName).toEqual({ key: 'signup.tooLong', params: { max: SIGNUP_NAME_MAX } });
    const walk = { ...blank, dayIds: ['d'], displayName: 'Bo', walkerKind: 'RESIDENT' as const };
    expect(signupProblems('SCHOUW', { ...walk, needs: 'x'.repeat(SIGNUP_NEEDS_MAX + 1) }).needs?.key).toBe('signup.tooLong');
    const garden = { ...base, displayName: 'Anna' };
    expect(signupProblems('TEGELWIPPEN', { ...garden, estimate: String(SIGNUP_ESTIMATE_M2_MAX) })).toEqual({});
    expect(signupProblems('TEGELWIPPEN', { ...garden, estimate: String(SIGNUP_ESTIMATE_M2_MAX + 1) }).estimateM2?.key).toBe('signup.estimateM2Invalid');
    expect(signupProblems('TEGELWIPPEN', { ...garden, estimate: '1500', estimateUnit: 'TILES' })).toEqual({});
    expect(signupProblems('TEGELWIPPEN', { ...garden, estimate: '0', estimateUnit: 'TILES' }).estimateTiles?.key).toBe('signup.estimateTilesInvalid');
    expect(signupProblems('TEGELWIPPEN', { ...garden, estimate: '2,5' }).estimateM2?.key).toBe('signup.estimateM2Invalid');
    expect(signupProblems('TEGELWIPPEN', { ...garden, houseNumber: 'twaalf' }).houseNumber?.key).toBe('signup.houseNumberInvalid');
  });

  it('wants a contact detail only with consent, and one that looks like an e-mail address or phone number', () => {
    const base = { ...blank, dayIds: ['d'], streetId: 's', houseNumber: '1', displayName: 'Anna' };
    expect(signupProblems('TEGELWIPPEN', { ...base, contact: 'anna' })).toEqual({});
    expect(signupProblems('TEGELWIPPEN', { ...base, contactConsent: true }).contact?.key).toBe('signup.contactMissing');
    expect(signupProblems('TEGELWIPPEN', { ...base, contactConsent: true, contact: 'anna' }).contact?.key).toBe('signup.contactInvalid');
    expect(signupProblems('TEGELWIPPEN', { ...base, contactConsent: true, contact: '06-12345678' })).toEqual({});
  });

  it('reads whole numbers only', () => {
    expect(wholeNumber(' 12 ')).toBe(12);
    for (const text of ['', '1.5', '-3', '12m', '1e3']) expect(wholeNumber(text), text).toBeNull();
  });
});

describe('SignupFormState', () => {
  it('sends a tegelwip sign-up with only the garden questions, trimmed, tools asked for, and the honeypot as left', () => {
    const form = filledTegelwip();
    form.setToolQuantity('lichter', 2);
    form.setToolQuantity('kruiwagen', 1);
    form.setToolQuantity('bigbag', 1);
    form.setToolQuantity('kruiwagen', 0);
    form.wantsPickup = true;
    form.contact = 'not sent without consent';
    expect(form.signUpInput('campaign-1')).toEqual({
      campaignId: 'campaign-1',
      dayIds: ['day-1'],
      displayName: 'Anna',
      contactConsent: false,
      contact: null,
      walkerKind: null,
      organisation: null,
      needs: null,
      streetId: 'street-1',
      houseNumber: '12a',
      estimateM2: 14,
      estimateTiles: null,
      tools: [
        { toolId: 'lichter', quantity: 2 },
        { toolId: 'bigbag', quantity: 1 },
      ],
      wantsHelp: false,
      wantsPickup: true,
      website: null,
    });
    form.estimateUnit = 'TILES';
    form.website = 'https://spam.example';
    expect(form.signUpInput('campaign-1')).toMatchObject({ estimateM2: null, estimateTiles: 14, website: 'https://spam.example' });
  });

  it('sends a schouw sign-up with its own questions and nulls for the garden', () => {
    const form = new SignupFormState('SCHOUW');
    form.setDay('walk-1', true);
    form.setDay('walk-2', true);
    form.setDay('walk-1', false);
    form.displayName = 'Bo';
    form.walkerKind = 'PROFESSIONAL';
    form.organisation = ' Woonstede ';
    form.needs = 'Ik loop met een rollator';
    form.streetId = 'left-over';
    expect(form.changes()).toMatchObject({
      dayIds: ['walk-2'],
      walkerKind: 'PROFESSIONAL',
      organisation: 'Woonstede',
      needs: 'Ik loop met een rollator',
      streetId: null,
      houseNumber: null,
      tools: null,
      wantsHelp: null,
      wantsPickup: null,
    });
    form.walkerKind = 'RESIDENT';
    expect(form.changes().organisation).toBeNull();
  });

  it('shows what is missing in form order, and drops a message as soon as the field is fixed', () => {
    const form = new SignupFormState('TEGELWIPPEN');
    form.recheck();
    expect(form.shownProblems).toEqual([]);
    expect(form.check()).toBe(false);
    expect(form.shownProblems.map((p) => p.field)).toEqual(['dayIds', 'streetId', 'houseNumber', 'displayName']);
    expect(form.errors.message('houseNumber')).toBe(nlSignup['signup.houseNumberMissing']);
    expect(form.errors.attrs('houseNumber', 'help')).toEqual({ 'aria-invalid': 'true', 'aria-describedby': 'signup-fout-houseNumber help' });
    form.houseNumber = '7';
    form.recheck();
    expect(form.errors.message('houseNumber')).toBeUndefined();
    expect(form.shownProblems.map((p) => p.field)).toEqual(['dayIds', 'streetId', 'displayName']);
  });

  it('puts the server’s field messages next to their fields and keeps them while the person types', () => {
    const form = filledTegelwip();
    expect(form.check()).toBe(true);
    const refusal = new GraphQLRequestError('Dit huisnummer kennen we niet.', 'BAD_USER_INPUT', 200, [
      { path: ['input', 'houseNumber'], message: 'Dit huisnummer kennen we niet.' },
      { path: ['input', 'tools', '1', 'quantity'], message: 'Kies hoogstens 10.' },
    ]);
    expect(form.refused(refusal)).toBeNull();
    expect(form.shownProblems).toEqual([
      { field: 'houseNumber', message: 'Dit huisnummer kennen we niet.' },
      { field: 'tools', message: 'Kies hoogstens 10.' },
    ]);
    form.recheck();
    expect(form.errors.message('houseNumber')).toBe('Dit huisnummer kennen we niet.');
    // What belongs to no field goes to the banner.
    expect(form.refused(new GraphQLRequestError('Je hebt je al aangemeld.', 'CONFLICT', 200))).toBe('Je hebt je al aangemeld.');
  });

  it('starts from the sign-up when it changes one', () => {
    const current = {
      id: 's1', campaignId: 'c1', campaignName: 'Tegelwippen', kind: 'TEGELWIPPEN',
      days: [{ day: { id: 'day-2', date: '2026-03-21', label: null, full: true }, status: 'WAITING', waitingPosition: 2 }],
      displayName: 'Anna', contact: 'anna@example.nl', contactConsent: true,
      walkerKind: null, organisation: null, needs: null,
      street: { id: 'street-1', name: 'Lindelaan' }, houseNumber: '12a', estimateM2: null, estimateTiles: 300,
      tools: [{ tool: { id: 'lichter', name: 'tegellichter' }, quantity: 2 }],
      wantsHelp: true, wantsPickup: false, cancelledAt: null, joined: false,
    } satisfies MySignup;
    const form = new SignupFormState('TEGELWIPPEN', current);
    expect(form.changes()).toEqual({
      dayIds: ['day-2'], displayName: 'Anna', contactConsent: true, contact: 'anna@example.nl',
      walkerKind: null, organisation: null, needs: null,
      streetId: 'street-1', houseNumber: '12a', estimateM2: null, estimateTiles: 300,
      tools: [{ toolId: 'lichter', quantity: 2 }], wantsHelp: true, wantsPickup: false,
    });
    expect(form.estimateUnit).toBe('TILES');
  });
});

describe('signup words', () => {
  it('has English for every Dutch key, with the same placeholders', () => {
    expect(Object.keys(enSignup).sort()).toEqual(Object.keys(nlSignup).sort());
    for (const [key, text] of Object.entries(nlSignup)) {
      expect(enSignup[key as keyof typeof nlSignup].match(/\{\w+\}/g) ?? [], key).toEqual(text.match(/\{\w+\}/g) ?? []);
    }
  });
  it('says in words that a full date puts you on the waiting list', () => {
    expect(nlSignup['signup.day.full']).toBe('Vol — je komt op de wachtlijst');
  });
});

/**
 * The honeypot of the sign-up form is a field no browser fills in for a person: its name,
 * id and label match none of the words browsers' autofill looks for. A field named
 * "website" was filled in by autofill, and that person got a receipt for a sign-up the
 * server never stored. It stays off screen, hidden from screen readers and out of the tab
 * order; only a new sign-up has it.
 */
import { render } from 'svelte/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MySignup, SignupFormData } from '$lib/graphql/signup-operations';
import { i18n } from '$lib/i18n/i18n.svelte';
import { signupSection } from '$lib/i18n/nl-signup';
import SignupForm from '$lib/signup/SignupForm.svelte';
import { SignupFormState } from '$lib/signup/signup-form.svelte';

beforeAll(() => i18n.need(signupSection));

/**
 * The HTML autocomplete tokens people's data goes into, and the words (English and Dutch)
 * browsers' autofill heuristics match in a field's name, id or label.
 */
const AUTOFILL_WORDS = [
  'name', 'naam', 'nickname', 'username', 'user', 'login', 'password', 'wachtwoord', 'email', 'mail', 'tel', 'phone', 'telefoon', 'mobiel', 'mobile',
  'url', 'website', 'site', 'web', 'homepage', 'home', 'www', 'http', 'company', 'organization', 'organisation', 'organisatie', 'bedrijf', 'firm',
  'address', 'adres', 'street', 'straat', 'huisnummer', 'line', 'postal', 'postcode', 'zip', 'city', 'plaats', 'country', 'land', 'region', 'state',
  'bday', 'birth', 'geboorte', 'sex', 'gender', 'title', 'cc-', 'card', 'kaart', 'photo', 'impp', 'language',
];

const data: SignupFormData = {
  campaignId: 'c1',
  campaignName: 'Tegelwippen Lindenbuurt',
  kind: 'TEGELWIPPEN',
  neighbourhoodName: 'Lindenbuurt',
  days: [{ id: 'd1', date: '2027-04-10', label: null, full: false }],
  streets: [{ id: 's1', name: 'Lindelaan' }],
  tools: [],
};

function formHtml(current?: MySignup): string {
  const props = { data, form: new SignupFormState('TEGELWIPPEN'), submitLabel: 'Aanmelden', busyLabel: 'Bezig', send: async () => {}, ...(current ? { current } : {}) };
  return render(SignupForm, { props }).body;
}

const attr = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1] ?? null;

describe('the honeypot of the sign-up form', () => {
  it('has a name, id and label that no autofill knows, and asks the browser not to fill it', () => {
    const html = formHtml();
    const block = html.match(/<div class="honeypot[^"]*" aria-hidden="true">([\s\S]*?)<\/div>/)?.[1];
    expect(block, 'the honeypot block, hidden from screen readers').toBeDefined();
    const input = block!.match(/<input[^>]*>/)![0];
    const label = block!.match(/<label[^>]*>([\s\S]*?)<\/label>/)!;
    const id = attr(input, 'id')!;
    expect(attr(label[0], 'for')).toBe(id);
    expect(attr(input, 'tabindex')).toBe('-1');
    expect(attr(input, 'autocomplete')).toBe('off');

    const said = { name: attr(input, 'name')!.toLowerCase(), id: id.toLowerCase(), label: label[1]!.replace(/<[^>]*>/g, '').trim().toLowerCase() };
    expect(said.name).not.toBe('');
    for (const [where, text] of Object.entries(said)) {
      expect(AUTOFILL_WORDS.filter((word) => text.includes(word)), `${where} "${text}"`).toEqual([]);
    }
  });

  it('is not there when a person changes their sign-up', () => {
    const current = { id: 'x', days: [] } as unknown as MySignup;
    expect(formHtml()).toContain('class="honeypot');
    expect(formHtml(current)).not.toContain('class="honeypot');
  });
});

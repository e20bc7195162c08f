/// <reference lib="dom" />
/**
 * The public sign-up, in real Chromium at 390×844: the poster's link opens the form of
 * the tegelwip action in a plain phone browser; a missing house number is said next to
 * its field and in a summary at the top that has the focus; the sign-up is confirmed on
 * a personal page whose secret is only in the URL fragment, with a QR code of that link.
 * Reloading the link shows the sign-up and lets you change a date; a full date puts you
 * on its waiting list; a second sign-up is cancelled after a confirmation. On the day,
 * another phone opens the link and *Meedoen in de app* lands on the counter without
 * asking the name; the start screen then shows the activity. A schouw walker says
 * whether they come as a resident or for an organisation.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot } from './support/screens.js';
import { gqlAt } from './support/staff-api.js';
import { useDemoApp } from './support/demo-app.js';
import { readQrCode } from './support/qr-code.js';

describe('public sign-up (Chromium, 390×844)', () => {
  const app = useDemoApp('buurtkracht-signup-');
  const days = { first: '', second: '' };
  /** Every URL the phones asked the server for: the secret must be in none of them. */
  const requested: string[] = [];

  const staff = async (query: string, variables: object) => {
    const { body } = await gqlAt(app.server.url, query, variables, { cookie: app.coordinator.cookie });
    expect(body.errors, query).toBeUndefined();
    return body.data;
  };

  async function phone(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await app.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
    context.on('request', (request) => requested.push(request.url(), request.headers()['referer'] ?? ''));
    return { context, page: await context.newPage() };
  }

  beforeAll(async () => {
    const id = app.coordinator.tegelwippen.id;
    await staff('mutation($id: ID!) { setSignupOpen(campaignId: $id, open: true) { id signupOpen } }', { id });
    const { campaign } = await staff('query($id: ID!) { campaign(id: $id) { days { id date label } } }', { id });
    const sorted = [...campaign.days].sort((a: any, b: any) => a.date.localeCompare(b.date));
    days.first = sorted[0].id;
    days.second = sorted[1].id;
    // The second action day takes one person, and somebody signed up for it already.
    await staff('mutation($id: ID!) { setCampaignDayCapacity(dayId: $id, capacity: 1) { id } }', { id: days.second });
    const { body } = await gqlAt(app.server.url, 'query($id: ID!) { signupForm(campaignId: $id) { streets { id } } }', { id });
    const early = await gqlAt(app.server.url, 'mutation($input: SignUpInput!) { signUp(input: $input) { token } }', {
      input: { campaignId: id, dayIds: [days.second], displayName: 'Vroege vogel', contactConsent: false, streetId: body.data.signupForm.streets[0].id, houseNumber: '1' },
    });
    expect(early.body.errors).toBeUndefined();
  });

  it('signs up for the tegelwip action, is told next to the field what is missing, and keeps a personal link', async () => {
    const { context, page } = await phone();
    await page.goto(`${app.server.url}/aanmelden/${app.coordinator.tegelwippen.id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(app.coordinator.tegelwippen.name);
    expect(await page.getByText('Tegelwippen · Buurt:').count()).toBe(1);

    // The dates in words; the full one says so in words, not only by colour.
    const second = page.getByRole('checkbox', { name: /Tweede actiedag/ });
    expect(await page.getByRole('checkbox', { name: /Eerste actiedag/ }).getAttribute('aria-describedby')).not.toContain('day-note');
    expect(await page.locator('label', { has: second }).textContent()).toContain('Vol — je komt op de wachtlijst');
    expect(await page.locator('label', { has: page.getByRole('checkbox', { name: /Eerste actiedag/ }) }).textContent()).toMatch(/^\s*(ma|di|wo|do|vr|za|zo) \d{1,2} [a-z]+/);

    // The honeypot: in the form for bots, not for people or screen readers.
    const honeypot = page.locator('#signup-notitie');
    expect(await honeypot.getAttribute('tabindex')).toBe('-1');
    expect(await honeypot.getAttribute('autocomplete')).toBe('off');
    expect(await page.locator('.honeypot').getAttribute('aria-hidden')).toBe('true');
    expect((await honeypot.boundingBox())?.x ?? 0).toBeLessThan(0);
    expect(await page.getByRole('textbox', { name: 'Laat dit veld leeg' }).count()).toBe(0);

    await page.getByRole('checkbox', { name: /Eerste actiedag/ }).check();
    await page.getByLabel('Straat').selectOption({ index: 1 });
    await page.getByLabel('Aantal m²').fill('12');
    await page.getByLabel('Tegellichter', { exact: false }).first().selectOption('1');
    await page.getByRole('checkbox', { name: 'Ik wil hulp bij het wippen' }).check();
    await page.getByRole('checkbox', { name: 'De tegels mogen worden opgehaald' }).check();
    await page.getByLabel('Je naam').fill('Anna');
    await page.getByRole('checkbox', { name: /bericht sturen over deze aanmelding/ }).check();
    await page.getByLabel('E-mailadres of telefoonnummer').fill('anna@example.nl');
    await screenshot(page, 'signup-form');
    await expectAccessible(page, 'signup-form');

    // Without a house number nothing is sent: the summary has the focus and links to the field.
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    const summary = page.getByTestId('error-summary');
    await expect.poll(() => summary.textContent()).toContain('Vul je huisnummer in');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('error-summary');
    const house = page.getByLabel('Huisnummer');
    expect(await house.getAttribute('aria-invalid')).toBe('true');
    const described = (await house.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`#${described.split(' ')[0]}`).textContent()).toContain('Vul je huisnummer in');
    await screenshot(page, 'signup-form-problem');
    await expectAccessible(page, 'signup-form-problem');
    await summary.getByRole('link', { name: /Vul je huisnummer in/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('signup-house-number');
    await house.fill('12a');
    expect(await summary.count()).toBe(0);
    expect(page.url()).toContain('/aanmelden/');

    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.waitForURL(/\/aanmelding#/);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Gelukt! Je bent aangemeld.' }).count()).toBe(1);
    const myDays = page.getByTestId('my-days');
    expect(await myDays.textContent()).toContain('bevestigd');
    expect(await page.locator('dl').textContent()).toContain('12a');
    const link = await page.getByRole('textbox', { name: 'Je persoonlijke link' }).inputValue();
    const url = new URL(link);
    expect(url.pathname).toBe('/aanmelding');
    expect(url.search).toBe('');
    expect(url.hash.length).toBeGreaterThan(16);
    expect(page.url()).toBe(link);
    expect(await readQrCode(page)).toBe(link);
    await screenshot(page, 'signup-confirmation');
    await expectAccessible(page, 'signup-confirmation');

    // Reloaded from the bookmark: the sign-up is there; adding the full date puts you on its waiting list.
    await page.reload();
    await expect.poll(() => myDays.textContent()).toContain('bevestigd');
    expect(await page.getByText('Gelukt!').count()).toBe(0);
    // The skip link jumps to #inhoud; the address gets the secret back, so a later reload still works.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toBe(link);
    expect(await myDays.count()).toBe(1);
    await page.getByRole('button', { name: 'Aanmelding aanpassen' }).click();
    await expect.poll(() => page.getByRole('checkbox', { name: /Eerste actiedag/ }).isChecked()).toBe(true);
    expect(await page.getByLabel('Huisnummer').inputValue()).toBe('12a');
    expect(await page.locator('label', { has: page.getByRole('checkbox', { name: /Eerste actiedag/ }) }).textContent()).toContain('Je bent aangemeld');
    await page.getByRole('checkbox', { name: /Tweede actiedag/ }).check();
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Je wijzigingen zijn opgeslagen.' }).count()).toBe(1);
    await expect.poll(() => myDays.locator('li').count()).toBe(2);
    expect(await myDays.locator('li', { hasText: 'Tweede actiedag' }).textContent()).toMatch(/op de wachtlijst, plek \d+/);
    expect(await myDays.locator('li', { hasText: 'Eerste actiedag' }).textContent()).toContain('bevestigd');

    // And a date can go again.
    await page.getByRole('button', { name: 'Aanmelding aanpassen' }).click();
    await page.getByRole('checkbox', { name: /Eerste actiedag/ }).uncheck();
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await expect.poll(() => myDays.locator('li').count()).toBe(1);
    expect(await myDays.textContent()).toContain('Tweede actiedag');
    await expectAccessible(page, 'signup-waiting');

    // The secret never left the browser in a URL or a Referer header.
    const secret = url.hash.slice(1);
    expect(requested.filter((u) => u.includes(secret))).toEqual([]);
    await context.close();

    // On the day: another phone scans the QR code, taps Meedoen in de app, lands on the counter.
    const other = await phone();
    await other.page.goto(link);
    await other.page.getByRole('button', { name: 'Meedoen in de app' }).click();
    await other.page.waitForURL(`${app.server.url}/tellen`);
    expect(await other.page.getByLabel('Jouw naam in de app').count()).toBe(0);
    await other.page.goto(app.server.url);
    const activities = other.page.getByRole('region', { name: 'Mijn activiteiten' });
    await expect.poll(() => activities.getByTestId('activity').count()).toBe(1);
    expect(await activities.textContent()).toContain(app.coordinator.tegelwippen.name);
    expect(await activities.textContent()).toContain('Anna');
    // Back on the personal page, this phone already takes part.
    await other.page.goto(link);
    await expect.poll(() => other.page.getByText('Je doet op deze telefoon al mee.').count()).toBe(1);
    await other.context.close();
  });

  it('cancels a second sign-up only after saying what that means', async () => {
    const { context, page } = await phone();
    await page.goto(`${app.server.url}/aanmelden/${app.coordinator.tegelwippen.id}`);
    await page.getByRole('checkbox', { name: /Eerste actiedag/ }).check();
    await page.getByLabel('Straat').selectOption({ index: 2 });
    await page.getByLabel('Huisnummer').fill('3');
    await page.getByLabel('Je naam').fill('Bram');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.waitForURL(/\/aanmelding#/);
    await expect.poll(() => page.getByTestId('my-days').textContent()).toContain('bevestigd');

    await page.getByRole('button', { name: 'Afzeggen' }).click();
    const question = page.getByText('Weet je het zeker?');
    await expect.poll(() => question.count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('cancel-question');
    await page.getByRole('button', { name: 'Nee, ik kom toch' }).click();
    expect(await page.getByTestId('my-days').textContent()).toContain('bevestigd');
    await page.getByRole('button', { name: 'Afzeggen' }).click();
    await page.getByRole('button', { name: 'Ja, ik zeg af' }).click();
    await expect.poll(() => page.getByText('Je hebt je afgemeld.').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Meedoen in de app' }).count()).toBe(0);
    await page.reload();
    await expect.poll(() => page.getByText('Je hebt je afgemeld.').count()).toBe(1);
    await expectAccessible(page, 'signup-cancelled');
    await context.close();
  });

  it('asks a schouw walker resident or organisation, and what helps them take part', async () => {
    const id = app.coordinator.schouw.id;
    await staff('mutation($id: ID!) { setSignupOpen(campaignId: $id, open: true) { id } }', { id });
    const { context, page } = await phone();
    await page.goto(`${app.server.url}/aanmelden/${id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(app.coordinator.schouw.name);
    expect(await page.getByLabel('Huisnummer').count()).toBe(0);
    expect(await page.getByLabel('Naam van je organisatie').count()).toBe(0);
    await page.getByRole('checkbox', { name: /Schouwwandeling/ }).first().check();
    await page.getByRole('radio', { name: 'Ik kom namens een organisatie' }).check();
    await page.getByLabel('Je naam').fill('Femke');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await expect.poll(() => page.getByTestId('error-summary').textContent()).toContain('Vul de naam van je organisatie in.');
    const organisation = page.getByLabel('Naam van je organisatie');
    expect(await organisation.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'signup-schouw-problem');
    await organisation.fill('Woonstede');
    await page.getByLabel('Wat helpt jou om mee te doen?').fill('Ik kan niet ver lopen.');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.waitForURL(/\/aanmelding#/);
    const details = page.locator('dl');
    await expect.poll(() => details.textContent()).toContain('namens Woonstede');
    expect(await details.textContent()).toContain('Ik kan niet ver lopen.');
    // A walk has no ranking: joining asks nothing.
    expect(await page.getByLabel('Mijn naam mag in de ranglijst staan').count()).toBe(0);
    await context.close();
  });

  it('says so when the link misses its secret, without asking the server', async () => {
    const { context, page } = await phone();
    const asked: string[] = [];
    page.on('request', (request) => asked.push(request.postData() ?? ''));
    await page.goto(`${app.server.url}/aanmelding`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Deze link is niet compleet');
    // A cut-off secret is no secret either; neither costs a failed lookup that counts against the IP.
    await page.goto('about:blank');
    await page.goto(`${app.server.url}/aanmelding#abc`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Deze link is niet compleet');
    expect(asked.filter((body) => body.includes('mySignup'))).toEqual([]);
    await context.close();
  });
});

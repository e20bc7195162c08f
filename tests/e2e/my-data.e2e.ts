/// <reference lib="dom" />
/**
 * Mijn gegevens in real Chromium on a 390×844 phone with two activities: what the server
 * keeps per activity (asked with that activity's token), a Dutch field error next to the
 * field, withdrawing contact consent and the name in the ranking (saved on the server and
 * shown), what the phone itself knows without internet, erasing refused while work is
 * unsent, and then erasing one activity: gone from the phone, erased on the server, its
 * counts kept under the pseudonym, the other activity untouched.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshot } from './support/screens.js';
import { gqlAt } from './support/staff-api.js';
import { useDemoApp } from './support/demo-app.js';

const PARTICIPANTS = 'query($id: ID!) { campaign(id: $id) { participants(first: 100) { edges { node { displayName contact contactConsentAt showNameInRankings pseudonym erasedAt } } } } }';

describe('Mijn gegevens (Chromium, 390×844)', () => {
  const app = useDemoApp('buurtkracht-my-data-');

  /** The participants of an activity as its coordinator sees them (only Fatima joined these). */
  const fatimaOn = async (campaignId: string) => {
    const { body } = await gqlAt(app.server.url, PARTICIPANTS, { id: campaignId }, { cookie: app.coordinator.cookie });
    const all = body.data.campaign.participants.edges.map((e: any) => e.node);
    expect(all).toHaveLength(1);
    return all[0];
  };

  /** A link of the menu at the bottom of every field screen. */
  const menu = (page: Page, name: string) => page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name, exact: true });

  async function join(page: Page, campaignId: string, extra: (page: Page) => Promise<void>) {
    await page.goto(`${app.server.url}/meedoen/${await app.coordinator.invite(campaignId)}`);
    await page.getByLabel('Jouw naam in de app').fill('Fatima');
    await extra(page);
    await page.getByRole('button', { name: 'Meedoen' }).click();
  }

  it('shows what is stored, changes consent, and erases one activity from the phone and the server', async () => {
    // Service workers off: the test holds back sync requests, which the page itself must see.
    const phone = await app.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL', serviceWorkers: 'block' });
    let holdSync = false;
    await phone.route('**/graphql', (route) => (holdSync && route.request().postData()?.includes('mutation Sync') ? route.abort('internetdisconnected') : route.continue()));
    const page = await phone.newPage();

    await join(page, app.coordinator.schouw.id, async () => undefined);
    await page.waitForURL(`${app.server.url}/schouw`);
    await join(page, app.coordinator.tegelwippen.id, async (p) => {
      await p.getByLabel('Mijn naam mag in de ranglijst staan').check();
      await p.getByLabel('Ik wil horen wat er met mijn meldingen gebeurt').check();
      await p.getByLabel('E-mailadres of telefoonnummer').fill('fatima@example.org');
    });
    await page.waitForURL(`${app.server.url}/tellen`);
    await page.getByLabel(/^Straat/).selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Begin met tellen' }).click();
    await page.getByTestId('add-TEGEL_30X30').click();
    await page.getByTestId('add-TEGEL_30X30').click();
    await expect.poll(async () => (await app.coordinator.dashboard(app.coordinator.tegelwippen.id)).total.entries, { timeout: 30_000 }).toBe(2);

    // From the menu at the bottom of every screen.
    await menu(page, 'Mijn gegevens').click();
    await page.waitForURL(`${app.server.url}/mijn-gegevens`);
    const cards = page.getByTestId('my-data-card');
    await expect.poll(() => cards.count()).toBe(2);
    const tegel = cards.filter({ hasText: app.coordinator.tegelwippen.name });
    const schouw = cards.filter({ hasText: app.coordinator.schouw.name });
    await expect.poll(() => tegel.getByTestId('stored-contact').textContent()).toBe('fatima@example.org');
    expect(await tegel.getByTestId('stored-consent').textContent()).toMatch(/^Ja, sinds \d{1,2} [a-z]+ \d{4}$/);
    expect(await tegel.getByTestId('stored-ranking').textContent()).toBe('Ja');
    const pseudonym = (await fatimaOn(app.coordinator.tegelwippen.id)).pseudonym as string;
    expect(await tegel.getByTestId('stored-data').textContent()).toContain(pseudonym);
    await expect.poll(() => schouw.getByTestId('stored-contact').textContent()).toBe('Geen');
    expect(await schouw.getByTestId('stored-consent').textContent()).toBe('Nee');
    expect(await schouw.getByTestId('stored-ranking').count()).toBe(0);
    await screenshot(page, 'my-data');
    await expectAccessible(page, 'my-data');

    // The tick without contact details: the sentence stands next to the field, which gets the focus.
    await tegel.getByRole('button', { name: 'Toestemming wijzigen' }).click();
    const form = tegel.getByTestId('consent-form');
    const contact = form.getByLabel('E-mailadres of telefoonnummer');
    await contact.fill('');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => form.getByText('Vul je e-mailadres of telefoonnummer in. Of haal het vinkje weg.').count()).toBe(1);
    expect(await contact.getAttribute('aria-invalid')).toBe('true');
    expect(await contact.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'my-data-consent-error');
    await expectAccessible(page, 'my-data-consent-error');

    // Withdrawn: contact consent and the name in the ranking.
    await form.getByLabel('Het Buurtkracht-team mag contact met me opnemen over mijn meldingen').uncheck();
    expect(await form.getByText('Zonder vinkje wissen we je contactgegevens.').count()).toBe(1);
    await form.getByLabel('Mijn naam mag in de ranglijst staan').uncheck();
    await screenshot(page, 'my-data-consent');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => tegel.getByRole('status').textContent()).toContain('Opgeslagen.');
    expect(await tegel.getByTestId('stored-contact').textContent()).toBe('Geen');
    expect(await tegel.getByTestId('stored-consent').textContent()).toBe('Nee');
    expect(await tegel.getByTestId('stored-ranking').textContent()).toBe('Nee, daar staat je schuilnaam');
    expect(await fatimaOn(app.coordinator.tegelwippen.id)).toMatchObject({ displayName: 'Fatima', contact: null, contactConsentAt: null, showNameInRankings: false });
    expect((await app.coordinator.dashboard(app.coordinator.tegelwippen.id)).topParticipants.map((p: any) => p.name)).toEqual([pseudonym]);
    await screenshot(page, 'my-data-saved');

    // Without internet: what the phone knows, and that the rest needs a connection.
    await menu(page, 'Start').click();
    // The start screen is there before the network goes: a half-done navigation offline
    // (without a service worker here) would be a different test.
    await page.waitForURL(`${app.server.url}/`);
    await page.getByTestId('connection-detail').waitFor();
    await phone.setOffline(true);
    await menu(page, 'Mijn gegevens').click();
    await expect.poll(() => page.getByTestId('my-data-offline').count()).toBe(1);
    await expect.poll(() => tegel.getByTestId('stored-online-only').textContent()).toBe('Je contactgegevens en je toestemming zie je alleen met internet.');
    expect(await tegel.getByTestId('stored-contact').count()).toBe(0);
    expect(await tegel.getByTestId('stored-data').textContent()).toContain('Fatima');
    expect(await tegel.getByRole('button', { name: 'Verwijder mijn gegevens' }).count()).toBe(0);
    await screenshot(page, 'my-data-offline');
    await expectAccessible(page, 'my-data-offline');
    await phone.setOffline(false);
    await expect.poll(() => tegel.getByTestId('stored-contact').textContent()).toBe('Geen');

    // Work that has not reached the server: erasing waits for it.
    holdSync = true;
    await menu(page, 'Tegels tellen').click();
    await page.getByTestId('add-TEGEL_30X30').click();
    await expect.poll(() => page.getByTestId('street-total').textContent()).toBe('0,27 m²');
    await menu(page, 'Mijn gegevens').click();
    await expect.poll(() => tegel.getByTestId('delete-unsent').textContent()).toContain('nog 1');
    expect(await tegel.getByRole('link', { name: 'Naar versturen' }).getAttribute('href')).toBe('/versturen');
    expect(await tegel.getByRole('button', { name: 'Verwijder mijn gegevens' }).count()).toBe(0);
    await screenshot(page, 'my-data-unsent');
    holdSync = false;
    await tegel.getByRole('link', { name: 'Naar versturen' }).click();
    await page.getByRole('button', { name: 'Nu versturen' }).click();
    await expect.poll(() => page.getByTestId('sync-summary').textContent(), { timeout: 30_000 }).toBe('Alles is verstuurd');
    await menu(page, 'Mijn gegevens').click();

    // Erasing, after saying what goes and what stays, and asking once more.
    const erase = tegel.getByTestId('delete-my-data');
    await expect.poll(() => erase.textContent()).toContain('Wat je hebt geteld of gemeld, blijft bewaard onder je schuilnaam.');
    await erase.getByRole('button', { name: 'Verwijder mijn gegevens' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Weet je het zeker?');
    expect(await erase.getByTestId('delete-erased').getByRole('listitem').allTextContents()).toEqual([
      'je naam',
      'je contactgegevens',
      `de toegang van deze telefoon tot ${app.coordinator.tegelwippen.name}; de activiteit gaat van je telefoon`,
    ]);
    expect(await erase.getByTestId('delete-kept').textContent()).toContain(`onder je schuilnaam ${pseudonym}`);
    await screenshot(page, 'my-data-confirm-delete');
    await expectAccessible(page, 'my-data-confirm-delete');
    await erase.getByRole('button', { name: 'Ja, verwijder mijn gegevens' }).click();
    await expect.poll(() => page.getByTestId('my-data-deleted').textContent()).toBe(
      `Je gegevens bij ${app.coordinator.tegelwippen.name} zijn verwijderd. Deze activiteit staat niet meer op deze telefoon.`,
    );
    await expect.poll(() => cards.count()).toBe(1);
    expect(await cards.first().textContent()).toContain(app.coordinator.schouw.name);
    await screenshot(page, 'my-data-deleted');
    await expectAccessible(page, 'my-data-deleted');

    // The server erased the name and contact details; the counts stay, under the pseudonym.
    const erased = await fatimaOn(app.coordinator.tegelwippen.id);
    expect(erased).toMatchObject({ displayName: null, contact: null, pseudonym });
    expect(erased.erasedAt).not.toBeNull();
    const dashboard = await app.coordinator.dashboard(app.coordinator.tegelwippen.id);
    expect(dashboard.total).toEqual({ areaCm2: 2700, entries: 3 });
    expect(dashboard.topParticipants).toEqual([{ name: pseudonym, total: { areaCm2: 2700 } }]);
    expect((await fatimaOn(app.coordinator.schouw.id)).displayName).toBe('Fatima');

    // The phone: only the schouw is left.
    await menu(page, 'Start').click();
    await expect.poll(() => page.getByTestId('activity').count()).toBe(1);
    expect(await page.getByTestId('activity').textContent()).toContain(app.coordinator.schouw.name);
    await phone.close();
  });
});

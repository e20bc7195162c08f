/// <reference lib="dom" />
/**
 * The coordinators' console for a clean-up action (opruimactie), in real Chromium at
 * 1440×900: create one with the units it counts and their targets (an unreadable target is
 * refused next to its field), change them while it is in preparation (targets typed and
 * not saved yet survive adding a unit), name the streets of its day in order, and follow
 * entries counted in the street (bags, bulky items, gardens) on the dashboard per unit, per
 * street and per day (planned streets done or not yet, in words), ranked by everything
 * counted, on the big screen and on the public page (no names, no house numbers, days by
 * their date in words), in the CSV per day and unit, and on the HVC pickup list with its
 * CSV. Once the action is open, units can be added but not taken out.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshot } from './support/screens.js';
import { consoleTestBed, signInToConsole } from './support/console.js';
import { demoCoordinator, gqlAt } from './support/staff-api.js';

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
/** Each list item or row under a test id, as its words. */
const items = (page: Page, testId: string, selector: string) =>
  page.getByTestId(testId).first().locator(selector).evaluateAll((els) => els.map((el) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));

const RECORD = 'mutation($input: RecordTallyEventInput!) { recordTallyEvent(input: $input) { id unitCode count } }';
const CORRECT = 'mutation($input: CorrectTallyEventInput!) { correctTallyEvent(input: $input) { id count } }';

describe('console: clean-up action (Chromium, 1440×900)', () => {
  const bed = consoleTestBed('cleanup');

  it('sets up a clean-up with units, targets and day streets, and follows its counts per unit, street and day', async () => {
    const { server, browser } = bed;
    const coordinator = await demoCoordinator(server);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL', acceptDownloads: true });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await signInToConsole(page, server);

    // A new clean-up: gardens helped are not counted at first; bags of litter and bulky items get a target.
    await page.getByRole('link', { name: 'Nieuwe campagne' }).click();
    await page.getByRole('radio', { name: /^Opruimactie/ }).check();
    await page.getByLabel('Naam').fill('Opruimactie Staatsliedenbuurt voorjaar');
    for (const unit of ['Zakken zwerfvuil', 'Zakken tuinafval', 'Grofvuil (stuks)', 'Tuinen geholpen']) expect(await page.getByRole('checkbox', { name: unit }).isChecked()).toBe(true);
    await page.getByRole('checkbox', { name: 'Tuinen geholpen' }).uncheck();
    // A target that is not a whole number is refused next to its unit, before anything is sent.
    await page.getByLabel('Doel voor zakken zwerfvuil (mag leeg blijven)').fill('12,5');
    await page.getByLabel('Datum 1').fill('2027-04-17');
    await page.getByLabel('Omschrijving (mag leeg blijven)').fill('Opruimdag Troelstrastraat');
    await page.getByRole('button', { name: 'Campagne aanmaken' }).click();
    await expect.poll(() => page.locator('.field-error').first().textContent()).toBe('Een doel is een heel getal van 1 tot 100.000. Laat het leeg voor geen doel.');
    expect(await page.getByLabel('Doel voor zakken zwerfvuil (mag leeg blijven)').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Doel voor zakken zwerfvuil (mag leeg blijven)').fill('40');
    await page.getByLabel('Doel voor grofvuil (stuks) (mag leeg blijven)').fill('10');
    await page.getByRole('button', { name: 'Campagne aanmaken' }).click();
    await page.waitForURL(/\/beheer\/campagnes\/(?!nieuw)[^/]+$/);
    const campaignId = page.url().split('/').pop()!;
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Opruimactie Staatsliedenbuurt voorjaar');
    expect(await page.locator('.campaign-head .badge').first().textContent()).toBe('Opruimactie');

    // Wat tellen we, in preparation: the three chosen units with their targets, each can still be taken out.
    await expect.poll(() => page.getByTestId('campaign-units').locator('li').count()).toBe(3);
    expect(await page.getByLabel('Doel voor zakken zwerfvuil', { exact: true }).inputValue()).toBe('40');
    expect(await page.getByLabel('Doel voor grofvuil (stuks)', { exact: true }).inputValue()).toBe('10');
    expect(await page.getByLabel('Doel voor zakken tuinafval', { exact: true }).inputValue()).toBe('');
    expect(await page.getByRole('button', { name: /^Niet meer tellen/ }).count()).toBe(3);
    // Nothing chosen to add: said next to the choice, not in a banner.
    await page.getByRole('button', { name: 'Toevoegen', exact: true }).click();
    await expect.poll(() => page.getByLabel('Ook tellen').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.field-error').filter({ hasText: 'Kies eerst wat je erbij wilt tellen.' }).count()).toBe(1);
    expect(await page.locator('.message.error').count()).toBe(0);
    // Gardens helped are added after all; a target typed but not saved yet stays in its field.
    await page.getByLabel('Doel voor zakken tuinafval', { exact: true }).fill('25');
    await page.getByLabel('Ook tellen').selectOption({ label: 'Tuinen geholpen' });
    await page.getByRole('button', { name: 'Toevoegen', exact: true }).click();
    await expect.poll(() => page.getByText('Tuinen geholpen wordt nu ook geteld.').count()).toBe(1);
    expect(await page.getByLabel('Doel voor zakken tuinafval', { exact: true }).inputValue()).toBe('25');
    await page.getByLabel('Doel voor zakken tuinafval', { exact: true }).fill('');
    // An unreadable target saves nothing and stands next to its field.
    await page.getByLabel('Doel voor tuinen geholpen', { exact: true }).fill('abc');
    await page.getByRole('button', { name: 'Doelen opslaan' }).click();
    await expect.poll(() => page.getByLabel('Doel voor tuinen geholpen', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('De doelen zijn opgeslagen.').count()).toBe(0);
    await page.getByLabel('Doel voor tuinen geholpen', { exact: true }).fill('5');
    await page.getByRole('button', { name: 'Doelen opslaan' }).click();
    await expect.poll(() => page.getByText('De doelen zijn opgeslagen.').count()).toBe(1);

    await page.getByRole('button', { name: 'Campagne openen' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Status: Open' }).count()).toBe(1);
    // The campaign's tabs include the HVC list, and no schouw screens.
    const tabs = await page.getByRole('navigation', { name: 'Onderdelen van deze campagne' }).getByRole('link').allTextContents();
    expect(tabs).toEqual(['Overzicht', 'Dashboard', 'Planning', 'Ophaallijst HVC', 'Uitnodigingen', 'Vragenlijst', 'Prijzen', 'Deelnemers en apparaten']);
    // Open: entries for a unit may wait on phones, so nothing can be taken out any more.
    await expect.poll(() => page.getByRole('button', { name: /^Niet meer tellen/ }).count()).toBe(0);
    expect(await page.locator('#units-hint').textContent()).toContain('niets weghalen');

    // Straten van deze dag: three streets, the last one moved to the front.
    const streets = await gqlAt(server.url, '{ neighbourhood(slug: "staatsliedenbuurt") { streets(first: 50) { edges { node { id name } } } } }', {}, { cookie: coordinator.cookie });
    const byName = new Map<string, string>(streets.body.data.neighbourhood.streets.edges.map((e: any) => [e.node.name, e.node.id]));
    const [troelstra, dewitt, groen, hoogendorp] = ['Troelstrastraat', 'Johan de Wittstraat', 'Groen van Prinstererstraat', 'Van Hoogendorpweg'].map((name) => {
      const id = byName.get(name);
      if (!id) throw new Error(`the demo neighbourhood has no ${name}`);
      return { id, name };
    }) as [{ id: string; name: string }, { id: string; name: string }, { id: string; name: string }, { id: string; name: string }];
    await page.getByRole('button', { name: 'Straten kiezen voor 17 april 2027 (Opruimdag Troelstrastraat)' }).click();
    for (const street of [dewitt, groen, troelstra]) {
      await page.getByLabel('Straat toevoegen').selectOption({ label: street.name });
      await page.getByRole('button', { name: 'Toevoegen', exact: true }).last().click();
    }
    await page.getByRole('button', { name: `Omhoog ${troelstra.name}` }).click();
    await page.getByRole('button', { name: `Omhoog ${troelstra.name}` }).click();
    await page.getByRole('button', { name: 'Straten opslaan' }).click();
    await expect.poll(() => text(page, 'day-streets-text')).toBe(`${troelstra.name}, ${dewitt.name}, ${groen.name}`);
    await screenshot(page, 'console-cleanup-setup');
    await expectAccessible(page, 'console-cleanup-setup');

    // Counted in the street by a volunteer: two planned streets, and one street that was not planned.
    const code = await coordinator.invite(campaignId);
    const join = await gqlAt(server.url, 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { token campaign { days { id } } } }', {
      input: { code, displayName: 'Geheime Naam', contactConsent: false, showNameInRankings: false },
    });
    const auth = { authorization: `Bearer ${join.body.data.joinCampaign.token}` };
    const dayId: string = join.body.data.joinCampaign.campaign.days[0].id;
    const record = async (streetId: string, unitCode: string, count: number, houseNumber?: string) => {
      const { body } = await gqlAt(server.url, RECORD, { input: { id: uuidv7(), campaignId, actionDayId: dayId, streetId, unitCode, count, ...(houseNumber ? { houseNumber } : {}) } }, auth);
      expect(body.errors).toBeUndefined();
      return body.data.recordTallyEvent.id as string;
    };
    await record(troelstra.id, 'ZAK_ZWERFVUIL', 6, '12 K');
    await record(troelstra.id, 'GROFVUIL', 3, '12 K');
    const mistake = await record(troelstra.id, 'GROFVUIL', 2, '14');
    await record(dewitt.id, 'ZAK_TUINAFVAL', 4, '3 bis');
    await record(dewitt.id, 'TUIN_GEHOLPEN', 1, '3 bis');
    await record(hoogendorp.id, 'GROFVUIL', 1);
    // One bulky item at number 14 was counted twice: corrected, it leaves one to pick up.
    const corrected = await gqlAt(server.url, CORRECT, { input: { id: uuidv7(), correctsEventId: mistake, count: 1 } }, auth);
    expect(corrected.body.errors).toBeUndefined();
    // A clean-up entry that says where tiles came from is refused.
    const refused = await gqlAt(server.url, RECORD, { input: { id: uuidv7(), campaignId, actionDayId: dayId, streetId: troelstra.id, unitCode: 'ZAK_ZWERFVUIL', count: 1, origin: 'GARDEN' } }, auth);
    expect(refused.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');

    // Every counting action has its counts per day and unit as CSV; the NK summary is tegelwippen's.
    await page.reload();
    const unitSummary = page.getByRole('link', { name: 'Tellingen per actiedag en soort (CSV)' });
    expect(await unitSummary.getAttribute('href')).toBe(`/exports/campaigns/${campaignId}/unit-summary.csv?separator=semicolon`);
    expect((await context.request.get(`${server.url}${await unitSummary.getAttribute('href')}`)).status()).toBe(200);
    expect(await page.getByRole('link', { name: /^NK Tegelwippen/ }).count()).toBe(0);

    // The dashboard: a card per unit against its target, per street and per day; no m² panels without tiles.
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expect.poll(() => items(page, 'unit-cards', 'li'), { timeout: 15_000 }).toEqual([
      'Zakken zwerfvuil 6 van 40 15% van het doel',
      'Zakken tuinafval 4 Geen doel',
      'Grofvuil (stuks) 5 van 10 50% van het doel',
      'Tuinen geholpen 1 van 5 20% van het doel',
    ]);
    expect(await page.getByTestId('unit-cards').getByRole('progressbar').count()).toBe(3);
    expect(await page.getByTestId('unit-cards').getByRole('progressbar', { name: 'Grofvuil (stuks)' }).getAttribute('aria-valuenow')).toBe('50');
    expect(await items(page, 'street-units', 'tbody tr')).toEqual([`${troelstra.name} 6 0 4 0`, `${dewitt.name} 0 4 0 1`, `${hoogendorp.name} 0 0 1 0`]);
    expect(await page.getByTestId('dashboard-total').count()).toBe(0);
    expect(await items(page, 'dashboard-day-streets', 'li')).toEqual([
      `✓ ${troelstra.name} gedaan`,
      `✓ ${dewitt.name} gedaan`,
      `○ ${groen.name} nog niet`,
      `+ ${hoogendorp.name} gedaan, niet gepland`,
    ]);
    expect(await page.getByTestId('dashboard-day').getByText('2 van 3 geplande straten gedaan.').count()).toBe(1);
    // Ranked by everything counted, net (6 + 3 + 2 − 1 + 4 + 1 + 1); the volunteer did not consent to their name, so a pseudonym stands there.
    expect(await text(page, 'top-participants')).not.toContain('Geheime Naam');
    expect(await items(page, 'top-participants', 'tbody tr')).toEqual([expect.stringMatching(/^1 .+ \(schuilnaam\) 16$/)]);
    await screenshot(page, 'console-cleanup-dashboard');
    await expectAccessible(page, 'console-cleanup-dashboard');

    // The big screen shows the units' totals too, and the day's streets.
    await page.goto(`${server.url}/beheer/campagnes/${campaignId}/groot-scherm`);
    await expect.poll(() => items(page, 'big-units', 'li')).toContain('Grofvuil (stuks) 5 van 10 50% van het doel');
    expect(await page.getByText('2 van 3 geplande straten gedaan.').count()).toBe(1);
    expect(await page.locator('body').innerText()).not.toContain('Geheime Naam');
    await expectAccessible(page, 'console-cleanup-big-screen');

    // The public page: per unit against its target, the day's streets done; no names, no house numbers.
    const visitor = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL' });
    const publicPage = await visitor.newPage();
    await publicPage.goto(`${server.url}/voortgang/${campaignId}`);
    await expect.poll(() => items(publicPage, 'progress-units', 'li'), { timeout: 15_000 }).toEqual([
      'Zakken zwerfvuil 6 van 40 15% van het doel',
      'Zakken tuinafval 4 Geen doel',
      'Grofvuil (stuks) 5 van 10 50% van het doel',
      'Tuinen geholpen 1 van 5 20% van het doel',
    ]);
    expect(await items(publicPage, 'progress-day-streets', 'li')).toEqual([
      `✓ ${troelstra.name} gedaan`,
      `✓ ${dewitt.name} gedaan`,
      `○ ${groen.name} nog niet`,
      `+ ${hoogendorp.name} gedaan, niet gepland`,
    ]);
    expect(await publicPage.getByText('2 van 3 straten gedaan').count()).toBe(1);
    expect(await publicPage.getByTestId('progress-day').getByRole('heading').textContent()).toBe('Opruimdag Troelstrastraat (17 april 2027)');
    const publicText = await publicPage.locator('body').innerText();
    expect(publicText).not.toContain('Geheime Naam');
    expect(publicText).not.toMatch(/12 ?K|3 bis/);
    expect(publicText).not.toContain('2027-04-17');
    await screenshot(publicPage, 'cleanup-public-progress');
    await expectAccessible(publicPage, 'cleanup-public-progress');
    await visitor.close();

    // The HVC pickup list: per address what to take away, after the correction, and its CSV.
    await page.goto(`${server.url}/beheer/campagnes/${campaignId}`);
    await page.getByRole('link', { name: 'Ophaallijst HVC' }).click();
    await page.waitForURL(/\/hvc-ophaallijst/);
    await expect.poll(() => items(page, 'hvc-rows', 'tbody tr')).toEqual([
      `${troelstra.name} 12 K 3 stuks grofvuil`,
      `${troelstra.name} 14 1 stuk grofvuil`,
      `${hoogendorp.name} geen huisnummer 1 stuk grofvuil`,
    ]);
    expect(await text(page, 'hvc-summary')).toBe('3 adressen, samen 5 stuks grofvuil.');
    await screenshot(page, 'console-hvc-pickup');
    await expectAccessible(page, 'console-hvc-pickup');
    for (const [link, separator] of [
      ['CSV voor Excel (met ;)', ';'],
      ['CSV met codes (voor koppelingen)', ','],
    ] as const) {
      const href = (await page.getByRole('link', { name: link }).getAttribute('href'))!;
      const response = await context.request.get(`${server.url}${href}`);
      expect(response.status()).toBe(200);
      const lines = (await response.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
      expect(lines).toHaveLength(4);
      expect(lines.slice(1).map((line) => line.split(separator).slice(0, 2))).toEqual([
        [troelstra.name, '12 K'],
        [troelstra.name, '14'],
        [hoogendorp.name, ''],
      ]);
      expect(lines[1]).toContain('3');
    }
    // Not for anyone else: without the coordinators' session there is no list.
    const anonymous = await fetch(`${server.url}${await page.getByRole('link', { name: 'CSV voor Excel (met ;)' }).getAttribute('href')}`);
    expect(anonymous.status).toBe(401);
    await context.close();
  });
});

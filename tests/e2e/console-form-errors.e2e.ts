/// <reference lib="dom" />
/**
 * Console forms in real Chromium at 1440×900: a value the API refuses shows its plain Dutch
 * message next to its field (aria-invalid, aria-describedby), not in a banner, and a spot is
 * placed by clicking the map (without map tiles, as MAP_TILE_URL=none runs), which fills
 * in latitude and longitude. Both are checked through the API.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { consoleTestBed, signInToConsole } from './support/console.js';
import { expectAccessible, screenshot } from './support/screens.js';
import { demoCoordinator, gqlAt } from './support/staff-api.js';

/** The message an input points at with aria-describedby, or null when it is not marked invalid. */
async function fieldMessage(page: Page, label: string): Promise<string | null> {
  const input = page.getByLabel(label, { exact: true });
  if ((await input.getAttribute('aria-invalid')) !== 'true') return null;
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ').trim();
}

describe('console forms: errors at their fields, a spot placed on the map (Chromium, 1440×900)', () => {
  const bed = consoleTestBed('console-form-errors');
  // Signed in once (the sign-in refuses a wrong password first, and too many of those from
  // one address are rate limited); each test gets its own page with that session.
  let session: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;
  async function signedInPage(): Promise<{ context: BrowserContext; page: Page }> {
    if (!session) {
      const first = await bed.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL' });
      await signInToConsole(await first.newPage(), bed.server);
      session = await first.storageState();
      await first.close();
    }
    const context = await bed.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL', storageState: session });
    return { context, page: await context.newPage() };
  }

  it('a target the API refuses shows its message next to the field, in plain Dutch, and nothing is saved', async () => {
    const { server } = bed;
    const coordinator = await demoCoordinator(server);
    const { context, page } = await signedInPage();
    await page.goto(`${server.url}/beheer/campagnes/${coordinator.tegelwippen.id}`);
    await page.getByLabel('Doel in m²').fill('2000000');
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();

    await expect.poll(() => fieldMessage(page, 'Doel in m²')).toBe('Vul een getal van hoogstens 1.000.000 in.');
    // The message stands under the field, in the settings panel, and not in a banner.
    const message = page.locator('.field-error', { hasText: 'Vul een getal van hoogstens 1.000.000 in.' });
    expect(await message.count()).toBe(1);
    const [inputBox, messageBox] = [await page.getByLabel('Doel in m²').boundingBox(), await message.boundingBox()];
    expect(messageBox!.y).toBeGreaterThan(inputBox!.y);
    expect(messageBox!.y - (inputBox!.y + inputBox!.height)).toBeLessThan(40);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toMatch(/verwacht dat|number|<=|cannot represent/);
    // The cursor is put in the field, so a keyboard user lands on it.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('target');
    await screenshot(page, 'console-field-error');
    await expectAccessible(page, 'console-field-error');

    const after = await gqlAt(server.url, 'query($id: ID!) { campaign(id: $id) { targetAreaM2 } }', { id: coordinator.tegelwippen.id }, { cookie: coordinator.cookie });
    expect(after.body.data.campaign.targetAreaM2).toBe(500);

    // Mended, the message goes and the value is saved.
    await page.getByLabel('Doel in m²').fill('750');
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await expect.poll(() => page.getByText('De wijzigingen zijn opgeslagen.').count()).toBe(1);
    expect(await fieldMessage(page, 'Doel in m²')).toBeNull();
    expect(await page.locator('.field-error').count()).toBe(0);
    await context.close();
  });

  it('a new campaign: dates typed day first, a date that cannot be read and a label too long for the API each stand next to their field', async () => {
    const { server } = bed;
    const coordinator = await demoCoordinator(server);
    const { context, page } = await signedInPage();
    await page.goto(`${server.url}/beheer/campagnes/nieuw`);
    await page.getByLabel('Naam', { exact: true }).fill('Tegelwippen najaar');
    expect(await page.getByLabel('Datum 1').getAttribute('placeholder')).toBe('dd-mm-jjjj');
    // The American order (month first) is no date here: day 31 cannot be a month.
    await page.getByLabel('Datum 1').fill('10/31/2026');
    await page.getByRole('button', { name: 'Nog een datum' }).click();
    await page.getByLabel('Datum 2').fill('10-10-2026');
    await page.getByRole('button', { name: 'Campagne aanmaken' }).click();
    await expect.poll(() => fieldMessage(page, 'Datum 1')).toBe('Vul een datum in als 16-05-2026 (dag-maand-jaar).');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('day-0');
    await page.getByLabel('Datum 1').fill('3-10-2026');
    // The field holds 80 characters; a text written past it by a script is what the API sees.
    await page.locator('#day-label-1').evaluate((input: HTMLInputElement) => {
      input.removeAttribute('maxlength');
      input.value = 'x'.repeat(81);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.getByRole('button', { name: 'Campagne aanmaken' }).click();
    const label = page.locator('#day-label-1');
    await expect.poll(() => label.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`[id="${await label.getAttribute('aria-describedby')}"]`).textContent()).toBe('Dit is te lang. Gebruik hoogstens 80 tekens.');
    expect(await fieldMessage(page, 'Datum 1')).toBeNull();
    expect(await page.locator('#day-label-0').getAttribute('aria-invalid')).toBeNull();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(page.url()).toMatch(/\/nieuw$/);
    // Leaving the field tidies the date into the Dutch form.
    expect(await page.getByLabel('Datum 1').inputValue()).toBe('03-10-2026');
    await screenshot(page, 'console-new-campaign-field-error');
    await expectAccessible(page, 'console-new-campaign-field-error');

    await label.fill('Tweede actiedag');
    await page.getByRole('button', { name: 'Campagne aanmaken' }).click();
    await page.waitForURL(/\/beheer\/campagnes\/(?!nieuw)[^/]+$/);
    await expect.poll(() => page.getByText('3 oktober 2026').count()).toBeGreaterThan(0);
    const created = await gqlAt(server.url, 'query($id: ID!) { campaign(id: $id) { days { date label } } }', { id: page.url().split('/').pop() }, { cookie: coordinator.cookie });
    expect(created.body.data.campaign.days).toEqual([
      { date: '2026-10-03', label: null },
      { date: '2026-10-10', label: 'Tweede actiedag' },
    ]);
    await context.close();
  });

  it('places a spot by clicking the map, without tiles; the typed numbers follow and are saved', async () => {
    const { server } = bed;
    const coordinator = await demoCoordinator(server);
    const { context, page } = await signedInPage();
    await page.goto(`${server.url}/beheer/buurt`);
    await page.getByLabel('Naam', { exact: true }).fill('Bankje bij de vijver');
    await page.getByLabel('Soort').selectOption('ONTMOETINGSPLEK');
    await page.getByLabel('Straat', { exact: true }).selectOption({ label: 'Troelstrastraat' });
    expect(await page.getByLabel('Breedtegraad (bijv. 51,858)').inputValue()).toBe('');

    const map = page.getByTestId('spot-picker');
    await expect.poll(() => map.locator('.leaflet-pane').count()).toBeGreaterThan(0);
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.6);
    await expect.poll(() => page.getByLabel('Breedtegraad (bijv. 51,858)').inputValue()).not.toBe('');
    const lat = Number(await page.getByLabel('Breedtegraad (bijv. 51,858)').inputValue());
    const lon = Number(await page.getByLabel('Lengtegraad (bijv. 4,660)').inputValue());
    // The map opens on the neighbourhood's spots in Alblasserdam; a click lands among them.
    expect(lat).toBeGreaterThan(51.84);
    expect(lat).toBeLessThan(51.88);
    expect(lon).toBeGreaterThan(4.63);
    expect(lon).toBeLessThan(4.69);
    expect(await map.locator('.spot-pin').count()).toBe(1);
    // A second click moves the point: left of the first is further west.
    await page.mouse.click(box.x + box.width * 0.2, box.y + box.height * 0.6);
    await expect.poll(async () => Number(await page.getByLabel('Lengtegraad (bijv. 4,660)').inputValue())).toBeLessThan(lon);
    const placed = { lat: Number(await page.getByLabel('Breedtegraad (bijv. 51,858)').inputValue()), lon: Number(await page.getByLabel('Lengtegraad (bijv. 4,660)').inputValue()) };
    await screenshot(page, 'console-spot-on-map');
    await expectAccessible(page, 'console-spot-on-map');
    await page.getByRole('button', { name: 'Plek toevoegen' }).click();
    await expect.poll(() => page.getByText('Bankje bij de vijver is toegevoegd.').count()).toBe(1);

    const spots = await gqlAt(server.url, '{ neighbourhood(slug: "staatsliedenbuurt") { spots(first: 100) { edges { node { name lat lon } } } } }', {}, { cookie: coordinator.cookie });
    expect(spots.body.data.neighbourhood.spots.edges.map((e: any) => e.node)).toContainEqual({ name: 'Bankje bij de vijver', ...placed });

    // Typing stays possible: typed numbers move the pin, and the saved spot opens with it on the map.
    await page.getByRole('button', { name: 'Bewerken Bankje bij de vijver' }).click();
    await expect.poll(() => map.locator('.spot-pin').count()).toBe(1);
    await context.close();
  });
});

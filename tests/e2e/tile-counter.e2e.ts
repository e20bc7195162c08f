/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The tile counter in real Chromium: join online, choose the street once, lose the
 * network, count 30 entries with an undo, close and reopen the page, come back online and
 * sync: the server holds exactly those entries once. Meanwhile a second phone counts on
 * the same street, and the street total is the sum of both. On 390×844 and 360×740 the
 * counting buttons and the bar with the street total are on screen without scrolling (with
 * the choice of where the tiles came from above them), a tap shows its effect there, and
 * the header is one row. Tiles counted at a house number from a garden make a garden
 * greened on the dashboard and the public page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { launchChromium } from './browser.js';
import { expectAccessible, screenshot, screenshotDir } from './support/screens.js';
import { demoCoordinator, gqlAt } from './support/staff-api.js';

describe('tile counter (Chromium, offline)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let dir: string;
  let coordinator: Awaited<ReturnType<typeof demoCoordinator>>;
  let code: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-counter-'));
    server = await startServer({ DATABASE_PATH: path.join(dir, 'e2e.db'), MEDIA_DIR: path.join(dir, 'media'), NODE_ENV: 'test', GRAPHQL_RATE_LIMIT_PER_MINUTE: '100000' });
    coordinator = await demoCoordinator(server);
    code = await coordinator.invite(coordinator.tegelwippen.id);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function joinAs(context: BrowserContext, name: string, screenshots = false): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${server.url}/meedoen/${code}`);
    await page.getByLabel('Jouw naam in de app').fill(name);
    if (screenshots) {
      await page.getByLabel('Ik wil horen wat er met mijn meldingen gebeurt').check();
      await screenshot(page, 'join');
      await expectAccessible(page, 'join');
      await page.getByLabel('Ik wil horen wat er met mijn meldingen gebeurt').uncheck();
    }
    await page.getByRole('button', { name: 'Meedoen' }).click();
    await page.waitForURL(`${server.url}/tellen`);
    await page.getByRole('button', { name: 'Begin met tellen' }).waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    return page;
  }

  const tap = async (page: Page, testId: string, times: number) => {
    for (let i = 0; i < times; i++) await page.getByTestId(testId).click();
  };

  /**
   * What the phone shows without scrolling (the counter's bar sticks to the bottom of the
   * screen, which a full-page picture puts in the middle of the page).
   */
  async function phoneScreenshot(page: Page, name: string) {
    await screenshot(page, name);
    await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
  }

  /** The first visit asks where you count; the street is never guessed. */
  async function choosePlace(page: Page, day?: RegExp) {
    if (day) {
      const value = await page.getByLabel(/^Actiedag/).locator('option').filter({ hasText: day }).getAttribute('value');
      await page.getByLabel(/^Actiedag/).selectOption(value!);
    }
    if (!(await page.getByLabel(/^Straat/).inputValue())) await page.getByLabel(/^Straat/).selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Begin met tellen' }).click();
    await expect.poll(() => page.getByTestId('street-total').textContent()).toContain('m²');
    // Focus follows to the first +1 button (the form it was in is gone).
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('add-TEGEL_30X30');
  }

  /** Every +1 button and the bar with the street total and undo, on screen, unscrolled. */
  async function expectCountingInView(page: Page) {
    const layout = await page.evaluate(() => {
      const box = (el: Element | null) => {
        const r = el!.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, height: r.height };
      };
      return {
        viewport: window.innerHeight,
        scrollY: window.scrollY,
        tiles: [...document.querySelectorAll('[data-testid^="add-"]')].map(box),
        bar: box(document.querySelector('[data-testid="counter-bar"]')),
        streetTotal: box(document.querySelector('[data-testid="street-total"]')),
        undo: box(document.querySelector('[data-testid="undo"]')),
        header: box(document.querySelector('header')),
        headerItems: [...document.querySelectorAll('header .brand, header [data-testid]')].map(box),
      };
    });
    expect(layout.scrollY).toBe(0);
    expect(layout.tiles).toHaveLength(7);
    for (const tile of layout.tiles) {
      expect(tile.top).toBeGreaterThanOrEqual(layout.header.bottom);
      expect(tile.bottom, 'a +1 button is hidden behind the bar or below the screen').toBeLessThanOrEqual(layout.bar.top);
      expect(tile.height).toBeGreaterThanOrEqual(56);
    }
    expect(layout.bar.bottom).toBeLessThanOrEqual(layout.viewport);
    expect(layout.streetTotal.bottom).toBeLessThanOrEqual(layout.viewport);
    expect(layout.undo.height).toBeGreaterThanOrEqual(56);
    // The header is one row: brand, online pill and sync pill side by side.
    expect(layout.header.height).toBeLessThanOrEqual(64);
    expect(layout.headerItems).toHaveLength(3);
    for (const item of layout.headerItems) expect(item.bottom).toBeLessThanOrEqual(layout.header.bottom);
  }

  /** A tap changes the street total and says what it added, both on screen, without scrolling. */
  async function expectTapShowsInView(page: Page) {
    const before = await page.getByTestId('street-total').textContent();
    await page.getByTestId('add-TEGEL_30X30').click();
    await expect.poll(() => page.getByTestId('street-total').textContent()).not.toBe(before);
    await expect.poll(() => page.getByTestId('announcement').textContent()).toContain('Toegevoegd: 1 × 30×30');
    const inView = await page.evaluate(() =>
      ['street-total', 'announcement'].every((id) => {
        const r = document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight && window.scrollY === 0;
      }),
    );
    expect(inView).toBe(true);
  }

  it('counts offline, survives a closed page, and syncs each entry exactly once', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
    let page = await joinAs(phone, 'Teller A', true);
    // The demo's first action day is today, and the counter starts on it.
    const dayChoice = await page.getByLabel(/^Actiedag/).evaluate((select: HTMLSelectElement) => select.selectedOptions[0]!.textContent);
    expect(dayChoice).toBe('vandaag – Eerste actiedag');
    expect(await page.getByTestId('add-TEGEL_30X30').count()).toBe(0);
    await page.getByRole('button', { name: 'Begin met tellen' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Kies eerst de straat waar je telt.');
    await phoneScreenshot(page, 'counter-place');
    await expectAccessible(page, 'counter-place');
    await choosePlace(page);
    expect(await page.getByTestId('place-summary').textContent()).not.toContain('niet vandaag');
    // Where the tiles came from: neither is chosen until someone says so.
    const garden = page.getByRole('button', { name: 'Tuin' });
    expect(await garden.getAttribute('aria-pressed')).toBe('false');
    await garden.click();
    expect(await garden.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('button', { name: 'Openbare ruimte' }).getAttribute('aria-pressed')).toBe('false');
    await expectCountingInView(page);
    expect(await page.locator('header').getByRole('button').count()).toBe(0);
    // Joining sent and fetched: the sync pill says so in words, which are also its name.
    await expect.poll(() => page.getByRole('link', { name: /^(niets te versturen|alles verstuurd om \d\d:\d\d)$/ }).count()).toBe(1);
    await phoneScreenshot(page, 'counter');
    await expectAccessible(page, 'counter');

    await phone.setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByTestId('street-total').textContent()).toContain('m²');

    await expectTapShowsInView(page); // today's day: counted at once, nothing asked
    await phoneScreenshot(page, 'counter-after-tap');
    // Another day than today is asked once, with the day in Dutch words.
    await page.getByRole('button', { name: 'Wijzig dag, straat en huisnummer' }).click();
    await choosePlace(page, /Tweede actiedag/);
    expect(await page.getByTestId('place-summary').textContent()).toMatch(/[a-z]{2} \d{1,2} [a-z]+( \d{4})? \(niet vandaag\)/);
    await page.getByTestId('add-TEGEL_30X30').click();
    const dialog = page.getByRole('dialog', { name: 'Tellen voor een andere dag?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await phoneScreenshot(page, 'counter-confirm-day');
    await expectAccessible(page, 'counter-confirm-day');
    await dialog.getByRole('button', { name: /^Ja, tel voor / }).click();
    await tap(page, 'add-TEGEL_30X30', 26); // 28 × 900 in all, asked no more
    expect(await dialog.isVisible()).toBe(false);
    await expect.poll(() => page.getByTestId('mine-total').textContent()).toBe('2,52 m²');
    await expect.poll(() => page.getByRole('link', { name: '28 nog te versturen', exact: true }).count()).toBe(1);

    // A slip of the thumb (500 instead of 5) is asked about before it counts.
    await page.getByText('Meer tegelijk').click();
    await page.getByLabel('Aantal').fill('500');
    await page.getByRole('button', { name: 'Toevoegen', exact: true }).click();
    const big = page.getByRole('dialog', { name: 'Klopt dit aantal?' });
    await expect.poll(() => big.textContent()).toContain('Je voegt in één keer 500 × 30×30 toe. Dat is 45,0 m².');
    await phoneScreenshot(page, 'counter-confirm-big');
    await expectAccessible(page, 'counter-confirm-big');
    await big.getByRole('button', { name: 'Nee, aanpassen' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('number');
    expect(await page.getByTestId('mine-total').textContent()).toBe('2,52 m²');
    await page.getByLabel('Aantal').fill('5');
    await page.getByLabel('Soort').selectOption('TEGEL_40X40');
    await page.getByRole('button', { name: 'Toevoegen', exact: true }).click(); // 8000
    await page.getByText('Oppervlakte meten').click();
    await page.getByLabel('Lengte (cm)').fill('100');
    await page.getByLabel('Breedte (cm)').fill('50');
    await page.getByRole('button', { name: 'Oppervlakte toevoegen' }).click(); // 5000
    await page.getByTestId('undo').click(); // takes back the 5000
    await expect.poll(() => page.getByTestId('announcement').textContent()).toContain('Ongedaan gemaakt');
    await expect.poll(() => page.getByTestId('mine-total').textContent()).toBe('3,32 m²');

    // A second phone counts on the same street, online, at the same time.
    const other = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
    const otherPage = await joinAs(other, 'Teller B');
    await choosePlace(otherPage);
    await tap(otherPage, 'add-TEGEL_40X40', 10); // 16000

    await page.close();
    page = await phone.newPage();
    await page.goto(`${server.url}/tellen`);
    await expect.poll(() => page.getByTestId('mine-total').textContent()).toBe('3,32 m²');
    // Still on the day chosen and confirmed today, not back on today's day, and still Tuin.
    expect(await page.getByTestId('place-summary').textContent()).toContain('niet vandaag');
    expect(await page.getByRole('button', { name: 'Tuin' }).getAttribute('aria-pressed')).toBe('true');
    await page.goto(`${server.url}/versturen`);
    await expect.poll(() => page.getByTestId('sync-summary').textContent()).toContain('31 nog niet verstuurd');
    await screenshot(page, 'sync');
    await expectAccessible(page, 'sync');

    await phone.setOffline(false);
    await expect.poll(() => page.getByTestId('sync-summary').textContent(), { timeout: 30_000 }).toBe('Alles is verstuurd');
    await expect.poll(async () => (await coordinator.dashboard(coordinator.tegelwippen.id)).total.entries, { timeout: 30_000 }).toBe(41);

    const dashboard = await coordinator.dashboard(coordinator.tegelwippen.id);
    expect(dashboard.total.areaCm2).toBe(33_200 + 16_000);
    // Phone A said Tuin (but no house number: no garden to count); phone B said nothing.
    const origins = await gqlAt(server.url, 'query($id: ID!) { tallyDashboard(campaignId: $id) { gardensGreened byOrigin { garden { areaCm2 } notSaid { areaCm2 } } } }', { id: coordinator.tegelwippen.id }, { cookie: coordinator.cookie });
    expect(origins.body.data.tallyDashboard).toEqual({ gardensGreened: 0, byOrigin: { garden: { areaCm2: 33_200 }, notSaid: { areaCm2: 16_000 } } });
    const street = dashboard.streets.find((s: any) => s.total.areaCm2 > 0);
    expect(street.total.areaCm2).toBe(49_200);
    expect(dashboard.topParticipants.map((p: any) => p.total.areaCm2).sort()).toEqual([16_000, 33_200]);

    await page.goto(`${server.url}/tellen`);
    await expect.poll(() => page.getByTestId('campaign-total').textContent()).toContain('4,92 van 500 m²');
    await expect.poll(() => page.getByTestId('sync-indicator').textContent()).toMatch(/^\s*✓\s*alles verstuurd om \d\d:\d\d\s*$/);
    await expect.poll(() => page.getByRole('link', { name: /^alles verstuurd om \d\d:\d\d$/ }).count()).toBe(1);
    await phoneScreenshot(page, 'counter-synced');
    await phone.close();
    await other.close();
  });

  it('offers a street and an action day added after joining, without joining again (on a 360×740 phone)', async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-NL' });
    const page = await joinAs(phone, 'Teller C');
    // A garden: a house number, and Tuin.
    await page.getByLabel(/^Huisnummer/).fill('21 K');
    await choosePlace(page);
    await page.getByRole('button', { name: 'Tuin' }).click();
    await expectCountingInView(page);
    await expectTapShowsInView(page);
    await phoneScreenshot(page, 'counter-360');
    // 320 px (a small phone, or 400 % zoom): nothing wider than the screen, every +1 still a thumb's size.
    await page.setViewportSize({ width: 320, height: 640 });
    const narrow = await page.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      header: document.querySelector('header')!.getBoundingClientRect().height,
      smallest: Math.min(...[...document.querySelectorAll('[data-testid^="add-"], [data-testid="undo"]')].map((b) => b.getBoundingClientRect().height)),
    }));
    expect(narrow.overflow).toBeLessThanOrEqual(0);
    expect(narrow.smallest).toBeGreaterThanOrEqual(56);
    expect(narrow.header).toBeLessThanOrEqual(64);
    await phoneScreenshot(page, 'counter-320');
    await page.setViewportSize({ width: 360, height: 740 });
    // Synced online: one garden greened, on the dashboard and on the public page.
    const gardens = async () => (await gqlAt(server.url, 'query($id: ID!) { tallyDashboard(campaignId: $id) { gardensGreened } }', { id: coordinator.tegelwippen.id }, { cookie: coordinator.cookie })).body.data.tallyDashboard.gardensGreened;
    await expect.poll(gardens, { timeout: 30_000 }).toBe(1);
    const dashboard = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL' });
    await dashboard.addCookies([{ name: coordinator.cookie.split('=')[0]!, value: coordinator.cookie.split('=').slice(1).join('='), url: server.url }]);
    const coordinatorPage = await dashboard.newPage();
    await coordinatorPage.goto(`${server.url}/beheer/campagnes/${coordinator.tegelwippen.id}/dashboard`);
    await expect.poll(() => coordinatorPage.getByTestId('gardens-greened').textContent()).toBe('1');
    await coordinatorPage.goto(`${server.url}/voortgang/${coordinator.tegelwippen.id}`);
    await expect.poll(() => coordinatorPage.getByTestId('progress-gardens').textContent()).toBe('1 tuin vergroend');
    expect(await coordinatorPage.locator('body').innerText()).not.toMatch(/21 ?K/i);
    await dashboard.close();
    const { body } = await gqlAt(server.url, 'query($id: ID!) { campaign(id: $id) { neighbourhood { id } } }', { id: coordinator.tegelwippen.id }, { cookie: coordinator.cookie });
    const staff = { cookie: coordinator.cookie };
    const street = await gqlAt(server.url, 'mutation($input: AddStreetInput!) { addStreet(input: $input) { id } }', { input: { neighbourhoodId: body.data.campaign.neighbourhood.id, name: 'Nieuwe Steeg' } }, staff);
    const day = await gqlAt(server.url, 'mutation($input: AddCampaignDayInput!) { addCampaignDay(input: $input) { id } }', { input: { campaignId: coordinator.tegelwippen.id, date: '2027-06-12', label: 'Extra actiedag' } }, staff);
    expect([street.body.errors, day.body.errors]).toEqual([undefined, undefined]);

    // The next sync round (here: the app opening again) brings them to the phone.
    await page.reload();
    await page.getByRole('button', { name: 'Wijzig dag, straat en huisnummer' }).click();
    // A select inside its label: the accessible name is the label and then the chosen option.
    const options = (label: string) => page.getByLabel(new RegExp(`^${label}`)).locator('option').allTextContents();
    await expect.poll(() => options('Straat'), { timeout: 15_000 }).toContain('Nieuwe Steeg');
    await expect.poll(async () => (await options('Actiedag')).some((o) => /^za 12 juni( 2027)? – Extra actiedag$/.test(o))).toBe(true);

    // And they stay on the phone without network.
    await phone.setOffline(true);
    await page.reload();
    await page.getByRole('button', { name: 'Wijzig dag, straat en huisnummer' }).click();
    await expect.poll(() => options('Straat')).toContain('Nieuwe Steeg');
    await phone.close();
  });
});

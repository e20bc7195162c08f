/// <reference lib="dom" />
/**
 * The standings under the tile counter, in real Chromium on 390×844 phones: two
 * volunteers count in different streets; each sees their street's place, the streets
 * with m² (and m² per household where the number of households is known) and the top
 * participants, where a name shows only with its owner's consent. The counters stay the
 * first thing on the screen. Without internet the last standings stay, with their time.
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

describe('standings on the counter screen (Chromium, 390×844)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let dir: string;
  let coordinator: Awaited<ReturnType<typeof demoCoordinator>>;
  let streets: { id: string; name: string }[];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-standings-'));
    server = await startServer({ DATABASE_PATH: path.join(dir, 'e2e.db'), MEDIA_DIR: path.join(dir, 'media'), NODE_ENV: 'test', GRAPHQL_RATE_LIMIT_PER_MINUTE: '100000' });
    coordinator = await demoCoordinator(server);
    const staff = { cookie: coordinator.cookie };
    const { body } = await gqlAt(server.url, 'query($id: ID!) { campaign(id: $id) { neighbourhood { streets(first: 100) { edges { node { id name } } } } } }', { id: coordinator.tegelwippen.id }, staff);
    streets = body.data.campaign.neighbourhood.streets.edges.map((e: any) => e.node);
    // The coordinator knows how many households the first street has (30), not the second.
    const households = await gqlAt(server.url, 'mutation($id: ID!) { setStreetHouseholds(streetId: $id, householdCount: 30) { id } }', { id: streets[0]!.id }, staff);
    expect(households.body.errors).toBeUndefined();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Joins, chooses the street and counts `count` 60×60 tiles in one entry. */
  async function volunteer(context: BrowserContext, name: string, nameInRanking: boolean, street: { id: string }, count: number): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${server.url}/meedoen/${await coordinator.invite(coordinator.tegelwippen.id)}`);
    await page.getByLabel('Jouw naam in de app').fill(name);
    if (nameInRanking) await page.getByLabel('Mijn naam mag in de ranglijst staan').check();
    await page.getByRole('button', { name: 'Meedoen' }).click();
    await page.waitForURL(`${server.url}/tellen`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    await page.getByLabel(/^Straat/).selectOption(street.id);
    await page.getByRole('button', { name: 'Begin met tellen' }).click();
    await page.getByText('Meer tegelijk').click();
    await page.getByLabel('Aantal').fill(String(count));
    await page.getByLabel('Soort').selectOption('TEGEL_60X60');
    await page.getByRole('button', { name: 'Toevoegen', exact: true }).click();
    await expect.poll(() => page.getByTestId('mine-total').textContent()).toContain(',');
    return page;
  }

  /** The app closed and opened again (a reload would bring back the old scroll position). */
  async function reopen(context: BrowserContext, page: Page): Promise<Page> {
    await page.close();
    const opened = await context.newPage();
    await opened.goto(`${server.url}/tellen`);
    return opened;
  }

  const rows = (page: Page, testId: string) =>
    page.getByTestId(testId).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim())));

  /** The +1 buttons and the bar stay first on the screen; the standings come after them. */
  async function expectCountersFirst(page: Page) {
    const layout = await page.evaluate(() => {
      const box = (el: Element) => el.getBoundingClientRect();
      return {
        scrollY: window.scrollY,
        viewport: window.innerHeight,
        tiles: [...document.querySelectorAll('[data-testid^="add-"]')].map((el) => box(el).bottom),
        bar: box(document.querySelector('[data-testid="counter-bar"]')!),
        standings: box(document.querySelector('[data-testid="standings"]')!).top,
      };
    });
    expect(layout.scrollY).toBe(0);
    expect(layout.tiles).toHaveLength(7);
    for (const bottom of layout.tiles) expect(bottom).toBeLessThanOrEqual(layout.bar.top);
    expect(layout.bar.bottom).toBeLessThanOrEqual(layout.viewport);
    expect(layout.standings).toBeGreaterThan(Math.max(...layout.tiles));
  }

  it("shows each volunteer their street's place, m² per household and names only with consent, and keeps them offline", async () => {
    const anna = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
    const bram = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
    const [first, second] = [streets[0]!, streets[1]!];
    let annaPage = await volunteer(anna, 'Anna', true, first, 20); // 7,2 m², 30 households
    let bramPage = await volunteer(bram, 'Bram', false, second, 30); // 10,8 m²
    await expect.poll(async () => (await coordinator.dashboard(coordinator.tegelwippen.id)).total.entries, { timeout: 30_000 }).toBe(2);

    // A new screen fetches the standings at once (an open one does after the next sync round, or within a minute).
    annaPage = await reopen(anna, annaPage);
    const standings = annaPage.getByTestId('standings');
    await expect.poll(() => annaPage.getByTestId('my-street-place').textContent()).toBe(`Jouw straat, ${first.name}, staat op plek 2 van ${streets.length}.`);
    expect(await annaPage.getByTestId('standings-time').textContent()).toMatch(/^\s*Stand van \d\d:\d\d\.\s*$/);
    expect(await rows(annaPage, 'standings-streets')).toEqual([
      ['1', second.name, '10,8'],
      ['2', `${first.name} (jouw straat) 0,24 m² per huishouden`, '7,2'],
    ]);
    const bramPseudonym = (await rows(annaPage, 'standings-top'))[0]![1]!.replace(' (schuilnaam)', '');
    expect(bramPseudonym).toMatch(/^Buurtgenoot [A-Z0-9]{4}$/);
    expect(await rows(annaPage, 'standings-top')).toEqual([
      ['1', `${bramPseudonym} (schuilnaam)`, '10,8'],
      ['2', 'Anna (jij)', '7,2'],
    ]);
    expect(await standings.textContent()).not.toContain('Bram');
    expect(await standings.textContent()).toContain(`Nog zonder tegels: ${streets.length - 2} straten.`);
    await expectCountersFirst(annaPage);
    await annaPage.screenshot({ path: path.join(screenshotDir, 'counter-standings-view.png') });
    await standings.scrollIntoViewIfNeeded();
    await screenshot(annaPage, 'counter-standings');
    await expectAccessible(annaPage, 'counter-standings');

    // Bram's own screen: his street first, his line marked, his name nowhere.
    bramPage = await reopen(bram, bramPage);
    await expect.poll(() => bramPage.getByTestId('my-street-place').textContent()).toBe(`Jouw straat, ${second.name}, staat op plek 1 van ${streets.length}.`);
    expect(await rows(bramPage, 'standings-top')).toEqual([
      ['1', `${bramPseudonym} (schuilnaam) (jij)`, '10,8'],
      ['2', 'Anna', '7,2'],
    ]);
    expect(await bramPage.getByTestId('standings').textContent()).not.toContain('Bram');
    await screenshot(bramPage, 'counter-standings-second');

    // Without internet, and the app opened again: the last standings, with their time.
    const fetchedAt = (await annaPage.getByTestId('standings-time').textContent())!.match(/\d\d:\d\d/)![0];
    await anna.setOffline(true);
    await expect.poll(() => annaPage.getByTestId('standings-time').textContent()).toContain(`Stand van ${fetchedAt}; zonder internet niet bijgewerkt.`);
    await annaPage.reload();
    await expect.poll(() => annaPage.getByTestId('standings-time').textContent()).toContain(`Stand van ${fetchedAt}; zonder internet niet bijgewerkt.`);
    expect(await annaPage.getByTestId('my-street-place').textContent()).toBe(`Jouw straat, ${first.name}, staat op plek 2 van ${streets.length}.`);
    expect(await rows(annaPage, 'standings-top')).toHaveLength(2);
    await screenshot(annaPage, 'counter-standings-offline');
    await expectAccessible(annaPage, 'counter-standings-offline');

    // Back online, Bram counts more elsewhere; Anna's screen follows without a reload.
    await anna.setOffline(false);
    await bramPage.getByRole('button', { name: 'Wijzig dag, straat en huisnummer' }).click();
    await bramPage.getByLabel(/^Straat/).selectOption(streets[2]!.id);
    await bramPage.getByRole('button', { name: 'Begin met tellen' }).click();
    await bramPage.getByTestId('add-TEGEL_30X30').click();
    await expect.poll(async () => (await coordinator.dashboard(coordinator.tegelwippen.id)).total.entries, { timeout: 30_000 }).toBe(3);
    await expect.poll(() => rows(annaPage, 'standings-streets'), { timeout: 90_000 }).toHaveLength(3);
    expect(await annaPage.getByTestId('standings-time').textContent()).toMatch(/^\s*Stand van \d\d:\d\d\.\s*$/);
    await anna.close();
    await bram.close();
  });
});

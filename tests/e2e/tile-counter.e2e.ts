/// <reference lib="dom" />
/**
 * The tile counter in real Chromium: join online, lose the network, count 30 entries
 * with an undo, close and reopen the page, come back online and sync: the server holds
 * exactly those entries once. Meanwhile a second phone counts on the same street, and the
 * street total is the sum of both.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { launchChromium } from './browser.js';
import { expectAccessible, screenshot } from './support/screens.js';
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
    await expect.poll(() => page.getByTestId('street-total').textContent()).toContain('m²');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    return page;
  }

  const tap = async (page: Page, testId: string, times: number) => {
    for (let i = 0; i < times; i++) await page.getByTestId(testId).click();
  };

  it('counts offline, survives a closed page, and syncs each entry exactly once', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
    let page = await joinAs(phone, 'Teller A', true);
    await screenshot(page, 'counter');
    await expectAccessible(page, 'counter');

    await phone.setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByTestId('street-total').textContent()).toContain('m²');

    await tap(page, 'add-TEGEL_30X30', 28); // 28 × 900
    await page.getByText('Meer tegelijk').click();
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
    await tap(otherPage, 'add-TEGEL_40X40', 10); // 16000

    await page.close();
    page = await phone.newPage();
    await page.goto(`${server.url}/tellen`);
    await expect.poll(() => page.getByTestId('mine-total').textContent()).toBe('3,32 m²');
    await page.goto(`${server.url}/versturen`);
    await expect.poll(() => page.getByTestId('sync-summary').textContent()).toContain('31 nog niet verstuurd');
    await screenshot(page, 'sync');
    await expectAccessible(page, 'sync');

    await phone.setOffline(false);
    await expect.poll(() => page.getByTestId('sync-summary').textContent(), { timeout: 30_000 }).toBe('Alles is verstuurd');
    await expect.poll(async () => (await coordinator.dashboard(coordinator.tegelwippen.id)).total.entries, { timeout: 30_000 }).toBe(41);

    const dashboard = await coordinator.dashboard(coordinator.tegelwippen.id);
    expect(dashboard.total.areaCm2).toBe(33_200 + 16_000);
    const street = dashboard.streets.find((s: any) => s.total.areaCm2 > 0);
    expect(street.total.areaCm2).toBe(49_200);
    expect(dashboard.topParticipants.map((p: any) => p.total.areaCm2).sort()).toEqual([16_000, 33_200]);

    await page.goto(`${server.url}/tellen`);
    await expect.poll(() => page.getByTestId('campaign-total').textContent()).toContain('4,92 van 500 m²');
    await screenshot(page, 'counter-synced');
    await phone.close();
    await other.close();
  });

  it('offers a street and an action day added after joining, without joining again', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
    const page = await joinAs(phone, 'Teller C');
    const { body } = await gqlAt(server.url, 'query($id: ID!) { campaign(id: $id) { neighbourhood { id } } }', { id: coordinator.tegelwippen.id }, { cookie: coordinator.cookie });
    const staff = { cookie: coordinator.cookie };
    const street = await gqlAt(server.url, 'mutation($input: AddStreetInput!) { addStreet(input: $input) { id } }', { input: { neighbourhoodId: body.data.campaign.neighbourhood.id, name: 'Nieuwe Steeg' } }, staff);
    const day = await gqlAt(server.url, 'mutation($input: AddCampaignDayInput!) { addCampaignDay(input: $input) { id } }', { input: { campaignId: coordinator.tegelwippen.id, date: '2027-06-12', label: 'Extra actiedag' } }, staff);
    expect([street.body.errors, day.body.errors]).toEqual([undefined, undefined]);

    // The next sync round (here: the app opening again) brings them to the phone.
    await page.reload();
    // A select inside its label: the accessible name is the label and then the chosen option.
    const options = (label: string) => page.getByLabel(new RegExp(`^${label}`)).locator('option').allTextContents();
    await expect.poll(() => options('Straat'), { timeout: 15_000 }).toContain('Nieuwe Steeg');
    await expect.poll(() => options('Actiedag')).toContain('Extra actiedag (2027-06-12)');

    // And they stay on the phone without network.
    await phone.setOffline(true);
    await page.reload();
    await expect.poll(() => options('Straat')).toContain('Nieuwe Steeg');
    await phone.close();
  });
});

/// <reference lib="dom" />
/**
 * One phone, two activities: a resident answers the schouw checklist while nothing can
 * be sent, joins the tegelwip action on the same phone and counts tiles, closes the app
 * and opens it again (Mijn activiteiten shows both), and when the server can be reached
 * again everything arrives once, each with the token of the activity it was recorded in:
 * nothing is refused, nothing waits. Taking an activity off the phone names what is unsent.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { launchChromium } from './browser.js';
import { expectAccessible, screenshot } from './support/screens.js';
import { demoCoordinator, gqlAt } from './support/staff-api.js';

describe('two activities on one phone (Chromium)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let dir: string;
  let coordinator: Awaited<ReturnType<typeof demoCoordinator>>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-two-'));
    server = await startServer({ DATABASE_PATH: path.join(dir, 'e2e.db'), MEDIA_DIR: path.join(dir, 'media'), NODE_ENV: 'test', GRAPHQL_RATE_LIMIT_PER_MINUTE: '100000' });
    coordinator = await demoCoordinator(server);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends the schouw work with the schouw token after joining the tegelwip action', async () => {
    // Service workers off: this test holds back only the sync requests, which the page itself must see.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL', serviceWorkers: 'block' });
    let holdSync = true;
    await phone.route('**/graphql', (route) => (holdSync && route.request().postData()?.includes('mutation Sync') ? route.abort('internetdisconnected') : route.continue()));
    let page = await phone.newPage();

    await page.goto(`${server.url}/meedoen/${await coordinator.invite(coordinator.schouw.id)}`);
    await page.getByLabel('Jouw naam in de app').fill('Buurvrouw');
    await page.getByRole('button', { name: 'Meedoen' }).click();
    await page.waitForURL(`${server.url}/schouw`);
    await page.getByRole('link', { name: /Speeltuin Boerenpad/ }).click();
    await page.getByRole('group', { name: 'In welke staat zijn de speeltoestellen?' }).getByRole('button', { name: 'Matig (C)' }).click();
    await expect.poll(() => page.getByText('Jouw antwoord: Matig (C)').count()).toBe(1);

    await page.goto(`${server.url}/meedoen/${await coordinator.invite(coordinator.tegelwippen.id)}`);
    await page.getByLabel('Jouw naam in de app').fill('Buurvrouw');
    await page.getByRole('button', { name: 'Meedoen' }).click();
    await page.waitForURL(`${server.url}/tellen`);
    // The first visit asks for the street; the day is today's (the demo's first action day).
    await page.getByLabel(/^Straat/).selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Begin met tellen' }).click();
    await page.getByTestId('add-TEGEL_30X30').click();
    await page.getByTestId('add-TEGEL_30X30').click();
    // Both taps are stored before the page is left (a click does not wait for the write).
    await expect.poll(() => page.getByTestId('street-total').textContent()).toBe('0,18 m²');

    // Closed and opened again, still without a connection: both activities are on the phone,
    // each with what it still has to send, the one joined last shown.
    await page.close();
    page = await phone.newPage();
    await page.goto(server.url);
    const activities = page.getByRole('region', { name: 'Mijn activiteiten' });
    await expect.poll(() => activities.getByTestId('activity').count()).toBe(2);
    const schouwCard = activities.getByTestId('activity').filter({ hasText: 'Buurtschouw' });
    const tellenCard = activities.getByTestId('activity').filter({ hasText: 'Tegelwippen' });
    await expect.poll(() => schouwCard.getByTestId('activity-unsent').textContent()).toContain('Nog niet verstuurd: 1');
    await expect.poll(() => tellenCard.getByTestId('activity-unsent').textContent()).toContain('Nog niet verstuurd: 2');
    expect(await tellenCard.getByText('Open op deze telefoon').count()).toBe(1);
    await screenshot(page, 'my-activities');
    await expectAccessible(page, 'my-activities');
    // The walk opens in the schouw, the counter in the tegelwip action.
    await schouwCard.getByRole('button', { name: 'Naar de schouw' }).click();
    await page.waitForURL(`${server.url}/schouw`);
    await expect.poll(() => page.getByRole('link', { name: /Speeltuin Boerenpad/ }).count()).toBe(1);
    await page.getByRole('link', { name: 'Tegels tellen' }).first().click();
    await page.waitForURL(`${server.url}/tellen`);
    await expect.poll(() => page.getByTestId('street-total').textContent()).toBe('0,18 m²');

    await page.goto(`${server.url}/versturen`);
    await expect.poll(() => page.getByTestId('sync-summary').textContent()).toBe('3 nog niet verstuurd');
    holdSync = false;
    await page.getByRole('button', { name: 'Nu versturen' }).click();
    await expect.poll(() => page.getByTestId('sync-summary').textContent(), { timeout: 30_000 }).toBe('Alles is verstuurd');
    expect(await page.getByRole('heading', { name: 'Heeft je aandacht' }).count()).toBe(0);
    await screenshot(page, 'sync-two-activities');
    await expectAccessible(page, 'sync-two-activities');

    const schouw = await gqlAt(server.url, 'query($id: ID!) { campaign(id: $id) { observations(first: 50) { edges { node { rating } } } } }', { id: coordinator.schouw.id }, { cookie: coordinator.cookie });
    expect(schouw.body.data.campaign.observations.edges.filter((e: any) => e.node.rating === 'C')).toHaveLength(1);
    expect((await coordinator.dashboard(coordinator.tegelwippen.id)).total).toEqual({ areaCm2: 1800, entries: 2 });

    // Taking the tegelwip action off the phone: one count that is not sent yet is named,
    // and goes only when the person throws it away; the schouw stays.
    holdSync = true;
    await page.goto(`${server.url}/tellen`);
    await page.getByTestId('add-TEGEL_30X30').click();
    await expect.poll(() => page.getByTestId('street-total').textContent()).toBe('0,27 m²');
    await page.goto(server.url);
    await tellenCard.getByRole('button', { name: 'Van deze telefoon halen' }).click();
    const leave = tellenCard.getByTestId('leave-activity');
    await expect.poll(() => leave.textContent()).toContain('nog niet alles verstuurd (nog 1)');
    await screenshot(page, 'leave-activity-unsent');
    await expectAccessible(page, 'leave-activity-unsent');
    await leave.getByRole('button', { name: 'Gooi 1 weg en haal van deze telefoon' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'staat niet meer op deze telefoon' }).count()).toBe(1);
    await expect.poll(() => activities.getByTestId('activity').count()).toBe(1);
    expect(await schouwCard.count()).toBe(1);
    holdSync = false;
    await page.goto(`${server.url}/versturen`);
    await page.getByRole('button', { name: 'Nu versturen' }).click();
    await expect.poll(() => page.getByTestId('sync-summary').textContent(), { timeout: 30_000 }).toBe('Alles is verstuurd');
    expect((await coordinator.dashboard(coordinator.tegelwippen.id)).total).toEqual({ areaCm2: 1800, entries: 2 });
    await phone.close();
  });

  it('shows a refused entry with its reason, and lets the person throw it away', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL', serviceWorkers: 'block' });
    let holdSync = false;
    await phone.route('**/graphql', (route) => (holdSync && route.request().postData()?.includes('mutation Sync') ? route.abort('internetdisconnected') : route.continue()));
    const page = await phone.newPage();
    const staff = { cookie: coordinator.cookie };
    const day = await gqlAt(server.url, 'mutation($input: AddCampaignDayInput!) { addCampaignDay(input: $input) { id } }', { input: { campaignId: coordinator.tegelwippen.id, date: '2027-06-19', label: 'Reservedag' } }, staff);

    await page.goto(`${server.url}/meedoen/${await coordinator.invite(coordinator.tegelwippen.id)}`);
    await page.getByLabel('Jouw naam in de app').fill('Teller');
    await page.getByRole('button', { name: 'Meedoen' }).click();
    await page.waitForURL(`${server.url}/tellen`);
    // Dates in Dutch words, with the year when it is not this year: 'za 19 juni 2027 – Reservedag'.
    const reserveDay = await page.getByLabel(/^Actiedag/).locator('option').filter({ hasText: /^za 19 juni( 2027)? – Reservedag$/ }).getAttribute('value');
    await page.getByLabel(/^Actiedag/).selectOption(reserveDay!);
    await page.getByLabel(/^Straat/).selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Begin met tellen' }).click();
    holdSync = true;
    await page.getByTestId('add-TEGEL_30X30').click();
    // Not today's day: asked once before it counts.
    await page.getByRole('dialog', { name: 'Tellen voor een andere dag?' }).getByRole('button', { name: /^Ja, tel voor za 19 juni( 2027)?$/ }).click();
    // The coordinator takes the day out again before the count reaches the server.
    const removed = await gqlAt(server.url, 'mutation($id: ID!) { removeCampaignDay(dayId: $id) { id } }', { id: day.body.data.addCampaignDay.id }, staff);
    expect(removed.body.errors).toBeUndefined();
    holdSync = false;

    await page.goto(`${server.url}/versturen`);
    await page.getByRole('button', { name: 'Nu versturen' }).click();
    const attention = page.getByRole('region', { name: 'Heeft je aandacht' });
    await expect.poll(() => attention.getByText('Deze actiedag hoort niet bij deze actie.').count(), { timeout: 30_000 }).toBe(1);
    expect(await attention.getByText(/^Telling: 1 × 30×30 \(vastgelegd op /).count()).toBe(1);
    await screenshot(page, 'sync-attention');
    await expectAccessible(page, 'sync-attention');

    page.once('dialog', (dialog) => void dialog.accept());
    await attention.getByRole('button', { name: 'Weggooien' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Heeft je aandacht' }).count()).toBe(0);
    await expect.poll(() => page.getByTestId('sync-summary').textContent()).toBe('Alles is verstuurd');
    await phone.close();
  });
});

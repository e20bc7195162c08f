/// <reference lib="dom" />
/**
 * The public progress page a poster QR code points to: no sign-in, no personal data (the
 * gardens greened as a number, no house number), and it follows new counts by itself,
 * without a reload. It shows itself top to bottom, a task per part, so no part of it is one
 * long task on a slow phone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { SYNC, TestDevice } from '../support/sync-client.js';
import { launchChromium } from './browser.js';
import { expectAccessible, screenshot } from './support/screens.js';
import { demoCoordinator, gqlAt } from './support/staff-api.js';

describe('public progress page (Chromium)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-progress-'));
    server = await startServer({ DATABASE_PATH: path.join(dir, 'e2e.db'), MEDIA_DIR: path.join(dir, 'media'), NODE_ENV: 'test' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the total against the target and updates itself when tiles are counted', async () => {
    const coordinator = await demoCoordinator(server);
    const campaigns = await gqlAt(server.url, '{ campaigns { edges { node { id kind days { id } neighbourhood { streets(first: 10) { edges { node { id } } } } } } } }', {}, { cookie: coordinator.cookie });
    const campaign = campaigns.body.data.campaigns.edges.map((e: any) => e.node).find((c: any) => c.kind === 'TEGELWIPPEN');
    const code = await coordinator.invite(campaign.id);
    const join = await gqlAt(server.url, 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { token } }', { input: { code, displayName: 'Geheime Naam', contactConsent: false, showNameInRankings: true } });
    const auth = { authorization: `Bearer ${join.body.data.joinCampaign.token}` };

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL' });
    const page = await context.newPage();
    await page.goto(`${server.url}/voortgang/${campaign.id}`);
    await expect.poll(() => page.getByTestId('progress-total').textContent()).toBe('0,0 m² van 500 m²');
    await page.evaluate(() => ((window as unknown as { marker: boolean }).marker = true));

    const device = new TestDevice();
    const street = campaign.neighbourhood.streets.edges[0].node.id;
    const fromGarden = device.entry('recordTallyEvent', { id: uuidv7(), campaignId: campaign.id, actionDayId: campaign.days[0].id, streetId: street, houseNumber: '7 K', unitCode: 'TEGEL_30X30', count: 10, origin: 'GARDEN' });
    await gqlAt(server.url, SYNC, device.input([fromGarden, device.tally(campaign.id, campaign.days[0].id, street, 5, 'TEGEL_60X60')]), auth);

    await expect.poll(() => page.getByTestId('progress-total').textContent(), { timeout: 15_000 }).toBe('2,7 m² van 500 m²');
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true); // no reload
    expect(await page.content()).not.toContain('Geheime Naam');
    expect(await page.getByText('0,5% van het doel').count()).toBe(1);
    expect(await page.getByTestId('progress-gardens').textContent()).toBe('1 tuin vergroend');
    expect((await page.getByTestId('progress-origin').textContent())!.replace(/\s+/g, ' ').trim()).toBe('Uit tuinen: 0,9 m² Uit de openbare ruimte: 0,0 m² Niet gezegd: 1,8 m²');
    expect(await page.locator('body').innerText()).not.toMatch(/7 ?K/);
    await screenshot(page, 'public-progress');
    await expectAccessible(page, 'public-progress');

    await page.goto(`${server.url}/voortgang/${coordinator.schouw.id}`);
    await expect.poll(() => page.getByText('Deze voortgang is niet (meer) openbaar.').count()).toBe(1);
    await context.close();
  });

  it('shows the total, the unit cards, the streets and the action days each a task after the one before', async () => {
    const { tegelwippen } = await demoCoordinator(server);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
    const page = await context.newPage();
    // A MutationObserver's callback runs once per task that changed the page (after its
    // code, before the next task): parts that appear in one task appear in one callback.
    await page.addInitScript(() => {
      const parts = { total: '[data-testid="progress-total"]', units: '#units-title', streets: '#streets-title', days: '#days-title' };
      const seenIn: Record<string, number> = {};
      (window as unknown as { seenIn: Record<string, number> }).seenIn = seenIn;
      let callback = 0;
      new MutationObserver(() => {
        callback += 1;
        for (const [part, selector] of Object.entries(parts)) if (!(part in seenIn) && document.querySelector(selector)) seenIn[part] = callback;
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${server.url}/voortgang/${tegelwippen.id}`);
    await expect.poll(() => page.locator('#days-title').count()).toBe(1);
    const seenIn = await page.evaluate(() => (window as unknown as { seenIn: Record<string, number> }).seenIn);
    expect(Object.keys(seenIn)).toEqual(['total', 'units', 'streets', 'days']);
    expect(seenIn.total!).toBeLessThan(seenIn.units!);
    expect(seenIn.units!).toBeLessThan(seenIn.streets!);
    expect(seenIn.streets!).toBeLessThan(seenIn.days!);
    await context.close();
  });
});

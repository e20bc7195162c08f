/// <reference lib="dom" />
/**
 * The coordinator console for tegelwippen, in real Chromium at 1440×900: sign in, create a
 * campaign and an invite (its QR code decodes to the join link), open the campaign, and
 * watch counts synced from the street arrive on the dashboard and the big screen without
 * a reload, split by where the tiles came from, with the gardens greened.
 */
import jsqrModule from 'jsqr';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { SYNC, TestDevice } from '../support/sync-client.js';
import { expectAccessible, screenshot } from './support/screens.js';
import { consoleTestBed, signInToConsole } from './support/console.js';
import { demoCoordinator, gqlAt } from './support/staff-api.js';

// jsqr is CommonJS declaring `export default`; under Node's interop the default import is the function itself.
const jsQR = jsqrModule as unknown as typeof jsqrModule.default;

/** What a QR code on the page says, read back from a screenshot of it. */
async function readQrCode(page: Page): Promise<string | null> {
  const png = await page.getByTestId('qr-code').first().screenshot();
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}

describe('console: tegelwippen (Chromium, 1440×900)', () => {
  const bed = consoleTestBed('console');

  it('signs in, creates a campaign and an invite, and shows synced counts on the dashboard without a reload', async () => {
    const { server, browser } = bed;
    const coordinator = await demoCoordinator(server);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL' });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await signInToConsole(page, server);

    // A new tegelwip campaign with one action day.
    await page.getByRole('link', { name: 'Nieuwe campagne' }).click();
    await page.getByLabel('Naam').fill('Tegelwippen Staatsliedenbuurt najaar');
    await page.getByLabel('Doel in m²').fill('200');
    await page.getByLabel('Datum 1').fill('2026-11-28');
    await page.getByLabel('Omschrijving (mag leeg blijven)').fill('Wipdag');
    await page.getByRole('button', { name: 'Campagne aanmaken' }).click();
    await page.waitForURL(/\/beheer\/campagnes\/(?!nieuw)[^/]+$/);
    const campaignId = page.url().split('/').pop()!;
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Tegelwippen Staatsliedenbuurt najaar');
    await page.getByRole('button', { name: 'Campagne openen' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Status: Open' }).count()).toBe(1);
    // A second day typed wrongly is added and taken out again.
    await page.getByLabel('Nieuwe datum').fill('2026-12-31');
    await page.getByRole('button', { name: 'Datum toevoegen' }).click();
    await expect.poll(() => page.locator('ul.days li').count()).toBe(2);
    await page.getByRole('button', { name: 'Weghalen 31 december 2026' }).click();
    await expect.poll(() => page.getByText('31 december 2026 is weggehaald.').count()).toBe(1);
    expect(await page.locator('ul.days').getByRole('button', { name: /^Weghalen/ }).count()).toBe(0);

    // An invite whose QR code, drawn in the browser, leads to the join link.
    await page.getByRole('link', { name: 'Uitnodigingen' }).click();
    await page.getByLabel('Waarvoor').fill('Poster buurthuis');
    await page.getByRole('button', { name: 'Uitnodiging maken' }).click();
    await expect.poll(() => page.getByTestId('qr-code').count()).toBe(1);
    const link = (await page.locator('.created a').first().textContent())!;
    expect(link).toMatch(/\/meedoen\/[A-Z0-9]{10}$/);
    expect(await readQrCode(page)).toBe(link);
    const code = link.split('/').pop()!;
    await page.getByRole('link', { name: 'Afdrukken', exact: true }).click();
    await expect.poll(() => page.getByText(`Code: ${code}`).count()).toBe(1);
    expect(await readQrCode(page)).toBe(link);
    await screenshot(page, 'console-invite-poster');
    await expectAccessible(page, 'console-invite-poster');
    await page.goBack();

    // A second invite is revoked: joining with it no longer works.
    await page.getByRole('button', { name: 'Uitnodiging maken' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
    const revokedCode = (await page.locator('.created h2').textContent())!.split(': ').pop()!;
    await page.getByRole('button', { name: `Intrekken ${revokedCode}` }).click();
    await expect.poll(() => page.getByText(`Uitnodiging ${revokedCode} is ingetrokken.`).count()).toBe(1);
    const refused = await gqlAt(server.url, 'query($code: String!) { invitePreview(code: $code) { campaignName } }', { code: revokedCode });
    expect(refused.body.errors[0].extensions.code).toBe('NOT_FOUND');
    await expectAccessible(page, 'console-invites');

    // A volunteer joins with the first invite and counts in the street.
    const join = await gqlAt(server.url, 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { token campaign { days { id } } } }', {
      input: { code, displayName: 'Ans', contactConsent: false, showNameInRankings: true },
    });
    const auth = { authorization: `Bearer ${join.body.data.joinCampaign.token}` };
    const dayId = join.body.data.joinCampaign.campaign.days[0].id;
    const streets = await gqlAt(server.url, '{ neighbourhood(slug: "staatsliedenbuurt") { streets(first: 20) { edges { node { id name } } } } }', {}, { cookie: coordinator.cookie });
    const [first, second] = streets.body.data.neighbourhood.streets.edges.map((e: any) => e.node);

    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expect.poll(() => page.getByTestId('dashboard-total').textContent()).toBe('0,0 m²');
    await page.evaluate(() => ((window as unknown as { marker: boolean }).marker = true));

    const device = new TestDevice();
    // From a garden at a house number (a garden greened) and from the public space.
    const counted = (streetId: string, count: number, unitCode: string, houseNumber: string, origin: string) =>
      device.entry('recordTallyEvent', { id: uuidv7(), campaignId, actionDayId: dayId, streetId, houseNumber, unitCode, count, origin });
    const pushed = await gqlAt(server.url, SYNC, device.input([counted(first.id, 20, 'TEGEL_30X30', '3', 'GARDEN'), counted(second.id, 10, 'TEGEL_60X60', '5', 'PUBLIC')]), auth);
    expect(pushed.body.data.sync.results.map((r: any) => `${r.status} ${r.message ?? ''}`.trim())).toEqual(['APPLIED', 'APPLIED']);

    await expect.poll(() => page.getByTestId('dashboard-total').textContent(), { timeout: 15_000 }).toBe('5,4 m²');
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true);
    expect((await page.getByTestId('street-bars').locator('li', { hasText: second.name }).textContent())!.replace(/\s+/g, ' ').trim()).toBe(`${second.name} 3,6 m²`);
    expect(await page.getByTestId('top-participants').textContent()).toContain('Ans');
    expect(await page.getByTestId('gardens-greened').textContent()).toBe('1');
    const origin = (label: string) => page.getByTestId('origin-bars').locator('li', { hasText: label }).textContent().then((text) => text!.replace(/\s+/g, ' ').trim());
    expect(await origin('Uit tuinen')).toBe('Uit tuinen 1,8 m²');
    expect(await origin('Uit openbare ruimte')).toBe('Uit openbare ruimte 3,6 m²');
    expect(await origin('Niet gezegd')).toBe('Niet gezegd 0,0 m²');
    await screenshot(page, 'console-dashboard');
    await expectAccessible(page, 'console-dashboard');
    // Usable on a tablet too: nothing wider than the screen.
    await page.setViewportSize({ width: 820, height: 1180 });
    await screenshot(page, 'console-dashboard-tablet');
    await page.setViewportSize({ width: 1440, height: 900 });

    // The device shows up with its last sync.
    await page.getByRole('link', { name: 'Deelnemers en apparaten' }).click();
    await expect.poll(() => page.getByRole('cell', { name: 'Ans', exact: true }).count()).toBe(2);
    await expectAccessible(page, 'console-participants');
    await page.setViewportSize({ width: 820, height: 1180 });
    await screenshot(page, 'console-participants-tablet');
    await page.setViewportSize({ width: 1440, height: 900 });

    // The big screen follows new counts by itself too.
    await page.goto(`${server.url}/beheer/campagnes/${campaignId}/groot-scherm`);
    await expect.poll(() => page.getByTestId('big-total').textContent()).toBe('5,4 m²');
    await gqlAt(server.url, SYNC, device.input([device.tally(campaignId, dayId, first.id, 46_000, 'AREA')]), auth);
    await expect.poll(() => page.getByTestId('big-total').textContent(), { timeout: 15_000 }).toBe('10,0 m²');
    expect(await page.getByTestId('big-gardens').textContent()).toBe('1 tuin vergroend');
    await screenshot(page, 'console-big-screen');
    await expectAccessible(page, 'console-big-screen');

    // Ten days on, after a new action day, the device that has not synced since is pointed out.
    const dayAhead = new Date(Date.now() + 10 * 86_400_000);
    await gqlAt(server.url, 'mutation($input: AddCampaignDayInput!) { addCampaignDay(input: $input) { id } }', { input: { campaignId, date: dayAhead.toISOString().slice(0, 10) } }, { cookie: coordinator.cookie });
    await page.clock.setFixedTime(new Date(dayAhead.getTime() + 86_400_000));
    await page.goto(`${server.url}/beheer/campagnes/${campaignId}/deelnemers`);
    await expect.poll(() => page.getByTestId('devices-behind').textContent()).toContain('1 apparaat heeft niet meer gesynchroniseerd sinds');
    expect(await page.locator('tr.behind').count()).toBe(1);
    await context.close();
  });
});

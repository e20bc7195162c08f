/// <reference lib="dom" />
/**
 * Schouw results in the console, in real Chromium at 1440×900: a resident records a finding
 * with a photo in the field app; the coordinator finds it in the filtered table and on the
 * map (no map tiles: markers and list still work), settles an edit conflict, answers it with a public message that
 * the resident then reads on the phone, routes it to a partner, makes an action plan item,
 * and turns the report into a PDF with the photo in it. The partner, invited as staff,
 * sees only what was routed to them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/server-process.js';
import { SYNC, TestDevice } from '../support/sync-client.js';
import { consoleTestBed, signInToConsole } from './support/console.js';
import { expectAccessible, screenshot, screenshotDir } from './support/screens.js';
import { demoCoordinator, gqlAt } from './support/staff-api.js';

const photo = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'losse-stoeptegel.jpg');
const PARTNER = 'Gemeente Alblasserdam – Beheer & Onderhoud';

describe('console: schouw results and follow-up (Chromium, 1440×900)', () => {
  const bed = consoleTestBed('console-schouw');

  /** The resident walks: one rating answer and one finding with a photo, sent to the server. */
  async function residentRecords(phonePage: Page, code: string) {
    const { server } = bed;
    await phonePage.goto(`${server.url}/meedoen/${code}`);
    await phonePage.getByLabel('Jouw naam in de app').fill('Bewoner Émile');
    await phonePage.getByLabel('Ik wil horen wat er met mijn meldingen gebeurt').check();
    await phonePage.getByLabel('E-mailadres of telefoonnummer').fill('emile@example.org');
    await phonePage.getByRole('button', { name: 'Meedoen' }).click();
    await phonePage.waitForURL(`${server.url}/schouw`);
    await phonePage.getByRole('link', { name: /Speeltuin Boerenpad/ }).click();
    await phonePage.getByRole('group', { name: 'In welke staat zijn de speeltoestellen?' }).getByRole('button', { name: 'Matig (C)' }).click();
    await phonePage.getByRole('link', { name: 'Bevinding met foto toevoegen' }).click();
    await phonePage.getByLabel('Onderwerp').selectOption('HEEL');
    await phonePage.getByLabel('Wat zie je?').fill('Losse stoeptegel bij de ingang');
    await phonePage.locator('input[type="file"]').setInputFiles(photo);
    await expect.poll(() => phonePage.getByTestId('photo-count').textContent()).toContain('1 foto');
    await phonePage.getByLabel('Locatie onbekend').check();
    await phonePage.getByRole('button', { name: 'Bevinding opslaan' }).click();
    await phonePage.waitForURL(/\/schouw\/plek\//);
    await phonePage.goto(`${server.url}/versturen`);
    await expect.poll(() => phonePage.getByTestId('sync-summary').textContent(), { timeout: 30_000 }).toBe('Alles is verstuurd');
  }

  it('filters, maps, triages and routes a finding, feeds back to the resident, and prints the report with its photo', async () => {
    const { server, browser, dir } = bed;
    const coordinator = await demoCoordinator(server);
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
    const phonePage = await phone.newPage();
    await residentRecords(phonePage, await coordinator.invite(coordinator.schouw.id));

    // Two coordinator tablets edit the same field offline: the second becomes a conflict.
    const listed = await gqlAt(server.url, 'query($id: ID!) { campaign(id: $id) { findings(first: 10) { edges { node { id text } } } } }', { id: coordinator.schouw.id }, { cookie: coordinator.cookie });
    const tileFinding = listed.body.data.campaign.findings.edges.map((e: any) => e.node).find((f: any) => f.text === 'Losse stoeptegel bij de ingang');
    for (const suggestion of ['Tegel vastleggen', 'Hele stoep opnieuw bestraten']) {
      const tablet = new TestDevice();
      const edit = tablet.entry('editFinding', { findingId: tileFinding.id, baseVersion: 1, changes: { suggestion } });
      const sent = await gqlAt(server.url, SYNC, tablet.input([edit], null, coordinator.schouw.id), { cookie: coordinator.cookie });
      expect(sent.body.data.sync.results[0].status).toBe('APPLIED');
    }

    const desk = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL' });
    const page = await desk.newPage();
    await signInToConsole(page, server);
    await page.getByRole('link', { name: coordinator.schouw.name }).click();
    await page.getByRole('link', { name: 'Bevindingen', exact: true }).click();

    // The table with its filters and counts (the rating answer is an observation, not a
    // finding). The server filters and counts; Onderdeel is the theme the resident chose.
    await expect.poll(() => page.getByTestId('findings-count').textContent()).toBe('1 van 1 bevindingen');
    await page.getByLabel('Oordeel', { exact: true }).selectOption('A');
    await expect.poll(() => page.getByTestId('findings-count').textContent()).toBe('0 van 1 bevindingen');
    await page.getByLabel('Oordeel', { exact: true }).selectOption('');
    await page.getByLabel('Onderdeel', { exact: true }).selectOption({ label: 'Heel' });
    await expect.poll(() => page.getByTestId('findings-count').textContent()).toBe('1 van 1 bevindingen');
    await page.getByLabel('Onderdeel', { exact: true }).selectOption({ label: 'Schoon' });
    await expect.poll(() => page.getByTestId('findings-count').textContent()).toBe('0 van 1 bevindingen');
    await page.getByRole('button', { name: 'Filters wissen' }).click();
    await page.getByLabel('Partner', { exact: true }).selectOption({ label: PARTNER });
    await expect.poll(() => page.getByTestId('findings-count').textContent()).toBe('0 van 1 bevindingen');
    await page.getByRole('button', { name: 'Filters wissen' }).click();
    await expect.poll(() => page.getByTestId('findings-count').textContent()).toBe('1 van 1 bevindingen');
    const counts = (await page.getByTestId('section-rating-counts').locator('tfoot').textContent())!.replace(/\s+/g, ' ');
    expect(counts).toContain('Totaal');
    expect(counts.trim().endsWith('1')).toBe(true);
    expect(await page.getByTestId('section-rating-counts').locator('tbody th').textContent()).toBe('Heel');
    await screenshot(page, 'console-findings-table');
    await expectAccessible(page, 'console-findings-table');
    await page.setViewportSize({ width: 820, height: 1180 });
    await screenshot(page, 'console-findings-table-tablet');
    await page.setViewportSize({ width: 1440, height: 900 });

    // The map without tiles: the finding sits at its spot, numbered like the table.
    await page.getByRole('button', { name: 'Kaart' }).click();
    await expect.poll(() => page.locator('.finding-marker').count()).toBe(1);
    expect(await page.locator('.leaflet-tile').count()).toBe(0);
    await screenshot(page, 'console-map');
    await expectAccessible(page, 'console-map');

    // Follow-up: status with a public message, then routing to a partner.
    await page.getByRole('link', { name: 'Losse stoeptegel bij de ingang' }).click();
    await page.waitForURL(/\/beheer\/bevindingen\//);
    const findingUrl = page.url();
    await expect.poll(() => page.locator('.photos img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.getByRole('button', { name: 'Foto 1 groot bekijken' }).click();
    const large = page.getByRole('dialog', { name: 'Foto groot' }).getByRole('img');
    await expect.poll(() => large.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 320)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page.getByRole('button', { name: 'Neem "Hele stoep opnieuw bestraten"' }).click();
    await expect.poll(() => page.getByText('Het conflict is opgelost.').count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Conflicten uit de app' }).count()).toBe(0);
    expect(await page.locator('dd', { hasText: 'Hele stoep opnieuw bestraten' }).count()).toBe(1);
    await page.getByLabel('Nieuwe status').selectOption('IN_BEHANDELING');
    await page.getByRole('button', { name: 'Status opslaan' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('minstens 10 tekens');
    await page.getByLabel('Bericht voor de bewoners').fill('De gemeente kijkt deze week naar de tegel.');
    await page.getByRole('button', { name: 'Status opslaan' }).click();
    await expect.poll(() => page.getByTestId('finding-status').textContent()).toBe('In behandeling');
    await page.getByLabel('Partner', { exact: true }).selectOption({ label: PARTNER });
    await page.getByRole('button', { name: 'Doorsturen opslaan' }).click();
    await expect.poll(() => page.getByText(`Doorgestuurd naar ${PARTNER}.`).count()).toBe(1);
    // The resident asked for feedback: the contact details show on request, and the look is recorded.
    expect(await page.getByTestId('recorder-contact').count()).toBe(0);
    await page.getByRole('button', { name: 'Contactgegevens tonen' }).click();
    await expect.poll(() => page.getByTestId('recorder-contact').textContent()).toBe('emile@example.org');
    await screenshot(page, 'console-follow-up');
    await expectAccessible(page, 'console-follow-up');
    await page.setViewportSize({ width: 820, height: 1180 });
    await screenshot(page, 'console-follow-up-tablet');
    await page.setViewportSize({ width: 1440, height: 900 });

    // The resident reads the message on the phone.
    await phonePage.goto(`${server.url}/schouw/mijn`);
    await expect.poll(() => phonePage.getByText('De gemeente kijkt deze week naar de tegel.').count(), { timeout: 30_000 }).toBe(1);

    // An action plan item from the finding.
    await page.goBack();
    await page.waitForURL(/\/bevindingen$/);
    await expect.poll(() => page.locator('input.pick').count()).toBe(1);
    for (const box of await page.locator('input.pick').all()) await box.check();
    await page.getByLabel('Wat gaan we doen').fill('Speeltuin Boerenpad opknappen met de gemeente');
    await page.getByLabel('Trekker (persoon of team)').fill('Buurtkracht-team');
    await page.getByRole('button', { name: 'Actiepunt toevoegen' }).click();
    await expect.poll(() => page.getByText(/is toegevoegd aan het actieplan \(1 bevinding\)/).count()).toBe(1);
    await page.getByRole('link', { name: 'Actieplan', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Speeltuin Boerenpad opknappen met de gemeente', exact: true }).count()).toBe(1);

    // The report, printed to PDF, carries the photo.
    await page.goto(`${server.url}/beheer/campagnes/${coordinator.schouw.id}/verslag`);
    await expect.poll(() => page.getByTestId('report-photo').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 15_000 }).toBe(true);
    expect((await page.getByTestId('report-summary').textContent())!.replace(/\s+/g, ' ').trim()).toMatch(
      /Bewoners legden 1 bevinding vast om op te pakken, waarvan 1 met foto\. 0 zijn afgehandeld en het actieplan telt 1 actiepunt\.$/,
    );
    await screenshot(page, 'console-report');
    await expectAccessible(page, 'console-report');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    fs.writeFileSync(path.join(screenshotDir, 'verslag-met-bevindingen.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.includes(Buffer.from('/Subtype /Image'))).toBe(true);

    // The map takes its tiles from the URL the server names (MAP_TILE_URL, here faked in
    // the browser to a same-origin address, which the CSP allows).
    const tiled = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL', serviceWorkers: 'block', storageState: await desk.storageState() });
    const tile = await sharp({ create: { width: 256, height: 256, channels: 3, background: '#cfe8cf' } }).png().toBuffer();
    const tilesPage = await tiled.newPage();
    await tilesPage.route(`${server.url}/graphql`, async (route) => {
      if (!route.request().postData()?.includes('serverInfo')) return route.continue();
      return route.fulfill({ json: { data: { serverInfo: { mapTileUrl: `${server.url}/kaarttegels/{z}/{x}/{y}.png`, serverTime: new Date().toISOString() } } } });
    });
    await tilesPage.route(`${server.url}/kaarttegels/**`, (route) => route.fulfill({ contentType: 'image/png', body: tile }));
    await tilesPage.goto(findingUrl);
    await expect.poll(() => tilesPage.locator('img.leaflet-tile-loaded').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await tilesPage.locator('img.leaflet-tile').first().getAttribute('src')).toMatch(new RegExp(`^${server.url}/kaarttegels/\\d+/\\d+/\\d+\\.png$`));
    expect(await tilesPage.locator('.finding-marker').count()).toBe(1);
    await tiled.close();

    // An admin (made with the CLI) invites the partner in the console; the partner accepts
    // the invite and sees only the routed finding.
    const adminPassword = 'paarse-fiets-regent-7';
    execFileSync(process.execPath, ['--import', 'tsx', 'server/src/admin-create.ts', '--email', 'beheer@example.org', '--name', 'Beheerder', '--password-stdin'], {
      cwd: repoRoot,
      input: adminPassword,
      env: { ...process.env, DATABASE_PATH: path.join(dir, 'e2e.db'), MEDIA_DIR: path.join(dir, 'media') },
    });
    const adminContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL' });
    const admin = await adminContext.newPage();
    await admin.goto(`${server.url}/beheer/inloggen`);
    await admin.getByLabel('E-mailadres').fill('beheer@example.org');
    await admin.getByLabel('Wachtwoord').fill(adminPassword);
    await admin.getByRole('button', { name: 'Inloggen' }).click();
    await admin.waitForURL(`${server.url}/beheer`);
    await admin.getByRole('link', { name: 'Team en partners' }).click();
    await admin.getByLabel('E-mailadres').fill('wijkbeheer@example.org');
    await admin.getByLabel('Rol').selectOption('PARTNER');
    await admin.getByLabel('Organisatie').selectOption({ label: PARTNER });
    await admin.getByRole('button', { name: 'Uitnodiging maken' }).click();
    const inviteLink = new URL((await admin.getByTestId('staff-invite-link').textContent())!);
    await expectAccessible(admin, 'console-team');
    await adminContext.close();

    const partnerContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL' });
    const partner = await partnerContext.newPage();
    await partner.goto(`${server.url}${inviteLink.pathname}${inviteLink.hash}`);
    await partner.getByLabel('Je naam').fill('Wijkbeheerder');
    await partner.getByLabel('Wachtwoord (minstens 12 tekens)').fill('een-lang-wachtwoord-1');
    await partner.getByLabel('Wachtwoord nog een keer').fill('een-lang-wachtwoord-1');
    await partner.getByRole('button', { name: 'Account aanmaken' }).click();
    await partner.waitForURL(`${server.url}/beheer`);
    await expect.poll(() => partner.getByTestId('findings-table').locator('tbody tr').count()).toBe(1);
    expect(await partner.getByTestId('findings-table').textContent()).toContain('Losse stoeptegel bij de ingang');
    expect(await partner.getByRole('link', { name: 'Campagnes' }).count()).toBe(0);
    await expectAccessible(partner, 'console-partner');

    // A finding not routed to them looks exactly like one that does not exist.
    const other = await gqlAt(
      server.url,
      'mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }',
      { input: { id: uuidv7(), campaignId: coordinator.schouw.id, category: 'SCHOON', text: 'Zwerfvuil bij de bushalte', deviceTime: new Date().toISOString() } },
      { cookie: coordinator.cookie },
    );
    expect(other.body.errors).toBeUndefined();
    const others = await gqlAt(server.url, 'query($id: ID!) { campaign(id: $id) { findings(first: 10) { edges { node { id text } } } } }', { id: coordinator.schouw.id }, { cookie: coordinator.cookie });
    const unrouted = others.body.data.campaign.findings.edges.map((e: any) => e.node).find((f: any) => f.text !== 'Losse stoeptegel bij de ingang');
    await partner.goto(`${server.url}/beheer/bevindingen/${unrouted.id}`);
    await expect.poll(() => partner.getByRole('heading', { name: 'Bevinding niet gevonden' }).count()).toBe(1);

    // The partner moves the routed finding on, with a message for residents.
    await partner.goto(findingUrl);
    await partner.getByLabel('Nieuwe status').selectOption('INGEPLAND');
    await partner.getByLabel('Bericht voor de bewoners').fill('De tegel wordt op 3 december vastgelegd.');
    await partner.getByRole('button', { name: 'Status opslaan' }).click();
    await expect.poll(() => partner.getByTestId('finding-status').textContent()).toBe('Ingepland');
    expect(await partner.getByRole('heading', { name: 'Doorsturen naar een partner' }).count()).toBe(0);

    await Promise.all([phone.close(), desk.close(), partnerContext.close()]);
  });
});

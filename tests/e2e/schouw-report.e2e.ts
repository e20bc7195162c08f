/// <reference lib="dom" />
/**
 * The printed schouw report (verslag met bevindingen) of the demo's last-year schouw, in
 * real Chromium: scores per theme with their distribution, the spots that got worse, the
 * findings per theme and street, the map fitted to its markers, and the action plan;
 * printed to an A4 PDF that is read back page by page (PDF.js): the expected number of
 * pages, no near-empty first page, and the map on one page, not cut off.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleTestBed, signInToConsole } from './support/console.js';
import { readPdf } from './support/pdf.js';
import { expectAccessible, screenshot, screenshotDir } from './support/screens.js';
import { demoCoordinator, gqlAt } from './support/staff-api.js';

/** Pages of the demo's last-year report on A4 (see the seed in server/src/seed/demo-history.ts). */
const DEMO_REPORT_PAGES = 3;

describe('console: the schouw report on paper (Chromium, A4)', () => {
  const bed = consoleTestBed('schouw-report');

  it('prints last year’s demo schouw on the expected pages, the map whole and fitted to its markers', async () => {
    const { server, browser } = bed;
    const coordinator = await demoCoordinator(server);
    const { body } = await gqlAt(server.url, '{ campaigns(first: 10) { edges { node { id kind status name } } } }', {}, { cookie: coordinator.cookie });
    const lastYear = body.data.campaigns.edges.map((e: any) => e.node).find((c: any) => c.kind === 'SCHOUW' && c.status === 'CLOSED');
    expect(lastYear, 'the demo has last year’s schouw').toBeTruthy();
    const facts = await gqlAt(
      server.url,
      'query($id: ID!) { campaign(id: $id) { findings(first: 100) { totalCount edges { node { status photoIds } } } actionPlan { id } scores { themes { theme score { level } } } } }',
      { id: lastYear.id },
      { cookie: coordinator.cookie },
    );
    const { findings, actionPlan, scores } = facts.body.data.campaign;

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    const page = await context.newPage();
    await signInToConsole(page, server);
    await page.goto(`${server.url}/beheer/campagnes/${lastYear.id}/verslag`);
    const summary = page.getByTestId('report-summary');
    await expect.poll(() => summary.count(), { timeout: 20_000 }).toBe(1);
    const handled = findings.edges.filter((e: any) => ['AFGEHANDELD', 'NIET_OPPAKBAAR'].includes(e.node.status)).length;
    const text = (await summary.textContent())!.replace(/\s+/g, ' ').trim();
    expect(text).toMatch(/^De buurt scoort \S+ \(.+\) \(\d+ oordelen\)\./);
    expect(text).toContain(`Bewoners legden ${findings.totalCount} bevindingen vast om op te pakken`);
    expect(text).toContain(`${handled} ${handled === 1 ? 'is' : 'zijn'} afgehandeld en het actieplan telt ${actionPlan.length} actiepunt`);
    // Every rated theme is in the scores table, with its distribution in words.
    const rated = scores.themes.filter((t: any) => t.score.level !== null).length;
    await expect.poll(() => page.getByTestId('report-theme-scores').locator('tbody tr').count()).toBe(scores.themes.length);
    expect(await page.getByTestId('report-theme-scores').getByText(/A\+: \d+ · A: \d+ · B: \d+ · C: \d+ · D: \d+ · n\.v\.t\.: \d+/).count()).toBe(rated);
    // The first schouw of the demo: nothing to compare with, and the report says so.
    await expect.poll(() => page.getByText('Dit is de eerste schouw van de buurt; er is nog niets om mee te vergelijken.').count()).toBe(1);

    // The map shows one numbered marker per finding, all inside the map (fitted to them).
    const map = page.getByTestId('findings-map');
    await expect.poll(() => map.locator('.finding-marker').count()).toBe(findings.totalCount);
    const inside = await map.evaluate((element) => {
      const box = element.getBoundingClientRect();
      return [...element.querySelectorAll('.finding-marker')].every((marker) => {
        const m = marker.getBoundingClientRect();
        return m.left >= box.left && m.right <= box.right && m.top >= box.top && m.bottom <= box.bottom;
      });
    });
    expect(inside, 'every marker inside the map').toBe(true);
    await screenshot(page, 'console-report');
    await expectAccessible(page, 'console-report');

    // On paper: the same map size as on screen, so the fit holds; the map section fits one page.
    await page.emulateMedia({ media: 'print' });
    const mapHeightMm = await page.locator('.map-section').evaluate((section) => section.getBoundingClientRect().height / (96 / 25.4));
    expect(mapHeightMm, 'the map section fits the printable height of A4 (297 − 32 mm)').toBeLessThan(265);
    await page.emulateMedia({ media: null });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    fs.writeFileSync(path.join(screenshotDir, 'verslag-met-bevindingen.pdf'), pdf);
    const read = await readPdf(browser, pdf);
    try {
      expect(read.pages.length, read.pages.map((p, i) => `page ${i + 1}: ${p.slice(0, 80)}`).join('\n')).toBe(DEMO_REPORT_PAGES);
      // The first page is not a title alone: the summary and the scores start there.
      expect(read.pages[0]).toContain('Samenvatting');
      expect(read.pages[0]).toContain('Score per onderdeel');
      // The map's heading and its caption under the map are on the same page: not cut off.
      const mapPage = read.pages.findIndex((p) => p.includes('Kaart van de bevindingen'));
      expect(mapPage).toBeGreaterThanOrEqual(0);
      const caption = (await page.getByTestId('findings-map-caption').textContent())!.replace(/\s+/g, ' ').trim().slice(0, 30);
      expect(read.pages[mapPage], `map caption "${caption}" on the map's page`).toContain(caption);
      expect(read.pages.join(' ')).toContain('Actieplan');
      await read.screenshot([1, 2], path.join(screenshotDir, 'verslag-pagina-1-en-2.png'));
      await read.screenshot([3], path.join(screenshotDir, 'verslag-pagina-3.png'));
    } finally {
      await read.close();
      await context.close();
    }
  });
});

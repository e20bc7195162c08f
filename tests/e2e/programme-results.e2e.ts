/// <reference lib="dom" />
/**
 * The programme's results (/beheer/resultaten) in real Chromium at 1440×900, on the demo
 * data: last year's tegelwip action and schouw (closed, their personal data erased by the
 * retention run at start-up) and this year's open campaigns. The coordinator opens the page
 * from the menu and reads the figures: last year's tiles worked out by hand from the demo
 * seed (demo-history-tegelwippen.ts), this year's households from the demo sign-ups, the
 * findings as the API gives them, each chart with its table, satisfaction not known (the
 * demo asks no questionnaire); downloads the CSV and parses
 * it; and prints the page without the menu. Axe on the screen; screenshots in
 * test-results/screenshots/console-programme-results*.png.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../server/src/seed/demo-seed.js';
import { consoleTestBed, signInToConsole } from './support/console.js';
import { expectAccessible, screenshot } from './support/screens.js';
import { demoCoordinator } from './support/staff-api.js';

/** A table's body rows, each as its cells' text. */
async function rows(page: Page, testId: string): Promise<string[][]> {
  return page.getByTestId(testId).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent!.replace(/\s+/g, ' ').trim())));
}

describe('console: programme results (Chromium, 1440×900)', () => {
  const bed = consoleTestBed('programme-results');

  it('shows the figures per year with charts and their tables, downloads the CSV, and prints without the menu', async () => {
    const { server, browser } = bed;
    // The years as the demo seed dates them (today's campaigns, last year's walk and action day).
    const thisYear = localDate(0).slice(0, 4);
    const tegelYear = localDate(-385).slice(0, 4);
    const walkYear = localDate(-364).slice(0, 4);
    const coordinator = await demoCoordinator(server);
    const api = await coordinator.gql('{ neighbourhood(slug: "staatsliedenbuurt") { id } }');
    const figures = (await coordinator.gql('query($id: ID!) { programmeResults(neighbourhoodId: $id) { years { year findings { count handled } } } }', { id: api.neighbourhood.id })).programmeResults;
    const lastYearsFindings = figures.years.find((y: { year: number }) => String(y.year) === walkYear).findings;
    expect(lastYearsFindings.count).toBeGreaterThan(0);

    const desk = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL', acceptDownloads: true });
    const page = await desk.newPage();
    await signInToConsole(page, server);
    await page.getByRole('navigation', { name: 'Beheermenu' }).getByRole('link', { name: 'Resultaten' }).click();
    await page.waitForURL(/\/beheer\/resultaten$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Resultaten van het programma: Staatsliedenbuurt');

    // Tiles: last year 96+120 tiles of 30×30, 48 of 50×50, 40 of 60×60, 150+60 of 30×30,
    // 220 of 30×30 from the pavement and 350 klinkers: 91.54 m², 1007 NK tiles, against 100 m²;
    // six gardens (the pavement greens none). This year: nothing counted yet against 500 m².
    const tiles = await rows(page, 'tiles-table');
    expect(tiles).toContainEqual([tegelYear, '91,54', '1.007', '100', '91,5%', '6']);
    expect(tiles).toContainEqual([thisYear, '0,0', '0', '500', '0,0%', '0']);
    const chart = page.getByRole('img', { name: 'Verwijderde tegels per jaar (m²) tegen het doel' });
    expect(await chart.count()).toBe(1);
    expect(await chart.locator('desc').textContent()).toContain(`${tegelYear}: 91,54 m² van 100 m² doel`);

    // Participation: this year's five demo gardens are five households; last year's addresses were erased.
    const participation = await rows(page, 'participation-table');
    expect(participation).toContainEqual([thisYear, 'Tegelwippen', '1', '5', '0', '5']);
    expect(participation).toContainEqual([tegelYear, 'Tegelwippen', '1', '6', '0', 'gewist']);
    expect(participation.find((r) => r[0] === walkYear && r[1] === 'Buurtschouw')?.[5]).toBe('niet gevraagd');
    expect(await page.getByTestId('retention-note').count()).toBe(1);

    // Findings and scores as the server computes them.
    const findings = await rows(page, 'findings-table');
    expect(findings.find((r) => r[0] === walkYear)?.slice(1, 3)).toEqual([String(lastYearsFindings.count), String(lastYearsFindings.handled)]);
    expect(await page.getByRole('img', { name: 'Bevindingen en afgehandelde bevindingen per jaar' }).count()).toBe(1);
    expect(await page.getByTestId('scores-table').locator('thead th').allTextContents()).toContain(walkYear);
    // Satisfaction: the demo campaigns ask no questionnaire, and the page says so instead of showing zeros.
    expect(await page.getByRole('region', { name: 'Tevredenheid (vragenlijst)' }).textContent()).toContain('Nog geen actie met een vragenlijst in deze buurt.');

    await screenshot(page, 'console-programme-results');
    await expectAccessible(page, 'console-programme-results');

    // The CSV for Dutch Excel: every figure a row, decimal commas.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Alle cijfers (CSV voor Excel)' }).click()]);
    const csv = parse(fs.readFileSync((await download.path())!, 'utf8'), { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];
    expect(csv.find((r) => r.Jaar === tegelYear && r.Onderwerp === 'Tegelwippen' && r.Cijfer === 'Verwijderd (m²)')?.Waarde).toBe('91,54');
    expect(csv.find((r) => r.Jaar === walkYear && r.Onderwerp === 'Bevindingen' && r.Cijfer === 'Aantal')?.Waarde).toBe(String(lastYearsFindings.count));
    expect(csv.find((r) => r.Jaar === thisYear && r.Onderdeel === 'Tegelwippen' && r.Cijfer === 'Huishoudens (adressen)')?.Waarde).toBe('5');
    expect(csv.find((r) => r.Jaar === thisYear && r.Onderwerp === 'Tevredenheid (vragenlijst)' && r.Cijfer === 'Reacties')).toMatchObject({ Waarde: '', Toelichting: 'Niet bekend: geen actie van dit jaar had een vragenlijst.' });

    // Printed on A4: no menu, no buttons, the charts within the page width.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    expect(await page.getByRole('navigation', { name: 'Beheermenu' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Afdrukken' }).isVisible()).toBe(false);
    const widest = await page.locator('figure.chart svg').evaluateAll((svgs) => Math.max(...svgs.map((s) => s.getBoundingClientRect().right)));
    expect(widest).toBeLessThanOrEqual(794);
    await screenshot(page, 'console-programme-results-print');
    await desk.close();
  });
});

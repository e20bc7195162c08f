/// <reference lib="dom" />
/**
 * The console's Scores tab, in real Chromium at 1440×900: two schouws of the demo
 * neighbourhood (last year's and this year's) get answers from three walkers each through
 * the API, one answer changed later and some n.v.t.; the coordinator reads the overall
 * score, the theme × street table and the spot list with exactly the levels, counts and
 * changes worked out by hand below, sorts the spots by change, reads a spot's answers and
 * makes a finding of one, and sees the spots on the map with their letters. Axe on the
 * screen; screenshots in test-results/screenshots/console-scores*.png.
 */
import type { Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { consoleTestBed, signInToConsole } from './support/console.js';
import { expectAccessible, screenshot } from './support/screens.js';
import { demoCoordinator, gqlAt } from './support/staff-api.js';

const SPEELTUIN = 'Speeltuin Boerenpad';
const PLANTSOEN = 'Plantsoen Troelstrastraat (demo)';
const BANKJE = 'Bankje bij de Troelstrastraat (demo)';
const ITEMS = {
  schoon: 'Hoe schoon is het (afval, zwerfvuil, hondenpoep)?',
  speel: 'In welke staat zijn de speeltoestellen?',
  groen: 'Hoe ziet het groen eruit (gemaaid, gesnoeid, geen onkruid)?',
  bank: 'In welke staat zijn de bankjes en het straatmeubilair?',
} as const;

/**
 * Per schouw: spot, question, and the three walkers' ratings (null: that walker did not answer).
 * Last year: Speeltuin C (B C C D D C), Plantsoen B (A A B B B B), Bankje C (C C D).
 * This year: Speeltuin B (A B B B B C: ↑), Plantsoen C (C C C B B, one n.v.t.: ↓), Bankje C (C, two n.v.t.: =).
 */
const ANSWERS: Record<'lastYear' | 'thisYear', [string, keyof typeof ITEMS, (string | null)[]][]> = {
  lastYear: [
    [SPEELTUIN, 'schoon', ['B', 'C', 'C']],
    [SPEELTUIN, 'speel', ['D', 'D', 'C']],
    [PLANTSOEN, 'groen', ['A', 'A', 'B']],
    [PLANTSOEN, 'schoon', ['B', 'B', 'B']],
    [BANKJE, 'bank', ['C', 'C', 'D']],
  ],
  thisYear: [
    [SPEELTUIN, 'schoon', ['A', 'B', 'B']],
    [SPEELTUIN, 'speel', ['B', 'B', 'C']],
    [PLANTSOEN, 'groen', ['C', 'C', 'C']],
    [PLANTSOEN, 'schoon', ['B', 'B', 'NVT']],
    [BANKJE, 'bank', ['C', 'NVT', 'NVT']],
  ],
};

/** The heat table as read on screen: per row its heading and each cell's letter and count line. */
async function heatTable(page: Page): Promise<string[][]> {
  return page.getByTestId('score-heat-table').evaluate((table: HTMLTableElement) =>
    [...table.rows].map((row) => [...row.cells].map((cell) => (cell.tagName === 'TH' ? cell.textContent!.trim() : [...cell.querySelectorAll('[aria-hidden="true"]')].map((e) => e.textContent!.replace(/\s+/g, ' ').trim()).join(' ')))),
  );
}

async function spotRows(page: Page): Promise<string[]> {
  return page.getByTestId('spot-row').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()).join(' | ')));
}

describe('console: schouw scores (Chromium, 1440×900)', () => {
  const bed = consoleTestBed('console-scores');

  it('shows the scores per theme, street and spot with last year beside them, sorts by change, and makes a finding of an answer', async () => {
    const { server, browser } = bed;
    const coordinator = await demoCoordinator(server);
    const asCoordinator = (query: string, variables: Record<string, unknown> = {}) => gqlAt(server.url, query, variables, { cookie: coordinator.cookie });
    const demo = await asCoordinator('query($id: ID!) { campaign(id: $id) { neighbourhood { id } checklist { id sections { items { id prompt } } } } neighbourhood(slug: "staatsliedenbuurt") { spots(first: 100) { edges { node { id name } } } } }', { id: coordinator.schouw.id });
    const itemId = (key: keyof typeof ITEMS) => demo.body.data.campaign.checklist.sections.flatMap((s: any) => s.items).find((i: any) => i.prompt === ITEMS[key]).id as string;
    const spotId = (name: string) => demo.body.data.neighbourhood.spots.edges.find((e: any) => e.node.name === name).node.id as string;

    // Last year's schouw is made first, so it is the one this year's compares with.
    const openSchouw = async (name: string) => {
      const made = await asCoordinator('mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }', {
        input: { neighbourhoodId: demo.body.data.campaign.neighbourhood.id, kind: 'SCHOUW', name, checklistVersionId: demo.body.data.campaign.checklist.id, days: [{ date: '2027-05-01' }] },
      });
      const id = made.body.data.createCampaign.id as string;
      await asCoordinator('mutation($input: ChangeCampaignStatusInput!) { changeCampaignStatus(input: $input) { id } }', { input: { campaignId: id, status: 'OPEN' } });
      const walkers: string[] = [];
      for (const walker of ['Anouk', 'Bilal', 'Carla']) {
        const joined = await gqlAt(server.url, 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { token } }', {
          input: { code: await coordinator.invite(id), displayName: `${walker} (${name})`, contactConsent: false, showNameInRankings: false },
        });
        walkers.push(joined.body.data.joinCampaign.token);
      }
      return { id, name, walkers };
    };
    const answer = async (token: string, campaignId: string, spot: string, item: keyof typeof ITEMS, rating: string, minute: number) => {
      const { body } = await gqlAt(
        server.url,
        'mutation($input: RecordObservationInput!) { recordObservation(input: $input) { id current } }',
        { input: { id: uuidv7(), campaignId, spotId: spotId(spot), checklistItemId: itemId(item), rating, deviceTime: new Date(Date.UTC(2027, 4, 1, 10, minute)).toISOString() } },
        { authorization: `Bearer ${token}` },
      );
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    };
    const lastYear = await openSchouw('Buurtschouw 2026 (e2e)');
    const thisYear = await openSchouw('Buurtschouw 2027 (e2e)');
    for (const [schouw, answers] of [[lastYear, ANSWERS.lastYear], [thisYear, ANSWERS.thisYear]] as const) {
      for (const [spot, item, ratings] of answers) {
        for (const [w, rating] of ratings.entries()) if (rating) await answer(schouw.walkers[w]!, schouw.id, spot, item, rating, 10);
      }
    }
    // Anouk first found the green of the plantsoen good, then changed her answer: only the later one counts.
    await answer(thisYear.walkers[0]!, thisYear.id, PLANTSOEN, 'groen', 'A', 5);

    const desk = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL' });
    const page = await desk.newPage();
    await signInToConsole(page, server);
    await page.getByRole('link', { name: thisYear.name }).click();
    await page.getByRole('link', { name: 'Scores', exact: true }).click();
    await page.waitForURL(/\/scores$/);

    await expect.poll(() => page.getByTestId('overall-score').textContent()).toContain('Voldoende (B)');
    const overall = (await page.getByTestId('overall-score').textContent())!.replace(/\s+/g, ' ');
    expect(overall).toContain('Mediaan van 12 oordelen A+ t/m D (en 3 keer n.v.t., dat telt niet mee).');
    expect(overall).toContain('Vorige keer: Matig (C) — ↑ beter');
    expect(await page.getByTestId('compared-with').textContent()).toContain(lastYear.name);
    expect(await page.getByText('De score is het middelste oordeel (mediaan) van alle oordelen A+ t/m D; n.v.t. telt niet mee').count()).toBe(1);

    // Themes down, streets across; each cell: the letter, then "count× change".
    expect(await heatTable(page)).toEqual([
      ['Thema', 'Troelstrastraat', 'Van Hoogendorpweg', 'Alle straten'],
      ['Groen & onderhoud', 'C 3× ↓', '–', 'C 3× ↓'],
      ['Schoon', 'B 2× =', 'B 3× ↑', 'B 5× ='],
      ['Heel', 'C 1× =', '–', 'C 1× ='],
      ['Ontmoeten & spelen', '–', 'B 3× ↑', 'B 3× ↑'],
      ["Alle thema's", 'C 6× ↓', 'B 6× ↑', 'B 12× ↑'],
    ]);
    // A screen reader hears each cell in words.
    expect(await page.getByTestId('score-heat-table').getByText('Voldoende (B), 12 oordelen, vorige keer Matig (C): beter').count()).toBe(1);

    // The spots, by name; then by change, worse first; then better first.
    const byName = [
      `${BANKJE} | Troelstrastraat | C Matig (C) | C | = gelijk | 1`,
      `${PLANTSOEN} | Troelstrastraat | C Matig (C) | B | ↓ slechter | 5`,
      `${SPEELTUIN} | Van Hoogendorpweg | B Voldoende (B) | C | ↑ beter | 6`,
    ];
    expect(await spotRows(page)).toEqual(byName);
    await page.getByRole('button', { name: /^Verandering/ }).click();
    await expect.poll(() => page.getByTestId('spot-order').textContent()).toBe('Gesorteerd op verandering, slechter eerst.');
    expect(await spotRows(page)).toEqual([byName[1], byName[0], byName[2]]);
    expect(await page.getByRole('columnheader', { name: /Verandering/ }).getAttribute('aria-sort')).toBe('ascending');
    await page.getByRole('button', { name: /^Verandering/ }).click();
    expect(await spotRows(page)).toEqual([byName[2], byName[0], byName[1]]);
    await page.getByRole('button', { name: /^Score/ }).click();
    expect((await spotRows(page))[0]).toBe(byName[2]);

    // The map: the three rated spots, each marker with its letter; the legend in words.
    await expect.poll(() => page.locator('.score-marker').count()).toBe(3);
    expect((await page.locator('.score-marker').allTextContents()).sort()).toEqual(['B', 'C', 'C']);
    expect(await page.getByRole('list', { name: 'Legenda' }).textContent()).toContain('Slecht (D)');

    await screenshot(page, 'console-scores');
    await expectAccessible(page, 'console-scores');

    // A spot's answers: each walker's current one (Anouk's first answer is not there), and a finding made of one.
    await page.getByRole('button', { name: PLANTSOEN, exact: true }).click();
    await expect.poll(() => page.getByTestId('spot-answers').locator('tbody tr').count()).toBe(6);
    expect(await page.getByTestId('spot-answers').getByText('Goed (A)').count()).toBe(0);
    expect(await page.getByTestId('spot-answers').getByText('Matig (C)').count()).toBe(3);
    await page.getByRole('button', { name: `Maak bevinding van het antwoord op "${ITEMS.groen}"` }).first().click();
    await page.getByLabel('Wat moet er gebeuren? (mag leeg blijven)').fill('Plantsoen maaien en onkruid weghalen');
    await page.getByRole('button', { name: 'Bevinding maken' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Er is een bevinding gemaakt' }).count()).toBe(1);
    expect(await page.getByTestId('spot-answers').getByRole('link', { name: 'Bevinding bekijken' }).count()).toBe(1);
    await screenshot(page, 'console-scores-answers');
    await expectAccessible(page, 'console-scores-answers');
    const findings = await asCoordinator('query($id: ID!) { campaign(id: $id) { findings(first: 10) { edges { node { text rating category spot { name } } } } } }', { id: thisYear.id });
    expect(findings.body.data.campaign.findings.edges.map((e: any) => e.node)).toEqual([{ text: 'Plantsoen maaien en onkruid weghalen', rating: 'C', category: 'GROEN_ONDERHOUD', spot: { name: PLANTSOEN } }]);

    await page.setViewportSize({ width: 820, height: 1180 });
    await screenshot(page, 'console-scores-tablet');

    // The demo schouw, compared with the demo's last year: every spot it walked, none yet this year.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${server.url}/beheer/campagnes/${coordinator.schouw.id}/scores`);
    await expect.poll(() => page.getByTestId('spot-row').count()).toBeGreaterThan(0);
    await screenshot(page, 'console-scores-demo');
    await desk.close();
  });
});

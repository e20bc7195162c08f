/// <reference lib="dom" />
/**
 * The counter of a clean-up action (opruimactie) in real Chromium: the coordinator sets
 * one up with three units and a day planned for one street; two phones join, find that
 * street offered first and chosen, lose the network, count on the same street (one of them
 * types 60 where 6 was meant, is asked, and fixes it; one entry is undone), and come back
 * online: the dashboard holds exactly the sum, once, per unit and on the planned street,
 * and each phone's bar shows the street's totals per unit. At 390×844 the unit buttons and
 * the bar are on screen without scrolling.
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useDemoApp } from './support/demo-app.js';
import { expectAccessible, screenshot, screenshotDir } from './support/screens.js';

const UNITS = ['ZAK_ZWERFVUIL', 'GROFVUIL', 'TUIN_GEHOLPEN'] as const;

/** The phone's calendar date, as the counter takes "today". */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

describe('clean-up counter (Chromium, two phones, offline)', () => {
  const app = useDemoApp('buurtkracht-cleanup-');
  let campaignId: string;
  let plannedStreet: { id: string; name: string };
  let code: string;

  beforeAll(async () => {
    const { coordinator } = app;
    const { campaign } = await coordinator.gql('query($id: ID!) { campaign(id: $id) { neighbourhood { id streets(first: 100) { edges { node { id name } } } } } }', { id: coordinator.tegelwippen.id });
    const streets: { id: string; name: string }[] = campaign.neighbourhood.streets.edges.map((e: any) => e.node);
    // Not the first street of the list: the planned one must come first because it is planned.
    plannedStreet = streets.at(-1)!;
    const { createCampaign } = await coordinator.gql(
      'mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id days { id } } }',
      {
        input: {
          neighbourhoodId: campaign.neighbourhood.id,
          kind: 'OPRUIMEN',
          name: 'Opruimactie e2e',
          days: [{ date: today(), label: 'Opruimdag' }],
          units: [{ code: 'ZAK_ZWERFVUIL', target: 50 }, { code: 'GROFVUIL' }, { code: 'TUIN_GEHOLPEN', target: 10 }],
        },
      },
    );
    campaignId = createCampaign.id;
    await coordinator.gql('mutation($dayId: ID!, $streetIds: [ID!]!) { setCampaignDayStreets(dayId: $dayId, streetIds: $streetIds) { id } }', { dayId: createCampaign.days[0].id, streetIds: [plannedStreet.id] });
    await coordinator.gql('mutation($input: ChangeCampaignStatusInput!) { changeCampaignStatus(input: $input) { id } }', { input: { campaignId, status: 'OPEN' } });
    code = await coordinator.invite(campaignId);
  });

  /** Joins with the invite, with a name in the ranking (a clean-up rewards the most active residents). */
  async function joinAs(context: BrowserContext, name: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${app.server.url}/meedoen/${code}`);
    await page.getByLabel('Jouw naam in de app').fill(name);
    await page.getByLabel('Mijn naam mag in de ranglijst staan').check();
    await page.getByRole('button', { name: 'Meedoen' }).click();
    await page.waitForURL(`${app.server.url}/tellen`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Opruimactie tellen');
    await page.getByRole('button', { name: 'Begin met tellen' }).waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    return page;
  }

  /** The day's one planned street is offered first and already chosen; the person confirms it. */
  async function startOnPlannedStreet(page: Page) {
    const street = page.getByLabel(/^Straat/);
    expect(await street.inputValue()).toBe(plannedStreet.id);
    const groups = await street.locator('optgroup').evaluateAll((els) => els.map((g) => ({ label: g.getAttribute('label'), first: g.querySelector('option')?.textContent })));
    expect(groups[0]).toEqual({ label: 'Gepland voor deze dag', first: plannedStreet.name });
    expect(groups[1]?.label).toBe('Andere straten');
    await page.getByRole('button', { name: 'Begin met tellen' }).click();
    await expect.poll(() => page.getByTestId('place-summary').textContent()).toContain(plannedStreet.name);
    // Focus follows to the first unit's +1 (the form it was in is gone).
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('add-ZAK_ZWERFVUIL');
  }

  const tap = async (page: Page, unit: (typeof UNITS)[number], times = 1) => {
    for (let i = 0; i < times; i++) await page.getByTestId(`add-${unit}`).click();
  };
  const streetUnit = (page: Page, unit: (typeof UNITS)[number]) => page.getByTestId(`street-unit-${unit}`).textContent();

  /** The unit buttons and the bar on screen, unscrolled; nothing of tiles (origin, measuring). */
  async function expectUnitsInView(page: Page) {
    const layout = await page.evaluate(() => {
      const box = (el: Element | null) => {
        const r = el!.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, height: r.height };
      };
      return {
        viewport: window.innerHeight,
        scrollY: window.scrollY,
        grid: box(document.querySelector('[data-testid="unit-grid"]')),
        buttons: [...document.querySelectorAll('[data-testid^="add-"]')].map((b) => ({ id: b.getAttribute('data-testid'), ...box(b) })),
        bar: box(document.querySelector('[data-testid="counter-bar"]')),
        header: box(document.querySelector('header')),
      };
    });
    expect(layout.scrollY).toBe(0);
    expect(layout.buttons.map((b) => b.id)).toEqual(UNITS.map((u) => `add-${u}`));
    // The grid's first button is within the viewport, below the header and above the bar.
    const [first] = layout.buttons;
    expect(first!.top).toBeGreaterThanOrEqual(layout.header.bottom);
    expect(first!.bottom).toBeLessThanOrEqual(layout.viewport);
    for (const button of layout.buttons) {
      expect(button.bottom, 'a +1 button is hidden behind the bar or below the screen').toBeLessThanOrEqual(layout.bar.top);
      expect(button.height).toBeGreaterThanOrEqual(56);
    }
    expect(layout.bar.bottom).toBeLessThanOrEqual(layout.viewport);
    expect(await page.getByTestId('tile-origin').count()).toBe(0);
    expect(await page.getByText('Oppervlakte meten').count()).toBe(0);
  }

  it('counts offline on two phones, undoes one entry, and the dashboard holds exactly the sum once', async () => {
    const phoneA = await app.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
    const phoneB = await app.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
    const a = await joinAs(phoneA, 'Opruimer A');
    const b = await joinAs(phoneB, 'Opruimer B');
    await startOnPlannedStreet(a);
    await startOnPlannedStreet(b);
    await expectUnitsInView(a);
    expect(await a.getByTestId('add-GROFVUIL').textContent()).toContain('+1 stuk grofvuil');
    await a.screenshot({ path: path.join(screenshotDir, 'cleanup-counter-phone.png') });
    await screenshot(a, 'cleanup-counter-page');
    await expectAccessible(a, 'cleanup-counter');

    await phoneA.setOffline(true);
    await phoneB.setOffline(true);

    // Phone A: 3 bags of litter, 1 bulky item, then 60 bags typed where 6 were meant.
    await tap(a, 'ZAK_ZWERFVUIL', 3);
    await tap(a, 'GROFVUIL');
    await expect.poll(() => a.getByTestId('announcement').textContent()).toContain('Toegevoegd: 1 stuk grofvuil');
    await a.getByText('Meer tegelijk').click();
    await a.getByLabel('Aantal').fill('60');
    await a.getByLabel('Soort').selectOption('ZAK_ZWERFVUIL');
    await a.getByRole('button', { name: 'Toevoegen', exact: true }).click();
    const big = a.getByRole('dialog', { name: 'Klopt dit aantal?' });
    await expect.poll(() => big.textContent()).toContain('Je voegt in één keer 60 zakken zwerfvuil toe.');
    await big.getByRole('button', { name: 'Nee, aanpassen' }).click();
    await a.getByLabel('Aantal').fill('6');
    await a.getByRole('button', { name: 'Toevoegen', exact: true }).click();
    // A garden helped, and undone again (it was the neighbours' garden, counted already).
    await tap(a, 'TUIN_GEHOLPEN');
    await expect.poll(() => streetUnit(a, 'TUIN_GEHOLPEN')).toContain('1');
    await a.getByTestId('undo').click();
    await expect.poll(() => a.getByTestId('announcement').textContent()).toContain('Ongedaan gemaakt: 1 tuin geholpen');

    // Phone B, on the same street at the same time.
    await tap(b, 'ZAK_ZWERFVUIL', 2);
    await tap(b, 'GROFVUIL', 2);
    await tap(b, 'TUIN_GEHOLPEN');

    // Each phone's bar: what it knows of the street (its own entries while offline), and its part.
    await expect.poll(() => streetUnit(a, 'ZAK_ZWERFVUIL')).toMatch(/^Zwerfvuil\s*9\s*jij: 9$/);
    await expect.poll(() => streetUnit(a, 'TUIN_GEHOLPEN')).toMatch(/^Tuinen\s*0\s*jij: 0$/);
    await expect.poll(() => streetUnit(b, 'GROFVUIL')).toMatch(/^Grofvuil\s*2\s*jij: 2$/);
    await expect.poll(() => a.getByTestId('mine-total').textContent()).toBe('9 zakken zwerfvuil, 1 stuk grofvuil');
    await expect.poll(() => a.getByRole('link', { name: '7 nog te versturen', exact: true }).count()).toBe(1);
    await expect.poll(() => b.getByRole('link', { name: '5 nog te versturen', exact: true }).count()).toBe(1);
    await expect.poll(() => a.getByTestId('pending-total').textContent()).toContain('9 zakken zwerfvuil, 1 stuk grofvuil');
    await a.screenshot({ path: path.join(screenshotDir, 'cleanup-counter-offline.png') });

    // The sync screen names the clean-up entries in words.
    await a.goto(`${app.server.url}/versturen`);
    await b.goto(`${app.server.url}/versturen`);
    await expect.poll(() => a.getByTestId('sync-summary').textContent()).toContain('7 nog niet verstuurd');

    await phoneA.setOffline(false);
    await phoneB.setOffline(false);
    for (const page of [a, b]) await expect.poll(() => page.getByTestId('sync-summary').textContent(), { timeout: 30_000 }).toBe('Alles is verstuurd');

    // Exactly once: A sent 6 entries and 1 correction, B 5 entries.
    const dashboard = async () =>
      (
        await app.coordinator.gql(
          `query($id: ID!) { tallyDashboard(campaignId: $id, top: 10) {
            kind total { entries } units { unit { code } quantity }
            streets { streetId units { unit { code } quantity } }
            days { streets { streetId planned counted quantity } }
            topParticipants { name total { quantity } }
          } }`,
          { id: campaignId },
        )
      ).tallyDashboard;
    await expect.poll(async () => (await dashboard()).total.entries, { timeout: 30_000 }).toBe(12);
    const board = await dashboard();
    const quantities = (units: { unit: { code: string }; quantity: number }[]) => Object.fromEntries(units.map((u) => [u.unit.code, u.quantity]));
    const expected = { ZAK_ZWERFVUIL: 11, GROFVUIL: 3, TUIN_GEHOLPEN: 1 };
    expect(board.kind).toBe('OPRUIMEN');
    expect(quantities(board.units)).toEqual(expected);
    expect(quantities(board.streets.find((s: any) => s.streetId === plannedStreet.id).units)).toEqual(expected);
    expect(board.days[0].streets).toEqual([{ streetId: plannedStreet.id, planned: true, counted: true, quantity: 15 }]);
    // A clean-up ranks people by everything they counted, net of the undone garden; both agreed to be named.
    expect(board.topParticipants.map((p: any) => [p.name, p.total.quantity])).toEqual([
      ['Opruimer A', 10],
      ['Opruimer B', 5],
    ]);

    // Back on the counter, each phone shows the street's totals as the server has them.
    for (const page of [a, b]) {
      await page.goto(`${app.server.url}/tellen`);
      await expect.poll(() => streetUnit(page, 'ZAK_ZWERFVUIL'), { timeout: 30_000 }).toMatch(/^Zwerfvuil\s*11\s*jij: [92]$/);
      await expect.poll(() => streetUnit(page, 'GROFVUIL')).toMatch(/^Grofvuil\s*3\s/);
    }
    await expect.poll(() => a.getByTestId('campaign-unit-ZAK_ZWERFVUIL').textContent()).toContain('11 van 50');
    await screenshot(a, 'cleanup-counter-synced');
    await phoneA.close();
    await phoneB.close();
  });
});

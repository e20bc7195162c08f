/// <reference lib="dom" />
/**
 * The findings page with more findings than one screen, in real Chromium at 1440×900:
 * 130 findings are written straight into the database the server uses (mixed themes,
 * ratings, statuses and places). The page shows the server's totals, not what it loaded;
 * the last page holds the oldest findings numbered to the end; a theme filter counts
 * every matching finding, also those not on screen; a finding chosen for an action item
 * stays chosen while paging; the map shows the filtered findings' places.
 */
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { consoleTestBed, signInToConsole } from './support/console.js';
import { expectAccessible, screenshot } from './support/screens.js';
import { demoCoordinator } from './support/staff-api.js';

const SEEDED = 130;
const THEMES = ['GROEN_ONDERHOUD', 'SCHOON', 'HEEL', 'VEILIG'] as const;
const RATINGS = [null, 'A', 'B', 'C', 'D'] as const;
const STATUSES = ['NIEUW', 'IN_BEHANDELING', 'AFGEHANDELD'] as const;

describe('console: findings page with more findings than a page (Chromium, 1440×900)', () => {
  const bed = consoleTestBed('console-findings-paging');

  it('shows the server totals, pages to the last page, counts a filter over every finding and keeps the choice while paging', async () => {
    const { server, browser, dir } = bed;
    const coordinator = await demoCoordinator(server);
    const schouwId = coordinator.schouw.id;

    // Straight into the database the server uses: faster than 130 walks, and the server
    // must count what is there, not what it was told.
    const db = new SQLite(path.join(dir, 'e2e.db'));
    let order: { id: string; text: string | null }[];
    let placed: number;
    let heel: number;
    try {
      const spots = db.prepare('select id, street_id, lat, lon from spot where lat is not null order by name').all() as { id: string; street_id: string; lat: number; lon: number }[];
      const streets = db.prepare('select id from street order by name').pluck().all() as string[];
      const insert = db.prepare(`insert into finding (id, campaign_id, spot_id, street_id, checklist_item_id, category, rating, answer, text, suggestion, lat, lon, accuracy_m,
        participant_id, staff_account_id, device_time, server_time, status, routed_organisation_id, version, field_versions)
        values (?, ?, ?, ?, null, ?, ?, null, ?, null, ?, ?, null, null, null, ?, ?, ?, null, 1, '{}')`);
      db.transaction(() => {
        for (let i = 0; i < SEEDED; i++) {
          const spot = i % 3 === 0 ? spots[i % spots.length]! : null;
          const own = i % 3 === 1;
          const time = new Date(Date.UTC(2026, 4, 16, 8, 0, i)).toISOString();
          insert.run(uuidv7(), schouwId, spot?.id ?? null, spot?.street_id ?? streets[i % streets.length]!, THEMES[i % THEMES.length], RATINGS[i % RATINGS.length],
            `Bevinding ${String(i + 1).padStart(3, '0')} van de proef`, own ? 51.857 + i / 20_000 : null, own ? 4.66 : null, time, time, STATUSES[i % STATUSES.length]);
        }
      })();
      order = db.prepare('select id, text from finding where campaign_id = ? order by server_time desc, id desc').all(schouwId) as { id: string; text: string | null }[];
      placed = db
        .prepare(`select count(*) from finding f left join spot s on s.id = f.spot_id where f.campaign_id = ? and ((f.lat is not null and f.lon is not null) or (s.lat is not null and s.lon is not null))`)
        .pluck()
        .get(schouwId) as number;
      heel = db.prepare("select count(*) from finding where campaign_id = ? and category = 'HEEL'").pluck().get(schouwId) as number;
    } finally {
      db.close();
    }
    const total = order.length;
    expect(total).toBeGreaterThanOrEqual(SEEDED);
    const nl = (n: number) => n.toLocaleString('nl-NL');

    const desk = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL' });
    const page = await desk.newPage();
    await signInToConsole(page, server);
    await page.getByRole('link', { name: coordinator.schouw.name }).click();
    await page.getByRole('link', { name: 'Bevindingen', exact: true }).click();

    // The server's totals, although one page of 50 is loaded.
    await expect.poll(() => page.getByTestId('findings-count').textContent()).toBe(`${nl(total)} van ${nl(total)} bevindingen`);
    await expect.poll(() => page.getByTestId('pager-range').textContent()).toContain(`1–50 van ${nl(total)} bevindingen`);
    const rows = page.getByTestId('findings-table').locator('tbody tr');
    expect(await rows.count()).toBe(50);
    const tfoot = async () => (await page.getByTestId('section-rating-counts').locator('tfoot').textContent())!.replace(/\s+/g, ' ').trim();
    expect(await tfoot()).toMatch(new RegExp(`${nl(total).replace('.', '\\.')}$`));

    // Choose the first finding for an action item, then page on: the choice stays.
    await rows.first().getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Volgende pagina' }).first().click();
    await expect.poll(() => page.getByTestId('pager-range').textContent()).toContain(`51–100 van ${nl(total)}`);
    expect(await rows.first().locator('td').nth(1).textContent()).toBe('51');
    expect(await rows.first().textContent()).toContain(order[50]!.text!);

    // The last page: the oldest findings, numbered to the end, in newest-first order.
    const lastButton = page.getByRole('button', { name: 'Laatste pagina' }).first();
    await lastButton.click();
    const from = Math.floor((total - 1) / 50) * 50 + 1;
    await expect.poll(() => page.getByTestId('pager-range').textContent()).toContain(`${from}–${nl(total)} van ${nl(total)}`);
    const lastRows = await rows.evaluateAll((trs) => trs.map((tr) => [tr.children[1]!.textContent!.trim(), tr.children[2]!.textContent!.trim()]));
    expect(lastRows.map(([n]) => Number(n))).toEqual(Array.from({ length: total - from + 1 }, (_, i) => from + i));
    expect(lastRows.map(([, text]) => text)).toEqual(order.slice(from - 1).map((f) => expect.stringContaining(f.text!)));
    // Focus stays on the button, which now says there is no further page.
    expect(await lastButton.evaluate((b) => b === document.activeElement && b.getAttribute('aria-disabled'))).toBe('true');
    await screenshot(page, 'console-findings-last-page');
    await expectAccessible(page, 'console-findings-last-page');

    await page.getByRole('button', { name: 'Eerste pagina' }).first().click();
    await expect.poll(() => page.getByTestId('pager-range').textContent()).toContain(`1–50 van ${nl(total)}`);
    expect(await rows.first().getByRole('checkbox').isChecked()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Actiepunt maken van 1 gekozen bevinding' }).count()).toBe(1);

    // A theme filter counts every matching finding on the server, not those on screen.
    await page.getByLabel('Onderdeel', { exact: true }).selectOption({ label: 'Heel' });
    await expect.poll(() => page.getByTestId('findings-count').textContent()).toBe(`${nl(heel)} van ${nl(total)} bevindingen`);
    expect(await tfoot()).toMatch(new RegExp(`${heel}$`));
    expect(await page.getByTestId('section-rating-counts').locator('tbody tr').count()).toBe(1);
    expect(await page.getByTestId('section-rating-counts').locator('tbody th').textContent()).toBe('Heel');

    // The map shows the places of the filtered findings, from one light query.
    await page.getByRole('button', { name: 'Filters wissen' }).click();
    await expect.poll(() => page.getByTestId('findings-count').textContent()).toBe(`${nl(total)} van ${nl(total)} bevindingen`);
    await page.getByRole('button', { name: 'Kaart' }).click();
    await expect.poll(() => page.locator('.finding-marker').count()).toBe(placed);
    expect(await page.getByTestId('findings-map-caption').textContent()).toContain(`${nl(placed)} van ${nl(total)} bevindingen staan op de kaart`);
    await screenshot(page, 'console-findings-paging-map');

    // More places than the map takes in one answer: it says so in words, and how to see fewer.
    const more = new SQLite(path.join(dir, 'e2e.db'));
    try {
      const insert = more.prepare(`insert into finding (id, campaign_id, spot_id, street_id, checklist_item_id, category, rating, answer, text, suggestion, lat, lon, accuracy_m,
        participant_id, staff_account_id, device_time, server_time, status, routed_organisation_id, version, field_versions)
        values (?, ?, null, null, null, 'SCHOON', null, null, ?, null, ?, ?, null, null, null, ?, ?, 'NIEUW', null, 1, '{}')`);
      more.transaction(() => {
        for (let i = 0; i < 2000; i++) {
          const time = new Date(Date.UTC(2026, 4, 17, 8, 0, 0, i)).toISOString();
          insert.run(uuidv7(), schouwId, `Zwerfvuil ${i + 1}`, 51.855 + (i % 50) / 10_000, 4.655 + Math.floor(i / 50) / 10_000, time, time);
        }
      })();
    } finally {
      more.close();
    }
    await page.reload();
    await page.getByRole('button', { name: 'Kaart' }).click();
    await expect.poll(() => page.getByTestId('findings-map-caption').textContent(), { timeout: 20_000 }).toContain(
      `De kaart toont 2.000 van ${nl(total + 2000)} bevindingen; filter om minder te zien.`,
    );
    // The caption follows the answer at once; 2,000 markers are drawn a moment later (the map loads Leaflet first).
    await expect.poll(() => page.locator('.finding-marker').count()).toBe(2000);
    await desk.close();
  });
});

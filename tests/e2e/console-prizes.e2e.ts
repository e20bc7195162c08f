/// <reference lib="dom" />
/**
 * The prize-giving of the closing event in the console, in real Chromium: on the demo
 * tegelwip action three volunteers counted (two as much as each other, one of them not
 * named in rankings), the coordinator ticks the three tegelwip prizes on the Prijzen tab,
 * hears why a refused save was refused, sees the proposed winners with shared places, a
 * pseudonym and only streets with at least three households, and opens the big screen at
 * 1920×1080. The demo schouw offers its own prize. Axe on each screen; screenshots in
 * test-results/screenshots/console-prizes.png and prizes-big-screen.png.
 */
import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Page } from 'playwright-core';
import { SYNC, TestDevice } from '../support/sync-client.js';
import { consoleTestBed, signInToConsole } from './support/console.js';
import { expectAccessible, screenshot } from './support/screens.js';
import { demoCoordinator, gqlAt } from './support/staff-api.js';

/** The rows of a prize's proposal as the coordinator reads them: place, who, result. */
const proposal = (page: Page, title: string) =>
  page
    .getByTestId('prize-proposal')
    .filter({ has: page.getByRole('heading', { name: title, exact: true }) })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim())));

describe('console: prizes for the most active (Chromium)', () => {
  const bed = consoleTestBed('console-prizes');

  it('proposes the winners per chosen prize, shares tied places, names only with consent, and shows them on the big screen', async () => {
    const { server, browser } = bed;
    const coordinator = await demoCoordinator(server);
    const campaignId = coordinator.tegelwippen.id;
    const streets: { id: string; name: string }[] = (await coordinator.gql('{ neighbourhood(slug: "staatsliedenbuurt") { streets(first: 20) { edges { node { id name } } } } }')).neighbourhood.streets.edges.map((e: any) => e.node);
    const street = (name: string) => streets.find((s) => s.name === name)!;
    // Nobody of the demo data signed up or counted in the Van Oldenbarneveldstraat: only the
    // volunteers below. In the Johan de Wittstraat one demo household signed up.
    const ours = street('Van Oldenbarneveldstraat');
    const shared = street('Johan de Wittstraat');

    // Three volunteers join and count in gardens: Ans and Bert as much (2,7 m²), Carla less.
    const volunteer = async (displayName: string, named: boolean, counts: { streetId: string; houseNumber: string; tiles: number }[]) => {
      const joined = await gqlAt(server.url, 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { token participant { pseudonym } campaign { days { id } } } }', {
        input: { code: await coordinator.invite(campaignId), displayName, contactConsent: false, showNameInRankings: named },
      });
      expect(joined.body.errors).toBeUndefined();
      const { token, participant, campaign } = joined.body.data.joinCampaign;
      const device = new TestDevice();
      const entries = counts.map((c) =>
        device.entry('recordTallyEvent', { id: uuidv7(), campaignId, actionDayId: campaign.days[0].id, streetId: c.streetId, houseNumber: c.houseNumber, unitCode: 'TEGEL_30X30', count: c.tiles, origin: 'GARDEN' }),
      );
      const pushed = await gqlAt(server.url, SYNC, device.input(entries), { authorization: `Bearer ${token}` });
      expect(pushed.body.data.sync.results.map((r: any) => r.status)).toEqual(entries.map(() => 'APPLIED'));
      return participant.pseudonym as string;
    };
    await volunteer('Ans', true, [
      { streetId: ours.id, houseNumber: '3', tiles: 20 },
      { streetId: ours.id, houseNumber: '5', tiles: 10 },
    ]);
    const bert = await volunteer('Bert', false, [{ streetId: shared.id, houseNumber: '8', tiles: 30 }]);
    await volunteer('Carla', true, [{ streetId: ours.id, houseNumber: '10', tiles: 10 }]);
    const offered = (await coordinator.gql('query($id: ID!) { campaignPrizes(campaignId: $id) { available } }', { id: campaignId })).campaignPrizes.available as string[];
    expect(offered).toEqual(['MOST_AREA_BY_PARTICIPANT', 'MOST_AREA_PER_HOUSEHOLD_BY_STREET', 'MOST_GARDENS_BY_PARTICIPANT']);

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL' });
    const page = await context.newPage();
    await signInToConsole(page, server);
    await page.goto(`${server.url}/beheer/campagnes/${campaignId}`);
    await page.getByRole('link', { name: 'Prijzen', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Prijsuitreiking voor de meest actieve deelnemers' }).count()).toBe(1);
    // Nothing chosen yet: no proposals and no big screen link.
    expect(await page.getByTestId('prize-proposal').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Groot scherm voor de prijsuitreiking' }).count()).toBe(0);
    for (const title of ['Meeste m² gewipt', 'Straat met de meeste m² per huishouden', 'Meeste tuinen vergroend']) await page.getByRole('checkbox', { name: title }).check();
    // The status region is there before it has anything to say, so its first message is announced.
    const form = page.locator('form');
    expect(await form.getByRole('status').count()).toBe(1);

    // A save the server refuses (here a schouw prize slipped into the request): the cursor
    // goes to the first checkbox, which points at the reason, so it is heard, not only seen.
    const refusal = 'Deze prijs hoort bij een schouw, niet bij tegelwippen.';
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON();
      if (!String(body?.query).includes('setCampaignPrizes')) return route.continue();
      body.variables.input.categories.push('MOST_SPOTS_BY_WALKER');
      return route.continue({ postData: JSON.stringify(body) });
    });
    await page.getByRole('button', { name: 'Prijzen opslaan' }).click();
    await expect.poll(() => page.getByText(refusal, { exact: true }).count()).toBe(1);
    await page.unroute('**/graphql');
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        const description = (el?.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent?.trim());
        return { type: el?.type, value: el?.value, invalid: el?.getAttribute('aria-invalid'), description };
      });
    await expect.poll(async () => (await focused()).value).toBe('MOST_AREA_BY_PARTICIPANT');
    expect(await focused()).toMatchObject({ type: 'checkbox', invalid: 'true', description: expect.arrayContaining([refusal]) });
    expect(await page.getByTestId('prize-proposal').count()).toBe(0);

    await page.getByRole('button', { name: 'Prijzen opslaan' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Opgeslagen' }).textContent()).toBe('Opgeslagen: 3 prijzen. Het voorstel staat hieronder.');

    // Equal figures are listed by name, so that the list reads the same each time.
    const byName = (a: string[], b: string[]) => a[1]!.localeCompare(b[1]!, 'nl');
    expect(await proposal(page, 'Meeste m² gewipt')).toEqual([
      ...[
        ['Gedeelde 1e plaats', 'Ans', '2,7 m²'],
        ['Gedeelde 1e plaats', `${bert} (schuilnaam)`, '2,7 m²'],
      ].sort(byName),
      ['3e plaats', 'Carla', '0,9 m²'],
    ]);
    expect(await proposal(page, 'Meeste tuinen vergroend')).toEqual([
      ['1e plaats', 'Ans', '2 tuinen'],
      ...[
        ['Gedeelde 2e plaats', `${bert} (schuilnaam)`, '1 tuin'],
        ['Gedeelde 2e plaats', 'Carla', '1 tuin'],
      ].sort(byName),
    ]);
    // Per household: the Van Oldenbarneveldstraat has three (Ans's 3 and 5, Carla's 10) and
    // 40 tiles of 30×30 = 3,6 m², so 1,2 m² each. The Johan de Wittstraat has two (Bert's 8 and
    // the demo sign-up at 4): with 1,35 m² each it would win, but two households are too few
    // to compete, so it is not there at all. No other street has anything counted.
    expect(await proposal(page, 'Straat met de meeste m² per huishouden')).toEqual([['1e plaats', ours.name, '1,2 m² per huishouden']]);
    // Ties are said in words; the name of someone who did not agree is nowhere, nor any house number.
    expect(await page.getByText('Gelijke stand: wie evenveel heeft, deelt de plaats.', { exact: false }).count()).toBe(2);
    expect(await page.getByText('Bert').count()).toBe(0);
    await screenshot(page, 'console-prizes');
    await expectAccessible(page, 'console-prizes');

    // The big screen for the projector: each prize with its winner in large type.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByRole('link', { name: 'Groot scherm voor de prijsuitreiking' }).click();
    await page.waitForURL(/\/prijzen\/groot-scherm$/);
    await expect.poll(() => page.getByTestId('big-prize').count()).toBe(3);
    const prizeHeadings = await page.getByTestId('big-prize').getByRole('heading', { level: 2 }).allTextContents();
    expect(prizeHeadings).toEqual(['Meeste m² gewipt', 'Straat met de meeste m² per huishouden', 'Meeste tuinen vergroend']);
    const areaCard = page.getByTestId('big-prize').nth(0);
    expect(await areaCard.getByText('Gedeelde 1e plaats').count()).toBeGreaterThanOrEqual(1);
    expect((await areaCard.getByTestId('big-winner').allTextContents()).sort()).toEqual(['Ans', bert].sort());
    expect(await page.getByTestId('big-prize').nth(2).getByTestId('big-winner').allTextContents()).toEqual(['Ans']);
    expect(await page.getByTestId('big-prize').nth(1).getByTestId('big-winner').allTextContents()).toEqual([ours.name]);
    // Large enough to read from the back of the room.
    const nameSize = await areaCard.getByTestId('big-winner').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(nameSize).toBeGreaterThanOrEqual(56);
    expect(await page.getByText('Bert').count()).toBe(0);
    await screenshot(page, 'prizes-big-screen');
    await expectAccessible(page, 'prizes-big-screen');

    // The demo schouw has its own prize: the most spots walked.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${server.url}/beheer/campagnes/${coordinator.schouw.id}/prijzen`);
    await page.getByRole('checkbox', { name: 'Meeste plekken geschouwd' }).check();
    expect(await page.getByRole('checkbox').count()).toBe(1);
    await page.getByRole('button', { name: 'Prijzen opslaan' }).click();
    await expect.poll(() => page.getByTestId('prize-proposal').count()).toBe(1);
    expect(await page.getByTestId('prize-proposal').textContent()).toContain('Nog niemand: er zijn nog geen antwoorden van schouwers.');
    await page.getByRole('link', { name: 'Groot scherm voor de prijsuitreiking' }).click();
    await expect.poll(() => page.getByTestId('big-prize').count()).toBe(1);
    expect(await page.getByTestId('big-prize').getByRole('heading').textContent()).toBe('Meeste plekken geschouwd');
    await expectAccessible(page, 'prizes-big-screen-schouw');
    await context.close();
  });
});

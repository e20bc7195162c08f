/// <reference lib="dom" />
/**
 * Schouw teams end to end, in real Chromium: four people sign up for a walk date through
 * the public API; the coordinator composes teams of two in the console at 1440×900,
 * moves a spot onto a team's route with the select and button, and locks the teams. Two
 * walkers of one team join on their phones (390×844) with their sign-up links: each sees
 * the team number, the mate's name and the team's spots first. One phone walks a spot
 * offline and marks it walked at once; back online, the mate's phone shows it walked by
 * the team.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signInToConsole } from './support/console.js';
import { useDemoApp } from './support/demo-app.js';
import { joinWithPersonalLink, newPhone } from './support/field-phone.js';
import { expectAccessible, screenshot } from './support/screens.js';
import { gqlAt } from './support/staff-api.js';

const SIGN_UP = 'mutation($input: SignUpInput!) { signUp(input: $input) { token signup { id } } }';
const DAY_TEAMS = 'query($dayId: ID!) { dayTeams(dayId: $dayId) { teams { id number members { signupId displayName } spots { name } } } }';
const SPOT = 'Speeltuin Boerenpad';
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describe('schouw teams (Chromium)', () => {
  const app = useDemoApp('buurtkracht-teams-');

  async function asCoordinator(query: string, variables: Record<string, unknown> = {}) {
    const { body } = await gqlAt(app.server.url, query, variables, { cookie: app.coordinator.cookie });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data;
  }

  /** A phone that joins the field app with a sign-up's personal link and opens the walk. */
  async function phoneOf(browser: Browser, token: string): Promise<{ page: Page; close: () => Promise<void>; setOffline: (offline: boolean) => Promise<void> }> {
    const { context, page } = await newPhone(browser);
    await joinWithPersonalLink(page, `${app.server.url}/aanmelding#${token}`, '/schouw');
    return { page, close: () => context.close(), setOffline: (offline) => context.setOffline(offline) };
  }

  it('composes teams in the console, shows a walker their team and route, and a spot walked offline reaches the team mate', async () => {
    const schouwId = app.coordinator.schouw.id;
    // A walk date of its own three days ahead, so no demo sign-up joins these teams.
    const date = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const dayId = (await asCoordinator('mutation($input: AddCampaignDayInput!) { addCampaignDay(input: $input) { id } }', { input: { campaignId: schouwId, date, label: 'Teamwandeling' } })).addCampaignDay.id as string;
    await asCoordinator('mutation($id: ID!) { setSignupOpen(campaignId: $id, open: true) { signupOpen } }', { id: schouwId });
    const tokens = new Map<string, string>();
    for (const [name, walkerKind, organisation] of [['Anna', 'RESIDENT', null], ['Bram', 'RESIDENT', null], ['Cor', 'PROFESSIONAL', 'Woonkracht10'], ['Dewi', 'PROFESSIONAL', 'Gemeente Alblasserdam']] as const) {
      const { body } = await gqlAt(app.server.url, SIGN_UP, { input: { campaignId: schouwId, dayIds: [dayId], displayName: name, contactConsent: false, walkerKind, organisation } });
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      tokens.set(body.data.signUp.signup.id, body.data.signUp.token);
    }

    // The coordinator composes teams of two: each team has a resident and a professional, said in words.
    const desk = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL' });
    const page = await desk.newPage();
    await signInToConsole(page, app.server);
    await page.goto(`${app.server.url}/beheer/campagnes/${schouwId}`);
    await page.getByRole('link', { name: 'Teams', exact: true }).click();
    await page.getByRole('link', { name: /Teamwandeling/ }).click();
    await expect.poll(() => page.getByTestId('unassigned-member').count()).toBe(4);
    await page.getByLabel('Teamgrootte').fill('2');
    await page.getByRole('button', { name: 'Teams maken' }).click();
    await expect.poll(() => page.getByTestId('team-card').count()).toBe(2);
    for (const card of await page.getByTestId('team-card').all()) {
      expect(await card.getByText('Bewoner', { exact: true }).count()).toBe(1);
      expect(await card.getByText(/^Professional \(/).count()).toBe(1);
    }
    expect(squash(await page.getByTestId('repeated-pairs').textContent())).toContain('Niemand loopt met iemand met wie hij of zij bij een eerdere schouw');

    // Team 1 gets the playground on its route, moved there with the keyboard-usable select and button.
    const composed = (await asCoordinator(DAY_TEAMS, { dayId })).dayTeams.teams;
    const team1 = composed.find((t: any) => t.number === 1);
    const moveSpot = async (toTeam: number) => {
      await page.getByLabel(`Verplaats ${SPOT} naar`, { exact: true }).selectOption({ label: `Team ${toTeam}` });
      await page.getByRole('button', { name: `Verplaats ${SPOT}`, exact: true }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: `${SPOT} hoort nu bij de route van team ${toTeam}.` }).count()).toBe(1);
    };
    if (team1.spots.some((s: any) => s.name === SPOT)) await moveSpot(2);
    await moveSpot(1);
    const cards = page.getByTestId('team-card');
    await expect.poll(() => cards.filter({ has: page.getByRole('heading', { name: 'Team 1' }) }).getByText(SPOT).count()).toBe(1);
    await page.getByRole('button', { name: 'Vastzetten' }).click();
    await expect.poll(() => page.getByTestId('teams-locked').count()).toBe(1);
    // Locked: no new composition and no moving, and the disabled button says why in words.
    const composeButton = page.getByRole('button', { name: 'Teams maken' });
    expect(await composeButton.isDisabled()).toBe(true);
    expect(await composeButton.evaluate((button) => getComputedStyle(button).cursor)).toBe('not-allowed');
    const reasonId = await composeButton.getAttribute('aria-describedby');
    expect(squash(await page.locator(`[id="${reasonId}"]`).textContent())).toContain('niet opnieuw maken en niet verplaatsen');
    expect(await page.getByRole('button', { name: /^Verplaats / }).count()).toBe(0);
    await screenshot(page, 'console-teams');
    await expectAccessible(page, 'console-teams');
    await desk.close();

    // Both walkers of team 1 join with their sign-up links.
    const route = ((await asCoordinator(DAY_TEAMS, { dayId })).dayTeams.teams as any[]).find((t) => t.number === 1);
    const [first, second] = route.members as { signupId: string; displayName: string }[];
    const spotCount = route.spots.length as number;
    const walker = await phoneOf(app.browser, tokens.get(first!.signupId)!);
    const team = walker.page.getByTestId('my-team');
    await expect.poll(async () => squash(await team.getByRole('heading', { level: 2 }).textContent())).toBe('Jouw team: team 1');
    expect(squash(await walker.page.getByTestId('team-mates').textContent())).toBe(`Je loopt met ${second!.displayName}.`);
    expect(squash(await walker.page.getByTestId('team-progress').textContent())).toBe(`0 van ${spotCount} plekken gelopen door jullie team`);
    const routeNames = await walker.page.getByTestId('team-route').getByTestId('walk-spot').evaluateAll((links) => links.map((a) => a.querySelector('span')?.textContent));
    expect(routeNames).toEqual(route.spots.map((s: any) => s.name));

    // Offline, the walker answers a question at the playground: walked at once, before the server knows.
    await walker.setOffline(true);
    await walker.page.reload();
    await walker.page.getByTestId('team-route').getByRole('link', { name: new RegExp(SPOT) }).click();
    await walker.page.getByRole('group', { name: 'In welke staat zijn de speeltoestellen?' }).getByRole('button', { name: 'Matig (C)' }).click();
    await expect.poll(() => walker.page.getByText('Jouw antwoord: Matig (C)').count()).toBe(1);
    await walker.page.getByRole('link', { name: 'Terug naar de plekken' }).click();
    await expect.poll(async () => squash(await walker.page.getByTestId('team-progress').textContent())).toBe(`1 van ${spotCount} plekken gelopen door jullie team`);
    const walked = walker.page.getByTestId('team-route').getByRole('listitem').filter({ hasText: SPOT });
    expect(await walked.getByTestId('spot-walked').count()).toBe(1);
    await screenshot(walker.page, 'schouw-team-walk');
    await expectAccessible(walker.page, 'schouw-team-walk');

    // Online again, the answer is sent; the team mate's phone shows the playground walked by the team.
    await walker.setOffline(false);
    await walker.page.goto(`${app.server.url}/versturen`);
    await expect.poll(() => walker.page.getByTestId('sync-summary').textContent(), { timeout: 30_000 }).toBe('Alles is verstuurd');
    const mate = await phoneOf(app.browser, tokens.get(second!.signupId)!);
    expect(squash(await mate.page.getByTestId('team-mates').textContent())).toBe(`Je loopt met ${first!.displayName}.`);
    await expect.poll(async () => squash(await mate.page.getByTestId('team-progress').textContent()), { timeout: 15_000 }).toBe(`1 van ${spotCount} plekken gelopen door jullie team`);
    const onMatesRoute = mate.page.getByTestId('team-route').getByRole('listitem').filter({ hasText: SPOT });
    expect(await onMatesRoute.getByTestId('spot-walked').count()).toBe(1);
    await walker.close();
    await mate.close();
  });
});

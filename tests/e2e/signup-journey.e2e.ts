/// <reference lib="dom" />
/**
 * The whole way from the poster to the day, in real Chromium against the real server,
 * as the people involved take it. Each step uses what the step before produced on
 * screen, so a broken link anywhere in the chain fails the test.
 *
 * Tegelwippen: the coordinator opens sign-up in the console (1440×900) and prints a
 * poster; its sign-up QR code is read from the picture and a phone (390×844) opens that
 * link, signs up for the action day with an address, an estimate, tools and pickup; the
 * coordinator's planning for that day and the pickup list show the address; on the day
 * the phone joins with its personal link, the counter starts at that address without
 * asking for it again, and the pickup list shows the m² counted there.
 *
 * Schouw: the coordinator adds a walk date and prints a poster; two phones sign up
 * through its QR link (a resident, and a professional for an organisation); the
 * coordinator makes teams of two for that date; both phones join with their personal
 * links and see each other's name and the same route first, in the console's order.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signInToConsole } from './support/console.js';
import { useDemoApp } from './support/demo-app.js';
import { joinWithPersonalLink, newPhone } from './support/field-phone.js';
import { readQrCode } from './support/qr-code.js';
import { expectAccessible, screenshot } from './support/screens.js';
import { gqlAt } from './support/staff-api.js';

const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
/** The cells of each row of a table, as a person reads them. */
const cellsOf = (page: Page, rows: string) =>
  page.locator(rows).evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim())));

describe('from the poster to the day (Chromium)', () => {
  const app = useDemoApp('buurtkracht-journey-');

  async function desk(): Promise<Page> {
    const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL' });
    const page = await context.newPage();
    await signInToConsole(page, app.server);
    return page;
  }

  /** Makes an invite in the console and opens its poster as it prints; returns the links its two QR codes hold. */
  async function printPoster(page: Page, campaignId: string, name: string): Promise<{ signupLink: string; joinLink: string }> {
    await page.goto(`${app.server.url}/beheer/campagnes/${campaignId}/uitnodigingen`);
    await page.getByLabel('Waarvoor').fill('Poster in het buurthuis');
    await page.getByRole('button', { name: 'Uitnodiging maken' }).click();
    await page.getByRole('link', { name: 'Afdrukken', exact: true }).click();
    await page.waitForURL(/\/uitnodigingen\/[^/]+$/);
    await expect.poll(() => page.getByTestId('qr-code').count()).toBe(2);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Afdrukken' }).isVisible()).toBe(false);
    const signupLink = await readQrCode(page, 0);
    const joinLink = await readQrCode(page, 1);
    await screenshot(page, name);
    await page.emulateMedia({ media: 'screen' });
    // The codes hold what the poster prints under them, and the sign-up one is this campaign's form.
    expect(signupLink).not.toBeNull();
    expect(new URL(signupLink!).pathname).toBe(`/aanmelden/${campaignId}`);
    expect(squash(await page.getByRole('region', { name: 'Aanmelden voor een datum' }).textContent())).toContain(signupLink);
    expect(squash(await page.getByRole('region', { name: 'Meedoen op de dag' }).textContent())).toContain(joinLink);
    return { signupLink: signupLink!, joinLink: joinLink! };
  }

  /** Sends the form and returns the personal link from the confirmation screen. */
  async function sendSignup(page: Page, screenshots?: string): Promise<string> {
    if (screenshots) {
      await screenshot(page, `${screenshots}-form`);
      await expectAccessible(page, `${screenshots}-form`);
    }
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.waitForURL(/\/aanmelding#/);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Gelukt! Je bent aangemeld.' }).count()).toBe(1);
    expect(squash(await page.getByTestId('my-days').textContent())).toContain('bevestigd');
    if (screenshots) {
      await screenshot(page, `${screenshots}-confirmation`);
      await expectAccessible(page, `${screenshots}-confirmation`);
    }
    return page.getByRole('textbox', { name: 'Je persoonlijke link' }).inputValue();
  }

  it('tegelwippen: poster QR → sign-up on a phone → planning and pickup list → counted at the address → counted on the list', async () => {
    const campaign = app.coordinator.tegelwippen;
    // The demo opens sign-up itself; closed first, so that the console's button is what opens it here.
    const closed = await gqlAt(app.server.url, 'mutation($id: ID!) { setSignupOpen(campaignId: $id, open: false) { id } }', { id: campaign.id }, { cookie: app.coordinator.cookie });
    expect(closed.body.errors).toBeUndefined();

    const office = await desk();
    await office.goto(`${app.server.url}/beheer/campagnes/${campaign.id}`);
    await expect.poll(async () => squash(await office.getByTestId('signup-state').textContent())).toBe('Aanmelden staat dicht');
    await office.getByRole('button', { name: 'Aanmelden openen' }).click();
    await expect.poll(async () => squash(await office.getByTestId('signup-state').textContent())).toBe('Aanmelden staat open');
    const { signupLink } = await printPoster(office, campaign.id, 'journey-poster');

    // A resident scans the sign-up code: the phone opens exactly that link.
    const phone = await newPhone(app.browser);
    await phone.page.goto(signupLink);
    await expect.poll(() => phone.page.getByRole('heading', { level: 1 }).textContent()).toContain(campaign.name);
    await phone.page.getByRole('checkbox', { name: /Eerste actiedag/ }).check();
    await phone.page.getByLabel('Straat').selectOption({ label: 'Van Oldenbarneveldstraat' });
    await phone.page.getByLabel('Huisnummer').fill('8');
    await phone.page.getByLabel('Aantal m²').fill('6');
    await phone.page.getByLabel('Tegellichter').selectOption('1');
    await phone.page.getByLabel('Kruiwagen').selectOption('1');
    await phone.page.getByRole('checkbox', { name: 'Ik wil hulp bij het wippen' }).check();
    await phone.page.getByRole('checkbox', { name: 'De tegels mogen worden opgehaald' }).check();
    await phone.page.getByLabel('Je naam').fill('Joke');
    const personalLink = await sendSignup(phone.page, 'journey-signup');
    expect(new URL(personalLink).origin).toBe(new URL(signupLink).origin);
    await phone.context.close();

    // The coordinator's planning for the action day shows Joke, her address, estimate, tools, help and pickup.
    await office.goto(`${app.server.url}/beheer/campagnes/${campaign.id}`);
    await office.getByRole('link', { name: 'Planning', exact: true }).click();
    await office.getByRole('navigation', { name: 'Kies een datum' }).getByRole('link', { name: /Eerste actiedag/ }).click();
    await expect.poll(() => office.getByTestId('planning-confirmed').getByRole('row', { name: /Joke/ }).count()).toBe(1);
    const planned = (await cellsOf(office, '[data-testid="planning-confirmed"] tbody tr')).filter((cells) => cells[1] === 'Joke');
    // Name, address, estimate, tools, help, pickup, contact (any buttons after them are not what she asked for).
    expect(planned.map((cells) => cells.slice(1, 8))).toEqual([['Joke', 'Van Oldenbarneveldstraat 8', '6 m²', '1× tegellichter, 1× kruiwagen', 'Ja', 'Ja', '–']]);
    await screenshot(office, 'journey-planning');
    await expectAccessible(office, 'journey-planning');

    // The pickup list for the groenbedrijf: the address, nothing counted yet.
    await office.getByRole('link', { name: 'Ophaallijst voor het groenbedrijf' }).click();
    await office.waitForURL(/\/ophaallijst\?dag=/);
    const pickupRow = async () => (await cellsOf(office, '[data-testid="pickup-street"] tbody tr')).filter((cells) => cells[0] === 'Van Oldenbarneveldstraat 8');
    await expect.poll(pickupRow).toEqual([['Van Oldenbarneveldstraat 8', '6,0 m²', 'nog niet geteld', '✓ Ja, ophalen']]);
    await screenshot(office, 'journey-pickup-list');
    await expectAccessible(office, 'journey-pickup-list');

    // On the day the phone opens its personal link and joins without giving its name again;
    // the counter starts at the sign-up's garden, on today's action day, without asking where.
    const onTheDay = await newPhone(app.browser);
    await joinWithPersonalLink(onTheDay.page, personalLink, '/tellen');
    const counter = onTheDay.page;
    expect(await counter.getByLabel('Jouw naam in de app').count()).toBe(0);
    const placeSummary = async () => squash(await counter.getByTestId('place-summary').textContent());
    await expect.poll(placeSummary).toContain('Van Oldenbarneveldstraat, nr. 8');
    expect(await placeSummary()).not.toContain('niet vandaag');
    expect(await counter.getByTestId('place-form').count()).toBe(0);
    for (let i = 0; i < 6; i++) await counter.getByTestId('add-TEGEL_50X50').click(); // 6 × 0,25 m²
    await expect.poll(() => counter.getByTestId('mine-total').textContent()).toBe('1,5 m²');
    await screenshot(counter, 'journey-counter');
    await expectAccessible(counter, 'journey-counter');
    // Wijzig shows what was chosen for her: the action day, her street and house number.
    await counter.getByRole('button', { name: 'Wijzig dag, straat en huisnummer' }).click();
    const chosen = (label: RegExp) => counter.getByLabel(label).evaluate((select: HTMLSelectElement) => select.selectedOptions[0]!.textContent);
    expect(await chosen(/^Actiedag/)).toContain('Eerste actiedag');
    expect(await chosen(/^Straat/)).toBe('Van Oldenbarneveldstraat');
    expect(await counter.getByLabel(/^Huisnummer/).inputValue()).toBe('8');
    await counter.getByRole('button', { name: 'Begin met tellen' }).click();
    // The garden stays on the phone: the app opened again starts there too.
    await counter.reload();
    await expect.poll(placeSummary).toContain('Van Oldenbarneveldstraat, nr. 8');
    await counter.goto(`${new URL(personalLink).origin}/versturen`);
    await expect.poll(() => counter.getByTestId('sync-summary').textContent(), { timeout: 30_000 }).toBe('Alles is verstuurd');
    await onTheDay.context.close();

    // The pickup list now shows what was counted there, and the planning that Joke is in the app.
    await office.reload();
    await expect.poll(pickupRow, { timeout: 15_000 }).toEqual([['Van Oldenbarneveldstraat 8', '6,0 m²', '1,5 m²', '✓ Ja, ophalen']]);
    await screenshot(office, 'journey-pickup-list-counted');
    await office.goBack();
    await expect.poll(async () => squash(await office.getByTestId('planning-confirmed').getByRole('row', { name: /Joke/ }).textContent())).toContain('Joke in de app');
    await office.context().close();
  });

  it('schouw: two phones sign up through the poster, the console makes a team of two, both phones see each other and the same route first', async () => {
    const campaign = app.coordinator.schouw;
    const office = await desk();
    // A walk date of its own, five days ahead, so the demo's walkers do not join these teams.
    const ahead = new Date(Date.now() + 5 * 86_400_000);
    const typed = `${String(ahead.getDate()).padStart(2, '0')}-${String(ahead.getMonth() + 1).padStart(2, '0')}-${ahead.getFullYear()}`;
    await office.goto(`${app.server.url}/beheer/campagnes/${campaign.id}`);
    await office.getByLabel('Nieuwe datum').fill(typed);
    await office.getByLabel('Omschrijving (mag leeg blijven)').fill('Wandeling in nieuwe teams');
    await office.getByRole('button', { name: 'Datum toevoegen' }).click();
    await expect.poll(() => office.getByText('De dag is toegevoegd.').count()).toBe(1);
    await expect.poll(async () => squash(await office.getByTestId('signup-state').textContent())).toBe('Aanmelden staat open');
    const { signupLink } = await printPoster(office, campaign.id, 'journey-schouw-poster');

    const walkers = [
      { name: 'Noor', kind: 'Ik ben bewoner', organisation: null },
      { name: 'Sanne', kind: 'Ik kom namens een organisatie', organisation: 'Woonkracht10' },
    ];
    const links = new Map<string, string>();
    for (const [index, walker] of walkers.entries()) {
      const { context, page } = await newPhone(app.browser);
      await page.goto(signupLink);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(campaign.name);
      await page.getByRole('checkbox', { name: /Wandeling in nieuwe teams/ }).check();
      await page.getByRole('radio', { name: walker.kind }).check();
      if (walker.organisation) await page.getByLabel('Naam van je organisatie').fill(walker.organisation);
      await page.getByLabel('Je naam').fill(walker.name);
      links.set(walker.name, await sendSignup(page, index === 1 ? 'journey-schouw-signup' : undefined));
      await context.close();
    }

    // The coordinator makes teams of two for that date: one team, a resident and a professional.
    await office.goto(`${app.server.url}/beheer/campagnes/${campaign.id}`);
    await office.getByRole('link', { name: 'Teams', exact: true }).click();
    await office.getByRole('link', { name: /Wandeling in nieuwe teams/ }).click();
    await expect.poll(() => office.getByTestId('unassigned-member').count()).toBe(2);
    await office.getByLabel('Teamgrootte').fill('2');
    await office.getByRole('button', { name: 'Teams maken' }).click();
    await expect.poll(() => office.getByTestId('team-card').count()).toBe(1);
    const card = office.getByTestId('team-card');
    expect(await card.getByRole('heading', { level: 3 }).textContent()).toBe('Team 1');
    const members = await card.getByTestId('team-member').evaluateAll((items) => items.map((li) => li.querySelector('strong')!.textContent));
    expect(members.sort()).toEqual(['Noor', 'Sanne']);
    expect(await card.getByText('Professional (Woonkracht10)').count()).toBe(1);
    const route = await card.getByTestId('team-spot').evaluateAll((items) => items.map((li) => li.querySelector('.who > span')!.textContent));
    expect(route.length).toBeGreaterThan(0);
    await screenshot(office, 'journey-teams');
    await expectAccessible(office, 'journey-teams');
    await office.context().close();

    // Each phone joins with its personal link: the mate's name and the team's route first, in the console's order.
    for (const [me, mate] of [['Noor', 'Sanne'], ['Sanne', 'Noor']] as const) {
      const { context, page } = await newPhone(app.browser);
      await joinWithPersonalLink(page, links.get(me)!, '/schouw');
      const team = page.getByTestId('my-team');
      await expect.poll(async () => squash(await team.getByRole('heading', { level: 2 }).textContent()), { timeout: 15_000 }).toBe('Jouw team: team 1');
      expect(squash(await page.getByTestId('team-mates').textContent())).toBe(`Je loopt met ${mate}.`);
      const onPhone = await page.getByTestId('team-route').getByTestId('walk-spot').evaluateAll((items) => items.map((a) => a.querySelector('span')?.textContent));
      expect(onPhone).toEqual(route);
      const firstOnScreen = await page.getByTestId('walk-spot').first().evaluate((a) => a.querySelector('span')?.textContent);
      expect(firstOnScreen).toBe(route[0]);
      if (me === 'Sanne') {
        await screenshot(page, 'journey-team-walk');
        await expectAccessible(page, 'journey-team-walk');
      }
      await context.close();
    }
  });
});

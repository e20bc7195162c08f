/// <reference lib="dom" />
/**
 * Planning an action day in the console, in real Chromium at 1440×900: the coordinator
 * opens sign-up, gives the date a capacity and the tools a stock; people sign up through
 * the public API (one more than there is room for); the planning shows who comes, the
 * waiting list, tools short and the streets; promoting moves the waiting person up; the
 * pickup list shows the addresses and its CSV holds the same rows; the poster carries the
 * sign-up QR code beside the join code. Removing a confirmed person (after a question)
 * moves the first waiting person up and erases the removed one's data.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { SYNC, TestDevice } from '../support/sync-client.js';
import { readPdf } from './support/pdf.js';
import { expectAccessible, screenshot, screenshotDir } from './support/screens.js';
import { consoleTestBed, signInToConsole } from './support/console.js';
import { readQrCode } from './support/qr-code.js';
import { demoCoordinator, gqlAt } from './support/staff-api.js';

const SIGN_UP = 'mutation($input: SignUpInput!) { signUp(input: $input) { token signup { days { status waitingPosition } } } }';
/** The page as Chromium prints it on A4: the text of each sheet, and a picture of the first. */
async function printed(page: Page, name: string): Promise<string[]> {
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  const read = await readPdf(page.context().browser()!, pdf);
  try {
    await read.screenshot([1], path.join(screenshotDir, `${name}.png`));
    return read.pages;
  } finally {
    await read.close();
  }
}

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('console: planning and pickup list (Chromium, 1440×900)', () => {
  const bed = consoleTestBed('console-planning');

  it('opens sign-up, plans a full date with a waiting list and tools short, promotes, and prints the pickup list', async () => {
    const { server, browser } = bed;
    const coordinator = await demoCoordinator(server);
    const asCoordinator = coordinator.gql;

    // A tegelwip campaign with one action day a month ahead, and a street without spots (so not on the map).
    const demo = await asCoordinator('query($id: ID!) { campaign(id: $id) { neighbourhood { id } } }', { id: coordinator.tegelwippen.id });
    const neighbourhoodId = demo.campaign.neighbourhood.id as string;
    const date = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const made = await asCoordinator('mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id days { id } } }', {
      input: { neighbourhoodId, kind: 'TEGELWIPPEN', name: 'Tegelwippen planning (e2e)', targetAreaM2: 300, days: [{ date, label: 'Wipdag' }] },
    });
    const campaignId = made.createCampaign.id as string;
    const dayId = made.createCampaign.days[0].id as string;
    await asCoordinator('mutation($input: ChangeCampaignStatusInput!) { changeCampaignStatus(input: $input) { id } }', { input: { campaignId, status: 'OPEN' } });
    await asCoordinator('mutation($input: AddStreetInput!) { addStreet(input: $input) { id } }', { input: { neighbourhoodId, name: 'Molenstraat (e2e)' } });

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL', acceptDownloads: true });
    const page = await context.newPage();
    await signInToConsole(page, server);
    await page.goto(`${server.url}/beheer/campagnes/${campaignId}`);

    // Sign-up opens and its link is the public form's.
    await expect.poll(() => text(page, 'signup-state')).toBe('Aanmelden staat dicht');
    await page.getByRole('button', { name: 'Aanmelden openen' }).click();
    await expect.poll(() => text(page, 'signup-state')).toBe('Aanmelden staat open');
    expect(await page.getByLabel('Aanmeldlink').inputValue()).toBe(`${server.url}/aanmelden/${campaignId}`);
    // The test server's address is this computer's own: the page says phones cannot open it.
    expect(await page.getByText('telefoons kunnen deze link niet openen').count()).toBe(1);

    // Two places on the date; a wrong stock is refused next to its field, then one kruiwagen and five tegellichters.
    await page.getByLabel(/^Plekken op/).fill('2');
    await page.getByRole('button', { name: 'Plekken opslaan' }).click();
    await expect.poll(() => page.getByText('Het aantal plekken is opgeslagen.').count()).toBe(1);
    await page.getByLabel('Voorraad kruiwagen').fill('-1');
    await page.getByRole('button', { name: 'Gereedschap opslaan' }).click();
    await expect.poll(() => page.getByText(/Vul een heel aantal in, van 0 tot en met 10\.000/).count()).toBe(1);
    expect(await page.getByLabel('Voorraad kruiwagen').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Voorraad kruiwagen').fill('1');
    await page.getByLabel('Voorraad tegellichter').fill('5');
    await page.getByRole('button', { name: 'Gereedschap opslaan' }).click();
    await expect.poll(() => page.getByText('Het gereedschap is opgeslagen.').count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByLabel('Voorraad kruiwagen').inputValue()).toBe('1');
    expect(await page.getByLabel(/^Plekken op/).inputValue()).toBe('2');
    await page.getByRole('heading', { name: 'Aanmelden vooraf' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'console-signup-settings');
    await expectAccessible(page, 'console-signup-settings');

    // Three people sign up through the public form's API; the third finds the date full.
    const form = (await gqlAt(server.url, 'query($id: ID!) { signupForm(campaignId: $id) { days { id } streets { id name } tools { id name } } }', { id: campaignId })).body.data.signupForm;
    const street = (name: string) => form.streets.find((s: any) => s.name === name).id as string;
    const tool = (name: string) => form.tools.find((t: any) => t.name === name).id as string;
    const signUp = async (input: Record<string, unknown>) => {
      const { body } = await gqlAt(server.url, SIGN_UP, { input: { campaignId, dayIds: [dayId], contactConsent: false, ...input } });
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      return body.data.signUp.signup.days[0];
    };
    expect(
      await signUp({
        displayName: 'Ans',
        contact: 'ans@example.org',
        contactConsent: true,
        streetId: street('Troelstrastraat'),
        houseNumber: '12',
        estimateM2: 12,
        tools: [{ toolId: tool('kruiwagen'), quantity: 2 }, { toolId: tool('tegellichter'), quantity: 1 }],
        wantsHelp: true,
        wantsPickup: true,
      }),
    ).toEqual({ status: 'CONFIRMED', waitingPosition: null });
    expect(await signUp({ displayName: 'Bram', streetId: street('Molenstraat (e2e)'), houseNumber: '3', estimateTiles: 80, tools: [{ toolId: tool('kruiwagen'), quantity: 1 }], wantsPickup: false })).toEqual({
      status: 'CONFIRMED',
      waitingPosition: null,
    });
    expect(await signUp({ displayName: 'Carla', streetId: street('Johan de Wittstraat'), houseNumber: '5a', estimateM2: 8, tools: [{ toolId: tool('kruiwagen'), quantity: 1 }], wantsPickup: true })).toEqual({
      status: 'WAITING',
      waitingPosition: 1,
    });

    // The planning: places against capacity, the waiting list, tools short in words, the streets.
    await page.getByRole('link', { name: 'Planning', exact: true }).click();
    await expect.poll(() => text(page, 'planning-places')).toBe('2 van 2 plekken bezet');
    expect(await text(page, 'planning-waiting-count')).toBe('1 persoon op de wachtlijst');
    expect(await text(page, 'planning-help')).toBe('1 adres wil hulp bij het wippen');
    expect(await text(page, 'planning-pickup')).toBe('1 adres wil dat de tegels worden opgehaald');
    const rows = await page.getByTestId('planning-confirmed').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim())));
    expect(rows).toEqual([
      ['1', 'Ans', 'Troelstrastraat 12', '12 m²', '1× tegellichter, 2× kruiwagen', 'Ja', 'Ja', 'ans@example.org', 'Verwijderen Ans'],
      ['2', 'Bram', 'Molenstraat (e2e) 3', '80 tegels', '1× kruiwagen', 'Nee', 'Nee', '–', 'Verwijderen Bram'],
    ]);
    expect(await text(page, 'planning-waiting')).toContain('Carla');
    const tools = await text(page, 'planning-tools');
    expect(tools).toContain('Kruiwagen: 3 gevraagd, 1 beschikbaar — 2 te kort');
    expect(tools).toContain('Tegellichter: 1 gevraagd, 5 beschikbaar — genoeg');
    await expect.poll(() => page.locator('.street-signups-marker').count()).toBeGreaterThan(0);
    expect(await text(page, 'planning-unplaced')).toContain('Niet op de kaart');
    expect(await page.getByText('Molenstraat (e2e): 1 aanmelding').count()).toBe(1);
    await screenshot(page, 'planning');
    await expectAccessible(page, 'planning');

    // Promote: Carla comes after all, beyond the capacity, and her kruiwagen counts.
    await page.getByRole('button', { name: 'Toelaten Carla' }).click();
    await expect.poll(() => text(page, 'planning-places')).toBe('3 van 2 plekken bezet, 1 meer dan het maximum');
    expect(await page.getByText('Niemand op de wachtlijst.').count()).toBe(1);
    expect(await page.getByTestId('planning-confirmed').locator('tbody tr').count()).toBe(3);
    expect(await text(page, 'planning-tools')).toContain('Kruiwagen: 4 gevraagd, 1 beschikbaar — 3 te kort');

    // With sign-up closed again, the planning says why no one new arrives.
    await asCoordinator('mutation($id: ID!) { setSignupOpen(campaignId: $id, open: false) { id } }', { id: campaignId });
    await page.reload();
    await expect.poll(() => text(page, 'planning-signup-closed')).toContain('Aanmelden staat dicht');
    await expect.poll(() => page.getByTestId('planning-confirmed').locator('tbody tr').count()).toBe(3);
    await asCoordinator('mutation($id: ID!) { setSignupOpen(campaignId: $id, open: true) { id } }', { id: campaignId });

    // On the day a counter records 4,6 m² at Troelstrastraat 12: the pickup list shows it as counted there.
    const invite = await asCoordinator('mutation($input: CreateParticipantInviteInput!) { createParticipantInvite(input: $input) { id code link } }', { input: { campaignId } });
    const joined = await gqlAt(server.url, 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { token } }', {
      input: { code: invite.createParticipantInvite.code, displayName: 'Teller Dirk', contactConsent: false, showNameInRankings: false },
    });
    const device = new TestDevice();
    const counted = await gqlAt(
      server.url,
      SYNC,
      device.input([device.entry('recordTallyEvent', { id: uuidv7(), campaignId, actionDayId: dayId, streetId: street('Troelstrastraat'), houseNumber: '12', unitCode: 'AREA', count: 46_000 })]),
      { authorization: `Bearer ${joined.body.data.joinCampaign.token}` },
    );
    expect(counted.body.data.sync.results.map((r: any) => r.status)).toEqual(['APPLIED']);

    // The pickup list for the groenbedrijf, printable, and its CSV with the same addresses.
    await page.getByRole('link', { name: 'Ophaallijst voor het groenbedrijf' }).click();
    await page.waitForURL(/\/ophaallijst\?dag=/);
    await expect.poll(() => page.getByTestId('pickup-street').count()).toBe(3);
    const addresses = await page.locator('[data-testid="pickup-street"] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent!.replace(/\s+/g, ' ').trim())));
    expect(addresses).toEqual([
      ['Johan de Wittstraat 5a', '8,0 m²', 'nog niet geteld', '✓ Ja, ophalen'],
      ['Molenstraat (e2e) 3', expect.any(String), 'nog niet geteld', 'Nee'],
      ['Troelstrastraat 12', '12,0 m²', '4,6 m²', '✓ Ja, ophalen'],
    ]);
    expect(await text(page, 'pickup-summary')).toBe('3 adressen, waarvan 2 de tegels laten ophalen. Samen geschat 27,3 m²; geteld 4,6 m².');
    await screenshot(page, 'pickup-list');
    await expectAccessible(page, 'pickup-list');
    // On paper: one A4 sheet with every address, without the buttons.
    const pickupSheets = await printed(page, 'pickup-list-print');
    expect(pickupSheets).toHaveLength(1);
    for (const address of ['Johan de Wittstraat 5a', 'Molenstraat (e2e) 3', 'Troelstrastraat 12']) expect(pickupSheets[0]).toContain(address);
    expect(pickupSheets[0]).not.toContain('Download CSV');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe('Straat;Huisnummer;Geschat (m²);Geteld (m²);Ophalen');
    expect(lines.slice(1)).toEqual(['Johan de Wittstraat;5a;8,00;;ja', 'Molenstraat (e2e);3;7,27;;nee', 'Troelstrastraat;12;12,00;4,60;ja']);

    // The poster: beside the join code, the sign-up QR code while sign-up is open.
    await page.goto(`${server.url}/beheer/campagnes/${campaignId}/uitnodigingen/${invite.createParticipantInvite.id}`);
    await expect.poll(() => page.getByTestId('qr-code').count()).toBe(2);
    const signupLink = `${new URL(invite.createParticipantInvite.link).origin}/aanmelden/${campaignId}`;
    expect(await readQrCode(page, 0)).toBe(signupLink);
    expect(await readQrCode(page, 1)).toBe(invite.createParticipantInvite.link);
    expect(await page.getByRole('heading', { name: 'Aanmelden voor een datum' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Meedoen op de dag' }).count()).toBe(1);
    await screenshot(page, 'console-poster-signup');
    // Printed, both codes and both links are on one A4 sheet.
    const posterSheets = await printed(page, 'console-poster-signup-print');
    expect(posterSheets).toHaveLength(1);
    for (const words of ['Aanmelden voor een datum', 'Meedoen op de dag', `Code: ${invite.createParticipantInvite.code}`]) expect(posterSheets[0]).toContain(words);
    await expectAccessible(page, 'console-poster-signup');
    await context.close();
  });

  it('removes a confirmed person after a question: the waiting person moves up, the personal link stops working', async () => {
    const { server, browser } = bed;
    const coordinator = await demoCoordinator(server);
    const asCoordinator = coordinator.gql;
    // A schouw walk with one place: Anna has it, Bram waits.
    const schouw = await asCoordinator('query($id: ID!) { campaign(id: $id) { neighbourhood { id } } }', { id: coordinator.schouw.id });
    const date = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const made = await asCoordinator('mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id days { id } } }', {
      input: { neighbourhoodId: schouw.campaign.neighbourhood.id, kind: 'SCHOUW', name: 'Schouw verwijderen (e2e)', days: [{ date, label: 'Avondronde' }] },
    });
    const campaignId = made.createCampaign.id as string;
    const dayId = made.createCampaign.days[0].id as string;
    await asCoordinator('mutation($input: ChangeCampaignStatusInput!) { changeCampaignStatus(input: $input) { id } }', { input: { campaignId, status: 'OPEN' } });
    await asCoordinator('mutation($id: ID!) { setSignupOpen(campaignId: $id, open: true) { id } }', { id: campaignId });
    await asCoordinator('mutation($dayId: ID!) { setCampaignDayCapacity(dayId: $dayId, capacity: 1) { id } }', { dayId });
    const signUp = async (displayName: string) => {
      const { body } = await gqlAt(server.url, SIGN_UP, { input: { campaignId, dayIds: [dayId], displayName, contactConsent: false, walkerKind: 'RESIDENT' } });
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      return body.data.signUp.token as string;
    };
    const annaLink = await signUp('Anna');
    await signUp('Bram');

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL' });
    const page = await context.newPage();
    await signInToConsole(page, server);
    await page.goto(`${server.url}/beheer/campagnes/${campaignId}/planning`);
    await expect.poll(() => text(page, 'planning-places')).toBe('1 van 1 plek bezet');
    const questions: string[] = [];

    // Saying no to the question changes nothing.
    page.once('dialog', (dialog) => void (questions.push(dialog.message()), dialog.dismiss()));
    await page.getByRole('button', { name: 'Verwijderen Anna' }).click();
    await expect.poll(() => questions.length).toBe(1);
    expect(questions[0]).toBe('Anna van de lijst halen? De plek gaat naar de eerste op de wachtlijst. De gegevens van Anna worden gewist. Dat kun je niet terugdraaien.');
    expect(await page.getByTestId('planning-confirmed').locator('tbody tr').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Verwijderen Anna' }).count()).toBe(1);

    // With the keyboard, and yes: Bram moves up and the focus lands on the list's heading.
    page.once('dialog', (dialog) => void (questions.push(dialog.message()), dialog.accept()));
    await page.getByRole('button', { name: 'Verwijderen Anna' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Anna staat niet meer op de lijst en de gegevens zijn gewist. Bram staat nu bij wie er komt.').count()).toBe(1);
    expect(questions).toHaveLength(2);
    expect(await text(page, 'planning-places')).toBe('1 van 1 plek bezet');
    const rows = await page.getByTestId('planning-confirmed').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.querySelector('td:nth-child(2)')!.textContent!.trim()));
    expect(rows).toEqual(['Bram']);
    expect(await page.getByText('Niemand op de wachtlijst.').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('confirmed-title');
    const button = await page.getByRole('button', { name: 'Verwijderen Bram' }).boundingBox();
    expect(button!.height).toBeGreaterThanOrEqual(44);
    await screenshot(page, 'planning-removed');
    await expectAccessible(page, 'planning-removed');

    // Anna's data is gone: her personal link opens nothing any more.
    const mine = await gqlAt(server.url, 'query($token: String!) { mySignup(token: $token) { id } }', { token: annaLink });
    expect(mine.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await context.close();
  });
});

/// <reference lib="dom" />
/**
 * One phone, two activities: a resident answers the schouw checklist while nothing can
 * be sent, joins the tegelwip action on the same phone and counts tiles, closes the app
 * and opens it again (Mijn activiteiten shows both), and when the server can be reached
 * again everything arrives once, each with the token of the activity it was recorded in:
 * nothing is refused, nothing waits. Taking an activity off the phone names what is unsent.
 */
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshot } from './support/screens.js';
import { gqlAt } from './support/staff-api.js';
import { useDemoApp } from './support/demo-app.js';

describe('two activities on one phone (Chromium)', () => {
  const app = useDemoApp('buurtkracht-two-');

  it('sends the schouw work with the schouw token after joining the tegelwip action', async () => {
    // Service workers off: this test holds back only the sync requests, which the page itself must see.
    const phone = await app.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL', serviceWorkers: 'block' });
    let holdSync = true;
    await phone.route('**/graphql', (route) => (holdSync && route.request().postData()?.includes('mutation Sync') ? route.abort('internetdisconnected') : route.continue()));
    let page = await phone.newPage();

    await page.goto(`${app.server.url}/meedoen/${await app.coordinator.invite(app.coordinator.schouw.id)}`);
    await page.getByLabel('Jouw naam in de app').fill('Buurvrouw');
    await page.getByRole('button', { name: 'Meedoen' }).click();
    await page.waitForURL(`${app.server.url}/schouw`);
    await page.getByRole('link', { name: /Speeltuin Boerenpad/ }).click();
    await page.getByRole('group', { name: 'In welke staat zijn de speeltoestellen?' }).getByRole('button', { name: 'Matig (C)' }).click();
    await expect.poll(() => page.getByText('Jouw antwoord: Matig (C)').count()).toBe(1);

    await page.goto(`${app.server.url}/meedoen/${await app.coordinator.invite(app.coordinator.tegelwippen.id)}`);
    await page.getByLabel('Jouw naam in de app').fill('Buurvrouw');
    await page.getByRole('button', { name: 'Meedoen' }).click();
    await page.waitForURL(`${app.server.url}/tellen`);
    // The first visit asks for the street; the day is today's (the demo's first action day).
    await page.getByLabel(/^Straat/).selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Begin met tellen' }).click();
    await page.getByTestId('add-TEGEL_30X30').click();
    await page.getByTestId('add-TEGEL_30X30').click();
    // Both taps are stored before the page is left (a click does not wait for the write).
    await expect.poll(() => page.getByTestId('street-total').textContent()).toBe('0,18 m²');

    // Closed and opened again, still without a connection: both activities are on the phone,
    // each with what it still has to send, the one joined last shown.
    await page.close();
    page = await phone.newPage();
    await page.goto(app.server.url);
    const activities = page.getByRole('region', { name: 'Mijn activiteiten' });
    await expect.poll(() => activities.getByTestId('activity').count()).toBe(2);
    const schouwCard = activities.getByTestId('activity').filter({ hasText: 'Buurtschouw' });
    const tellenCard = activities.getByTestId('activity').filter({ hasText: 'Tegelwippen' });
    await expect.poll(() => schouwCard.getByTestId('activity-unsent').textContent()).toContain('Nog niet verstuurd: 1');
    await expect.poll(() => tellenCard.getByTestId('activity-unsent').textContent()).toContain('Nog niet verstuurd: 2');
    expect(await tellenCard.getByText('Open op deze telefoon').count()).toBe(1);
    await screenshot(page, 'my-activities');
    await expectAccessible(page, 'my-activities');
    // The walk opens in the schouw, the counter in the tegelwip action.
    await schouwCard.getByRole('button', { name: 'Naar de schouw' }).click();
    await page.waitForURL(`${app.server.url}/schouw`);
    await expect.poll(() => page.getByRole('link', { name: /Speeltuin Boerenpad/ }).count()).toBe(1);
    await page.getByRole('link', { name: 'Tegels tellen' }).first().click();
    await page.waitForURL(`${app.server.url}/tellen`);
    await expect.poll(() => page.getByTestId('street-total').textContent()).toBe('0,18 m²');

    await page.goto(`${app.server.url}/versturen`);
    await expect.poll(() => page.getByTestId('sync-summary').textContent()).toBe('3 nog niet verstuurd');
    holdSync = false;
    await page.getByRole('button', { name: 'Nu versturen' }).click();
    await expect.poll(() => page.getByTestId('sync-summary').textContent(), { timeout: 30_000 }).toBe('Alles is verstuurd');
    expect(await page.getByRole('heading', { name: 'Heeft je aandacht' }).count()).toBe(0);
    await screenshot(page, 'sync-two-activities');
    await expectAccessible(page, 'sync-two-activities');

    const schouw = await gqlAt(app.server.url, 'query($id: ID!) { campaign(id: $id) { observations(first: 50) { edges { node { rating } } } } }', { id: app.coordinator.schouw.id }, { cookie: app.coordinator.cookie });
    expect(schouw.body.data.campaign.observations.edges.filter((e: any) => e.node.rating === 'C')).toHaveLength(1);
    expect((await app.coordinator.dashboard(app.coordinator.tegelwippen.id)).total).toEqual({ areaCm2: 1800, entries: 2 });

    // Taking the tegelwip action off the phone: one count that is not sent yet is named,
    // and goes only when the person throws it away; the schouw stays.
    holdSync = true;
    await page.goto(`${app.server.url}/tellen`);
    await page.getByTestId('add-TEGEL_30X30').click();
    await expect.poll(() => page.getByTestId('street-total').textContent()).toBe('0,27 m²');
    await page.goto(app.server.url);
    await tellenCard.getByRole('button', { name: 'Van deze telefoon halen' }).click();
    const leave = tellenCard.getByTestId('leave-activity');
    await expect.poll(() => leave.textContent()).toContain('nog niet alles verstuurd (nog 1)');
    await screenshot(page, 'leave-activity-unsent');
    await expectAccessible(page, 'leave-activity-unsent');
    await leave.getByRole('button', { name: 'Gooi 1 weg en haal van deze telefoon' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'staat niet meer op deze telefoon' }).count()).toBe(1);
    await expect.poll(() => activities.getByTestId('activity').count()).toBe(1);
    expect(await schouwCard.count()).toBe(1);
    holdSync = false;
    await page.goto(`${app.server.url}/versturen`);
    await page.getByRole('button', { name: 'Nu versturen' }).click();
    await expect.poll(() => page.getByTestId('sync-summary').textContent(), { timeout: 30_000 }).toBe('Alles is verstuurd');
    expect((await app.coordinator.dashboard(app.coordinator.tegelwippen.id)).total).toEqual({ areaCm2: 1800, entries: 2 });
    await phone.close();
  });

  it('shows a refused entry with its reason, and lets the person throw it away', async () => {
    const phone = await app.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL', serviceWorkers: 'block' });
    let holdSync = false;
    await phone.route('**/graphql', (route) => (holdSync && route.request().postData()?.includes('mutation Sync') ? route.abort('internetdisconnected') : route.continue()));
    const page = await phone.newPage();
    const staff = { cookie: app.coordinator.cookie };
    const day = await gqlAt(app.server.url, 'mutation($input: AddCampaignDayInput!) { addCampaignDay(input: $input) { id } }', { input: { campaignId: app.coordinator.tegelwippen.id, date: '2027-06-19', label: 'Reservedag' } }, staff);

    await page.goto(`${app.server.url}/meedoen/${await app.coordinator.invite(app.coordinator.tegelwippen.id)}`);
    await page.getByLabel('Jouw naam in de app').fill('Teller');
    await page.getByRole('button', { name: 'Meedoen' }).click();
    await page.waitForURL(`${app.server.url}/tellen`);
    // Dates in Dutch words, with the year when it is not this year: 'za 19 juni 2027 – Reservedag'.
    const reserveDay = await page.getByLabel(/^Actiedag/).locator('option').filter({ hasText: /^za 19 juni( 2027)? – Reservedag$/ }).getAttribute('value');
    await page.getByLabel(/^Actiedag/).selectOption(reserveDay!);
    await page.getByLabel(/^Straat/).selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Begin met tellen' }).click();
    holdSync = true;
    await page.getByTestId('add-TEGEL_30X30').click();
    // Not today's day: asked once before it counts.
    await page.getByRole('dialog', { name: 'Tellen voor een andere dag?' }).getByRole('button', { name: /^Ja, tel voor za 19 juni( 2027)?$/ }).click();
    // The coordinator takes the day out again before the count reaches the app.server.
    const removed = await gqlAt(app.server.url, 'mutation($id: ID!) { removeCampaignDay(dayId: $id) { id } }', { id: day.body.data.addCampaignDay.id }, staff);
    expect(removed.body.errors).toBeUndefined();
    holdSync = false;

    await page.goto(`${app.server.url}/versturen`);
    await page.getByRole('button', { name: 'Nu versturen' }).click();
    const attention = page.getByRole('region', { name: 'Heeft je aandacht' });
    await expect.poll(() => attention.getByText('Deze actiedag hoort niet bij deze actie.').count(), { timeout: 30_000 }).toBe(1);
    expect(await attention.getByText(/^Telling: 1 × 30×30 \(vastgelegd op /).count()).toBe(1);
    await screenshot(page, 'sync-attention');
    await expectAccessible(page, 'sync-attention');

    page.once('dialog', (dialog) => void dialog.accept());
    await attention.getByRole('button', { name: 'Weggooien' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Heeft je aandacht' }).count()).toBe(0);
    await expect.poll(() => page.getByTestId('sync-summary').textContent()).toBe('Alles is verstuurd');
    await phone.close();
  });
});

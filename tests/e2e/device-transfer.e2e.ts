/// <reference lib="dom" />
/**
 * Moving to a new phone, in real Chromium with phones of 390×844: the old phone records a
 * finding while nothing can be sent, and /overzetten names the unsent work instead of a
 * code; once it is sent, a code (ABCD-EFGH) and a QR code of its link appear. The new
 * phone opens the link (the code is filled in, not used until the button), receives the
 * schouw and the finding's follow-up: the coordinator's public message reaches it. The
 * old phone's next sync says it has no access any more; the code does not work twice.
 * Without internet the page says so. An expired code is not shown and a new one can be made.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jsqrModule from 'jsqr';
import sharp from 'sharp';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshot } from './support/screens.js';
import { gqlAt } from './support/staff-api.js';
import { useDemoApp } from './support/demo-app.js';

// jsqr is CommonJS declaring `export default`; under Node's interop the default import is the function itself.
const jsQR = jsqrModule as unknown as typeof jsqrModule.default;
const photo = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'losse-stoeptegel.jpg');
const REFUSED = 'Deze code werkt niet (meer). Maak op je oude telefoon een nieuwe code.';

/** What the QR code on the page says, read back from a screenshot of it. */
async function readQrCode(page: Page): Promise<string | null> {
  const png = await page.getByTestId('qr-code').screenshot();
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}

/** The code as the old phone shows it (the part a sighted person reads). */
const shownCode = (page: Page) => page.getByTestId('transfer-code-value').locator('[aria-hidden="true"]').textContent();

describe('moving to a new phone (Chromium, 390×844)', () => {
  const app = useDemoApp('buurtkracht-transfer-');

  /** A phone whose sending (sync rounds and photo uploads) can be held back. Service workers off: the page itself must see those requests. */
  async function newPhone(): Promise<{ phone: BrowserContext; page: Page; hold: (on: boolean) => void }> {
    const phone = await app.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL', serviceWorkers: 'block' });
    let held = false;
    await phone.route('**/graphql', (route) => (held && route.request().postData()?.includes('mutation Sync') ? route.abort('internetdisconnected') : route.continue()));
    await phone.route('**/media/**', (route) => (held && route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.continue()));
    return { phone, page: await phone.newPage(), hold: (on) => (held = on) };
  }

  async function joinSchouw(page: Page, name: string) {
    await page.goto(`${app.server.url}/meedoen/${await app.coordinator.invite(app.coordinator.schouw.id)}`);
    await page.getByLabel('Jouw naam in de app').fill(name);
    await page.getByRole('button', { name: 'Meedoen' }).click();
    await page.waitForURL(`${app.server.url}/schouw`);
  }

  it('refuses a code while work is unsent, then moves the schouw and its follow-up to the new phone once', async () => {
    const old = await newPhone();
    let page = old.page;
    old.hold(true);
    await joinSchouw(page, 'Buurvrouw');
    await page.getByRole('link', { name: /Speeltuin Boerenpad/ }).click();
    await page.getByRole('link', { name: 'Bevinding met foto toevoegen' }).click();
    await page.getByLabel('Onderwerp').selectOption('HEEL');
    await page.getByLabel('Wat zie je?').fill('Wipkip wiebelt');
    await page.getByLabel('Foto maken').setInputFiles(photo);
    await expect.poll(() => page.getByTestId('photo-count').textContent()).toContain('1 foto');
    await page.getByLabel('Locatie onbekend').check();
    await page.getByRole('button', { name: 'Bevinding opslaan' }).click();
    await page.waitForURL(/\/schouw\/plek\/.*\?opgeslagen=/);

    // The finding and its photo are still on the phone: no code, and it says what to do.
    await page.goto(`${app.server.url}/overzetten`);
    const send = page.getByRole('region', { name: 'Naar een nieuwe telefoon' });
    await expect.poll(() => send.getByTestId('transfer-unsent').textContent()).toContain('nog niet alles verstuurd (nog 2)');
    expect(await send.getByRole('button', { name: 'Maak een overzetcode' }).count()).toBe(0);
    expect(await send.getByRole('link', { name: 'Bekijk wat er nog wacht' }).getAttribute('href')).toBe('/versturen');
    await screenshot(page, 'transfer-unsent');
    await expectAccessible(page, 'transfer-unsent');

    old.hold(false);
    await send.getByRole('button', { name: 'Nu versturen' }).click();
    await expect.poll(() => send.getByRole('button', { name: 'Maak een overzetcode' }).count(), { timeout: 30_000 }).toBe(1);
    expect(await send.getByTestId('transfer-unsent').count()).toBe(0);
    await send.getByRole('button', { name: 'Maak een overzetcode' }).click();
    await expect.poll(() => shownCode(page)).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const code = (await shownCode(page))!;
    expect(await send.getByTestId('transfer-valid').textContent()).toMatch(/Geldig tot \d{2}:\d{2}/);
    expect(await send.getByText('Leg na het overzetten niets meer vast op deze telefoon.').count()).toBe(1);
    // The QR code holds the link to this page on the new phone, with the code without its dash.
    const link = await readQrCode(page);
    expect(link).toMatch(new RegExp(`/overzetten\\?code=${code.replace('-', '')}$`));
    await screenshot(page, 'transfer-code');
    await expectAccessible(page, 'transfer-code');
    // While the code is open the old phone records nothing: it could never be sent.
    await page.goto(`${app.server.url}/schouw`);
    await expect.poll(() => page.getByTestId('recording-blocked').textContent()).toContain('Er staat een overzetcode open');
    expect(await page.getByRole('link', { name: /Speeltuin Boerenpad/ }).count()).toBe(0);
    await screenshot(page, 'recording-blocked-transfer');
    await expectAccessible(page, 'recording-blocked-transfer');

    // The new phone opens the link: the code is filled in, and used only with the button.
    const fresh = await newPhone();
    const newPage = fresh.page;
    await newPage.goto(`${app.server.url}${new URL(link!).pathname}${new URL(link!).search}`);
    const receive = newPage.getByRole('region', { name: 'Van een oude telefoon overzetten' });
    await expect.poll(() => receive.getByLabel('Overzetcode').inputValue()).toBe(code);
    expect(await newPage.getByRole('region', { name: 'Naar een nieuwe telefoon' }).count()).toBe(0);
    await receive.getByRole('button', { name: 'Zet over naar deze telefoon' }).click();
    const received = receive.getByTestId('transfer-received');
    await expect.poll(() => received.textContent(), { timeout: 30_000 }).toContain(app.coordinator.schouw.name);
    await screenshot(newPage, 'transfer-received');
    await expectAccessible(newPage, 'transfer-received');

    await receive.getByRole('link', { name: 'Naar de startpagina' }).click();
    await newPage.waitForURL(`${app.server.url}/`);
    const activities = newPage.getByRole('region', { name: 'Mijn activiteiten' });
    await expect.poll(() => activities.getByTestId('activity').filter({ hasText: app.coordinator.schouw.name }).count()).toBe(1);
    expect(await activities.getByText('geen toegang meer').count()).toBe(0);
    await newPage.goto(`${app.server.url}/schouw/mijn`);
    await expect.poll(() => newPage.getByTestId('my-finding').filter({ hasText: 'Wipkip wiebelt' }).count(), { timeout: 30_000 }).toBe(1);

    // The coordinator answers the finding; the new phone hears of it.
    const { body } = await gqlAt(app.server.url, 'query($id: ID!) { campaign(id: $id) { findings(first: 50) { edges { node { id text } } } } }', { id: app.coordinator.schouw.id }, { cookie: app.coordinator.cookie });
    const finding = body.data.campaign.findings.edges.map((e: any) => e.node).find((f: any) => f.text === 'Wipkip wiebelt');
    const changed = await gqlAt(app.server.url, 'mutation($input: ChangeFindingStatusInput!) { changeFindingStatus(input: $input) { status } }', { input: { findingId: finding.id, status: 'INGEPLAND', publicMessage: 'De wipkip wordt volgende week gerepareerd.' } }, { cookie: app.coordinator.cookie });
    expect(changed.body.errors).toBeUndefined();
    await newPage.goto(`${app.server.url}/versturen`);
    await newPage.getByRole('button', { name: 'Nu versturen' }).click();
    await newPage.goto(`${app.server.url}/schouw/mijn`);
    await expect.poll(() => newPage.getByTestId('my-finding-message').filter({ hasText: 'De wipkip wordt volgende week gerepareerd.' }).count(), { timeout: 30_000 }).toBe(1);

    // The old phone's next sync round: no access any more, and nothing left to move.
    await page.goto(`${app.server.url}/versturen`);
    await page.getByRole('button', { name: 'Nu versturen' }).click();
    await page.goto(app.server.url);
    const oldCard = page.getByRole('region', { name: 'Mijn activiteiten' }).getByTestId('activity').filter({ hasText: app.coordinator.schouw.name });
    await expect.poll(() => oldCard.textContent(), { timeout: 30_000 }).toContain('Deze telefoon heeft geen toegang meer tot deze activiteit.');
    await page.goto(`${app.server.url}/schouw`);
    await expect.poll(() => page.getByTestId('recording-blocked').textContent()).toContain('Geen toegang meer');
    await page.goto(`${app.server.url}/overzetten`);
    await expect.poll(() => page.getByRole('region', { name: 'Naar een nieuwe telefoon' }).textContent()).toContain('geen activiteiten meer die je kunt overzetten');

    // A third phone tries the same code: what is typed is checked first, then the server refuses.
    const third = await newPhone();
    await third.page.goto(`${app.server.url}/overzetten`);
    const form = third.page.getByRole('region', { name: 'Van een oude telefoon overzetten' });
    const field = form.getByLabel('Overzetcode');
    await field.waitFor();
    // Without a connection the page says that moving needs internet.
    await third.phone.setOffline(true);
    await expect.poll(() => third.page.getByTestId('transfer-offline').count()).toBe(1);
    expect(await third.page.getByTestId('transfer-offline').textContent()).toContain('Overzetten kan alleen met internet.');
    await third.phone.setOffline(false);
    await expect.poll(() => third.page.getByTestId('transfer-offline').count()).toBe(0);
    await form.getByRole('button', { name: 'Zet over naar deze telefoon' }).click();
    await expect.poll(() => form.getByText('Vul de overzetcode in.').count()).toBe(1);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await field.fill('abc');
    await expect.poll(() => form.getByText('Je hebt er nu 3 ingevuld.').count()).toBe(1);
    await field.fill(code.replace('-', '').toLowerCase());
    expect(await form.getByText('Je hebt er nu').count()).toBe(0);
    await form.getByRole('button', { name: 'Zet over naar deze telefoon' }).click();
    await expect.poll(() => form.getByTestId('transfer-refused').textContent(), { timeout: 30_000 }).toContain(REFUSED);
    expect(await form.getByTestId('transfer-received').count()).toBe(0);
    await third.page.goto(app.server.url);
    expect(await third.page.getByRole('region', { name: 'Mijn activiteiten' }).count()).toBe(0);

    await Promise.all([old.phone.close(), fresh.phone.close(), third.phone.close()]);
  });

  it('does not show an expired code, and makes a new one', async () => {
    const { phone, page } = await newPhone();
    await joinSchouw(page, 'Buurman');
    await page.clock.install();
    await page.goto(`${app.server.url}/overzetten`);
    const send = page.getByRole('region', { name: 'Naar een nieuwe telefoon' });
    await send.getByRole('button', { name: 'Maak een overzetcode' }).click();
    await expect.poll(() => shownCode(page)).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const first = await shownCode(page);

    await page.clock.fastForward('10:01');
    await expect.poll(() => send.getByTestId('transfer-expired').textContent()).toContain('Deze code is verlopen.');
    expect(await page.getByTestId('qr-code').count()).toBe(0);
    expect(await page.getByTestId('transfer-code-value').count()).toBe(0);

    // Back to the server's time (the clock only ran ahead for the page), then a new code.
    await page.clock.setSystemTime(new Date());
    await send.getByRole('button', { name: 'Maak een nieuwe code' }).click();
    await expect.poll(() => page.getByTestId('qr-code').count()).toBe(1);
    expect(await shownCode(page)).not.toBe(first);
    await phone.close();
  });
});

/// <reference lib="dom" />
/**
 * A person's first hour, in real Chromium: a schouw screen opened before joining says so
 * and links to joining; the join page says when a code is unknown or there is no signal;
 * the join form asks what fits the activity and says next to a
 * field what is missing; a free finding is confirmed; an address that does not exist gets a Dutch page with a way back,
 * in the field app and in the console.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshot } from './support/screens.js';
import { useDemoApp } from './support/demo-app.js';

describe('first hour (Chromium)', () => {
  const app = useDemoApp('buurtkracht-first-hour-');

  async function phone(): Promise<Page> {
    const context = await app.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
    return context.newPage();
  }

  async function height(locator: Locator): Promise<number> {
    return (await locator.boundingBox())?.height ?? 0;
  }

  it('a schouw screen opened before joining says so and links to joining', async () => {
    const page = await phone();
    await page.goto(`${app.server.url}/schouw/bevinding`);
    await expect.poll(() => page.getByTestId('needs-schouw').textContent()).toContain('Je doet nog niet mee aan een schouw');
    expect(await page.getByRole('button', { name: 'Bevinding opslaan' }).count()).toBe(0);
    expect(await height(page.getByRole('link', { name: 'Terug naar de plekken' }))).toBeGreaterThanOrEqual(44);
    await screenshot(page, 'finding-not-joined');
    await expectAccessible(page, 'finding-not-joined');

    for (const screen of ['/schouw/plek/onbekend', '/schouw/mijn', '/schouw']) {
      await page.goto(`${app.server.url}${screen}`);
      await expect.poll(() => page.getByTestId('needs-schouw').count(), { message: screen }).toBe(1);
    }
    await page.getByRole('link', { name: 'Meedoen met een code' }).click();
    await page.waitForURL(`${app.server.url}/meedoen`);
    await page.context().close();
  });

  it('the code screen shows a hint like a real code and says next to the field when it is empty', async () => {
    const page = await phone();
    await page.goto(`${app.server.url}/meedoen`);
    const hint = (await page.locator('#code-help').textContent()) ?? '';
    expect(hint).toMatch(/\b[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{10}\b/);
    const real = await app.coordinator.invite(app.coordinator.schouw.id);
    expect(real).toMatch(/^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{10}$/);

    await page.getByRole('button', { name: 'Verder' }).click();
    await expect.poll(() => page.locator('#code-problem').textContent()).toContain('Vul de code in');
    expect(await page.getByLabel('Code van de uitnodiging').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Code van de uitnodiging').fill(real.toLowerCase());
    expect(await page.locator('#code-problem').count()).toBe(0);
    await page.getByRole('button', { name: 'Verder' }).click();
    await page.waitForURL(`${app.server.url}/meedoen/${real}`);
    await page.context().close();
  });

  it('the join page says plainly when a code is unknown, or when there is no signal to look it up', async () => {
    // Without the service worker, so that every request of the page goes through page.route.
    const context = await app.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL', serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${app.server.url}/meedoen/ABCDEFGHJK`);
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Deze code kennen we niet of hij is niet meer geldig.');
    expect(await page.getByRole('button', { name: 'Meedoen' }).count()).toBe(0);
    const code = await app.coordinator.invite(app.coordinator.tegelwippen.id);
    await page.route('**/graphql', (route) => route.abort('internetdisconnected'));
    await page.goto(`${app.server.url}/meedoen/${code}`);
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Om mee te doen heb je één keer internet nodig. Daarna werkt de app ook zonder.');
    await page.unroute('**/graphql');
    await page.reload();
    await page.getByRole('button', { name: 'Meedoen' }).waitFor();
    await page.context().close();
  });

  it('the join form asks about the ranking only for tiles, and wants a contact detail when asked to hear back', async () => {
    const page = await phone();
    await page.goto(`${app.server.url}/meedoen/${await app.coordinator.invite(app.coordinator.schouw.id)}`);
    await page.getByLabel('Jouw naam in de app').waitFor();
    expect(await page.getByLabel('Mijn naam mag in de ranglijst staan').count()).toBe(0);

    const consent = page.getByLabel('Ik wil horen wat er met mijn meldingen gebeurt');
    await consent.check();
    const box = await consent.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(24);
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(24);
    expect(await height(page.locator('label.check'))).toBeGreaterThanOrEqual(44);

    // Nothing filled in: each message next to its field, and nothing is sent.
    await page.getByRole('button', { name: 'Meedoen' }).click();
    await expect.poll(() => page.locator('#name-problem').textContent()).toContain('Vul een naam in');
    await page.getByLabel('Jouw naam in de app').fill('Schouwer');
    expect(await page.locator('#name-problem').count()).toBe(0);
    await page.getByRole('button', { name: 'Meedoen' }).click();
    await expect.poll(() => page.locator('#contact-problem').textContent()).toContain('Vul je e-mailadres of telefoonnummer in');
    const contact = page.getByLabel('E-mailadres of telefoonnummer');
    expect(await contact.getAttribute('aria-invalid')).toBe('true');
    expect(await contact.getAttribute('aria-describedby')).toContain('contact-problem');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contact');
    await contact.fill('schouwer');
    await expect.poll(() => page.locator('#contact-problem').textContent()).toContain('Dit is geen e-mailadres of telefoonnummer');
    await screenshot(page, 'join-contact-problem');
    await expectAccessible(page, 'join-contact-problem');
    expect(page.url()).toContain('/meedoen/');

    await contact.fill('06-12345678');
    expect(await page.locator('#contact-problem').count()).toBe(0);
    await page.getByRole('button', { name: 'Meedoen' }).click();
    await page.waitForURL(`${app.server.url}/schouw`);

    // A free finding (no spot) is confirmed on Mijn bevindingen, at the top of the list.
    await page.getByRole('link', { name: 'Vrije bevinding toevoegen' }).click();
    await page.getByLabel('Wat zie je?').fill('Bankje bij de bushalte is kapot');
    await page.getByRole('button', { name: 'Bevinding opslaan' }).click();
    await page.waitForURL(/\/schouw\/mijn\?opgeslagen=/);
    await expect.poll(() => page.getByTestId('finding-saved').textContent()).toContain('Bevinding opgeslagen');
    expect(await page.getByTestId('my-finding').first().getByRole('heading').textContent()).toBe('Bankje bij de bushalte is kapot');

    await page.goto(`${app.server.url}/meedoen/${await app.coordinator.invite(app.coordinator.tegelwippen.id)}`);
    await page.getByLabel('Mijn naam mag in de ranglijst staan').waitFor();
    await page.context().close();
  });

  it('an address that does not exist gets a Dutch page with a way back, in the field app and the console', async () => {
    const page = await phone();
    await page.goto(`${app.server.url}/bestaat-niet`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Deze pagina bestaat niet');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');
    const home = page.getByRole('link', { name: 'Naar de startpagina' });
    expect(await height(home)).toBeGreaterThanOrEqual(44);
    await screenshot(page, 'not-found');
    await expectAccessible(page, 'not-found');
    await home.click();
    await page.waitForURL(`${app.server.url}/`);

    await page.goto(`${app.server.url}/beheer/bestaat-niet`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Deze pagina bestaat niet');
    await screenshot(page, 'console-not-found');
    await expectAccessible(page, 'console-not-found');
    await page.getByRole('link', { name: 'Naar het beheer' }).click();
    await page.waitForURL(/\/beheer/);
    await page.context().close();
  });

  it('lets nothing jump while the join and progress pages load their data', async () => {
    const page = await phone();
    // Layout shifts as the browser reports them, counted from the first paint on.
    await page.addInitScript(() => {
      const w = window as unknown as { shifts: number };
      w.shifts = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!entry.hadRecentInput) w.shifts += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const shiftsOn = async (url: string, ready: () => Promise<unknown>) => {
      await page.goto(url);
      await ready();
      await page.waitForTimeout(300);
      return page.evaluate(() => (window as unknown as { shifts: number }).shifts);
    };
    const code = await app.coordinator.invite(app.coordinator.tegelwippen.id);
    expect(await shiftsOn(`${app.server.url}/meedoen/${code}`, () => page.getByRole('button', { name: 'Meedoen' }).waitFor())).toBeLessThan(0.01);
    expect(await shiftsOn(`${app.server.url}/voortgang/${app.coordinator.tegelwippen.id}`, () => page.getByTestId('progress-total').waitFor())).toBeLessThan(0.01);
    await page.context().close();
  });
});

/// <reference lib="dom" />
/**
 * A phone in the end-to-end tests: a 390×844 browser context in Dutch, and joining the
 * field app with a sign-up's personal link as a person does on the day.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';

export async function newPhone(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
  return { context, page: await context.newPage() };
}

/**
 * Opens the personal link, taps *Meedoen in de app* and waits until the app's screen for
 * the campaign (/tellen or /schouw) is open and the service worker controls the page, so
 * that a later reload or lost network finds the app shell.
 */
export async function joinWithPersonalLink(page: Page, link: string, screen: '/tellen' | '/schouw'): Promise<void> {
  await page.goto(link);
  await page.getByRole('button', { name: 'Meedoen in de app' }).click();
  await page.waitForURL(`${new URL(link).origin}${screen}`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
}

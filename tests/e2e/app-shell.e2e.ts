/// <reference lib="dom" />
/**
 * The installed-app promise in real Chromium against the real built server: the app
 * loads in Dutch, its service worker takes control, and with the network gone a reload
 * and a deep link still open the app instead of the browser's error page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { launchChromium } from './browser.js';

describe('app shell (Chromium)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-e2e-'));
    server = await startServer({ DATABASE_PATH: path.join(dir, 'e2e.db'), NODE_ENV: 'test' });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads the Dutch home screen and shows that it is online', async () => {
    await page.goto(server.url);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Samen maken we de buurt sterker');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.getByTestId('online-status').textContent()).toContain('Online');
  });

  it('installs a service worker that takes control of the page', async () => {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    const scriptUrl = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
    expect(scriptUrl).toBe(`${server.url}/service-worker.js`);
  });

  it('lets downloads and API paths through the service worker instead of answering with the app', async () => {
    const response = await page.goto(`${server.url}/exports/campaigns/none/findings.csv`);
    expect(response?.status()).toBe(401);
    expect(await page.content()).not.toContain('Samen maken we de buurt sterker');
    await page.goto(server.url);
  });

  it('reloads with no network and still shows the app, now marked offline', async () => {
    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Samen maken we de buurt sterker');
    await expect.poll(() => page.getByTestId('online-status').textContent()).toContain('Offline');
  });

  it('opens a deep link with no network and navigates back home', async () => {
    await page.goto(`${server.url}/over`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Over de app en je privacy');
    await page.getByRole('link', { name: 'Terug naar start' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Samen maken we de buurt sterker');
    await context.setOffline(false);
  });

  it('switches to English and remembers the choice', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Together we make the neighbourhood stronger');
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Together we make the neighbourhood stronger');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
  });

  it('serves an installable Dutch manifest whose icons exist', async () => {
    const manifest = (await (await fetch(`${server.url}/manifest.webmanifest`)).json()) as any;
    expect(manifest).toMatchObject({ short_name: 'Buurtkracht', lang: 'nl', display: 'standalone', start_url: '/' });
    expect(manifest.name).toMatch(/Buurtkracht/);
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    const maskable = manifest.icons.filter((icon: any) => icon.purpose === 'maskable');
    expect(maskable.map((icon: any) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons) {
      const response = await fetch(`${server.url}${icon.src}`);
      expect(response.status, icon.src).toBe(200);
      expect(response.headers.get('content-type'), icon.src).toBe(icon.type);
    }
  });
});

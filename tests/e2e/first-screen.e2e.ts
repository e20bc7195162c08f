/// <reference lib="dom" />
/**
 * The first screen is not held up by work that can wait (routes/+layout.svelte and
 * routes/(field)/+layout.svelte): reading the remembered language (localStorage, a pause
 * on a slow phone) and opening the field app's storage (IndexedDB) happen a task after
 * the app has replaced the brand bar the shell paints, not in the task that shows it.
 *
 * A MutationObserver's callback runs after the code that changed the page, never in the
 * middle of it: a read made by that same code, right after the brand bar is taken away,
 * does not see the removal observed yet; a read a task later does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { launchChromium } from './browser.js';

interface FirstScreen {
  bootRemoved: boolean;
  languageReadAfterBoot: boolean | null;
  storageOpenedAfterBoot: boolean | null;
}

declare global {
  interface Window {
    firstScreen: FirstScreen;
  }
}

function watchFirstScreen(): void {
  const state: FirstScreen = { bootRemoved: false, languageReadAfterBoot: null, storageOpenedAfterBoot: null };
  window.firstScreen = state;
  let bootSeen = false;
  new MutationObserver(() => {
    const boot = document.getElementById('boot');
    if (boot) bootSeen = true;
    else if (bootSeen) state.bootRemoved = true;
  }).observe(document, { childList: true, subtree: true });
  const getItem = Storage.prototype.getItem;
  Storage.prototype.getItem = function (key: string) {
    state.languageReadAfterBoot ??= state.bootRemoved;
    return getItem.call(this, key);
  };
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (...args: Parameters<IDBFactory['open']>) {
    state.storageOpenedAfterBoot ??= state.bootRemoved;
    return open.apply(this, args);
  };
}

describe('the first screen (Chromium)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-e2e-'));
    server = await startServer({ DATABASE_PATH: path.join(dir, 'e2e.db'), NODE_ENV: 'test' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads the remembered language and opens the field storage only after the app has shown itself', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
    try {
      const page = await context.newPage();
      await page.addInitScript(watchFirstScreen);
      await page.goto(`${server.url}/over`);
      await expect.poll(() => page.locator('h1').textContent()).toBe('Over de app en je privacy');
      await expect.poll(() => page.evaluate(() => window.firstScreen.storageOpenedAfterBoot)).not.toBeNull();
      await expect.poll(() => page.evaluate(() => window.firstScreen.languageReadAfterBoot)).not.toBeNull();
      expect(await page.evaluate(() => window.firstScreen)).toEqual({ bootRemoved: true, languageReadAfterBoot: true, storageOpenedAfterBoot: true });
    } finally {
      await context.close();
    }
  });
});

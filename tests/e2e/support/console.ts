/** The console's end-to-end tests: their server and browser, and signing in as a coordinator would. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startServer, type ServerProcess } from '../../support/server-process.js';
import { launchChromium } from '../browser.js';
import { demoCoordinatorCredentials } from './staff-api.js';

/** Signs in as the demo coordinator, after one wrong password that must be refused. */
export async function signInToConsole(page: Page, server: ServerProcess): Promise<void> {
  const { email, password } = demoCoordinatorCredentials(server);
  await page.goto(`${server.url}/beheer`);
  await page.waitForURL(/\/beheer\/inloggen/);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill('niet-het-goede-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect.poll(() => page.getByRole('alert').count()).toBe(1);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(`${server.url}/beheer`);
}

/**
 * A fresh server (its own database, demo data, no map tiles, no practical rate limit) and
 * Chromium for one console test file; read `server` and `browser` inside the tests.
 */
export function consoleTestBed(name: string): { server: ServerProcess; browser: Browser; dir: string } {
  const bed = {} as { server: ServerProcess; browser: Browser; dir: string };
  beforeAll(async () => {
    bed.dir = fs.mkdtempSync(path.join(os.tmpdir(), `buurtkracht-${name}-`));
    bed.server = await startServer({
      DATABASE_PATH: path.join(bed.dir, 'e2e.db'),
      MEDIA_DIR: path.join(bed.dir, 'media'),
      NODE_ENV: 'test',
      GRAPHQL_RATE_LIMIT_PER_MINUTE: '100000',
      MAP_TILE_URL: 'none',
    });
    bed.browser = await launchChromium();
  });
  afterAll(async () => {
    await bed.browser?.close();
    await bed.server?.stop();
    fs.rmSync(bed.dir, { recursive: true, force: true });
  });
  return bed;
}

/** Signing in to the console through its sign-in page, as a coordinator would. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ServerProcess } from '../../support/server-process.js';
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

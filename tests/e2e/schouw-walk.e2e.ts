/// <reference lib="dom" />
/**
 * The schouw walk in real Chromium: join online, go offline, reload, answer a checklist
 * item (an observation, not a finding) and record three findings with a photo from a
 * fixture file, close and reopen the page, come back online: the server holds exactly
 * those findings once, photos included, and the answer as an observation; a coordinator's
 * public message reaches "Mijn bevindingen", which lists the findings only. After each
 * save the spot confirms it and lists the finding with its thumbnails, unsent and later
 * sent; a photo taken away before saving is never sent. Every question type and the
 * answer-to-finding step: schouw-question-types.e2e.ts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshot } from './support/screens.js';
import { gqlAt } from './support/staff-api.js';
import { useDemoApp } from './support/demo-app.js';

const photo = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'losse-stoeptegel.jpg');

describe('schouw walk (Chromium, offline)', () => {
  const app = useDemoApp('buurtkracht-walk-');

  /** At least 44 px tall: a thumb must be able to hit it (WCAG 2.5.8 asks 24, the app 44). */
  async function expectTallEnough(page: Page, name: string) {
    const box = await page.getByRole('link', { name, exact: true }).boundingBox();
    expect(box?.height ?? 0, `${name} is too small to tap`).toBeGreaterThanOrEqual(44);
  }

  async function recordFinding(page: Page, text: string, options: { screenshots?: boolean; removeOne?: boolean } = {}) {
    await page.getByRole('link', { name: 'Bevinding met foto toevoegen' }).click();
    await expectTallEnough(page, 'Terug naar Speeltuin Boerenpad');
    if (options.screenshots) {
      // Saving an empty finding says what is missing; the message leaves once it is fixed.
      await page.getByRole('button', { name: 'Bevinding opslaan' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('Beschrijf wat je ziet');
      expect(await page.getByLabel('Wat zie je?').getAttribute('aria-invalid')).toBe('true');
    }
    await page.getByLabel('Onderwerp').selectOption('HEEL');
    await page.getByLabel('Wat zie je?').fill(text);
    expect(await page.getByText('Beschrijf wat je ziet').count()).toBe(0);
    await page.getByLabel('Foto maken').setInputFiles(photo);
    await expect.poll(() => page.getByTestId('photo-count').textContent()).toContain('1 foto');
    if (options.removeOne) {
      await page.getByLabel('Foto maken').setInputFiles(photo);
      await expect.poll(() => page.getByTestId('photo-count').textContent()).toContain('2 foto');
      await page.getByRole('button', { name: 'Foto 2 weghalen' }).click();
      await expect.poll(() => page.getByTestId('photo-count').textContent()).toContain('1 foto');
      expect(await page.getByRole('img', { name: 'Foto 2 bij deze bevinding' }).count()).toBe(0);
    }
    expect(await page.getByRole('img', { name: 'Foto 1 bij deze bevinding' }).count()).toBe(1);
    await page.getByLabel('Locatie onbekend').check();
    if (options.screenshots) {
      await screenshot(page, 'finding');
      await expectAccessible(page, 'finding');
    }
    await page.getByRole('button', { name: 'Bevinding opslaan' }).click();
    await page.waitForURL(/\/schouw\/plek\/.*\?opgeslagen=/);
    // The confirmation, and the finding listed at its spot with its thumbnail, not sent yet.
    await expect.poll(() => page.getByTestId('finding-saved').textContent()).toContain('Bevinding opgeslagen');
    const listed = page.getByTestId('spot-finding').filter({ has: page.getByRole('heading', { name: text }) });
    await expect.poll(() => listed.getByTestId('finding-state').textContent()).toContain('Nog niet verstuurd');
    await expect.poll(() => listed.getByRole('img', { name: 'Foto 1 bij deze bevinding' }).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    if (options.screenshots) {
      await screenshot(page, 'finding-saved');
      await expectAccessible(page, 'finding-saved');
    }
  }

  it('records offline, survives a closed page, and syncs findings and photos exactly once', async () => {
    const code = await app.coordinator.invite(app.coordinator.schouw.id);
    const phone = await app.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
    let page = await phone.newPage();
    await page.goto(`${app.server.url}/meedoen/${code}`);
    await page.getByLabel('Jouw naam in de app').fill('Schouwer');
    await page.getByRole('button', { name: 'Meedoen' }).click();
    await page.waitForURL(`${app.server.url}/schouw`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    await expect.poll(() => page.getByTestId('walk-progress').textContent()).toContain('0 van 10');
    await screenshot(page, 'walk');
    await expectAccessible(page, 'walk');

    await phone.setOffline(true);
    await page.reload();
    await page.getByRole('link', { name: /Speeltuin Boerenpad/ }).click();
    await expectTallEnough(page, 'Terug naar de plekken');
    await page.getByRole('group', { name: 'In welke staat zijn de speeltoestellen?' }).getByRole('button', { name: 'Matig (C)' }).click();
    await expect.poll(() => page.getByText('Jouw antwoord: Matig (C)').count()).toBe(1);
    await screenshot(page, 'spot');
    await expectAccessible(page, 'spot');

    await recordFinding(page, 'Losse stoeptegel bij de ingang', { screenshots: true, removeOne: true });
    await recordFinding(page, 'Wipkip wiebelt');
    await recordFinding(page, 'Zand ligt op het pad');

    await page.close();
    page = await phone.newPage();
    await page.goto(`${app.server.url}/schouw/mijn`);
    // The answer is no finding: three findings, all still on the phone.
    await expect.poll(() => page.getByTestId('my-finding').count()).toBe(3);
    await expect.poll(() => page.getByText('Nog niet verstuurd').count()).toBe(3);
    await expectTallEnough(page, 'Terug naar de plekken');

    await phone.setOffline(false);
    await page.goto(`${app.server.url}/versturen`);
    await expect.poll(() => page.getByTestId('sync-summary').textContent(), { timeout: 30_000 }).toBe('Alles is verstuurd');
    expect(await page.getByText('Laatst bevestigd door de server').count()).toBe(1);

    // At the spot the three findings now say they were sent; the thumbnails come from the app.server.
    await page.goto(`${app.server.url}/schouw`);
    await page.getByRole('link', { name: /Speeltuin Boerenpad/ }).click();
    await expect.poll(async () => (await page.getByTestId('finding-state').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim())).toEqual(['✓ Verstuurd', '✓ Verstuurd', '✓ Verstuurd']);
    await expect.poll(() => page.getByRole('img', { name: 'Foto 1 bij deze bevinding' }).evaluateAll((imgs: HTMLImageElement[]) => imgs.filter((i) => i.complete && i.naturalWidth > 0).length)).toBe(3);

    const { body } = await gqlAt(
      app.server.url,
      'query($id: ID!) { campaign(id: $id) { findings(first: 50) { edges { node { id text rating photoIds } } } observations(first: 50) { edges { node { rating answer } } } } }',
      { id: app.coordinator.schouw.id },
      { cookie: app.coordinator.cookie },
    );
    const findings = body.data.campaign.findings.edges.map((e: any) => e.node);
    expect(findings.map((f: any) => f.text).sort()).toEqual(['Losse stoeptegel bij de ingang', 'Wipkip wiebelt', 'Zand ligt op het pad']);
    expect(body.data.campaign.observations.edges.map((e: any) => e.node)).toEqual([{ rating: 'C', answer: null }]);
    const photoIds = findings.flatMap((f: any) => f.photoIds);
    expect(new Set(photoIds).size).toBe(3);
    for (const id of photoIds) {
      const response = await fetch(`${app.server.url}/media/${id}`, { headers: { cookie: app.coordinator.cookie } });
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).includes(Buffer.from('FixturePhone'))).toBe(false);
    }

    // The coordinator answers one finding; the resident sees the message on the device.
    const tile = findings.find((f: any) => f.text === 'Losse stoeptegel bij de ingang');
    await gqlAt(app.server.url, 'mutation($input: ChangeFindingStatusInput!) { changeFindingStatus(input: $input) { status } }', { input: { findingId: tile.id, status: 'INGEPLAND', publicMessage: 'De gemeente legt de tegel volgende week vast.' } }, { cookie: app.coordinator.cookie });
    await page.goto(`${app.server.url}/schouw/mijn`);
    await expect.poll(() => page.getByText('De gemeente legt de tegel volgende week vast.').count(), { timeout: 30_000 }).toBe(1);
    await screenshot(page, 'my-findings');
    await expectAccessible(page, 'my-findings');
    await phone.close();
  });
});

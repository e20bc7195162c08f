/// <reference lib="dom" />
/**
 * Setting up a schouw in the console, in real Chromium at 1440×900: a street with its
 * households, a spot with a position, a new checklist version made in the editor, and a
 * schouw campaign that walks with that version. Each step is checked through the API.
 */
import { describe, expect, it } from 'vitest';
import { consoleTestBed, signInToConsole } from './support/console.js';
import { expectAccessible, screenshot } from './support/screens.js';
import { demoCoordinator, gqlAt } from './support/staff-api.js';

describe('console: setting up a schouw (Chromium, 1440×900)', () => {
  const bed = consoleTestBed('console-setup');

  it('adds a street and a spot, publishes a new checklist version, and starts a schouw with it', async () => {
    const { server, browser } = bed;
    const coordinator = await demoCoordinator(server);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL' });
    // This device's field app was switched to English; the console stays Dutch, and says so.
    await context.addInitScript(() => localStorage.setItem('buurtkracht.locale', 'en'));
    const page = await context.newPage();
    await signInToConsole(page, server);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('nl');

    // Streets and spots.
    await page.getByRole('link', { name: 'Straten en plekken' }).click();
    await page.getByLabel('Nieuwe straat').fill('Thorbekcestraat');
    await page.getByLabel('Huishoudens (mag leeg blijven)').fill('42');
    await page.getByRole('button', { name: 'Straat toevoegen' }).click();
    await expect.poll(() => page.getByText('Thorbekcestraat is toegevoegd.').count()).toBe(1);
    // A typo, mended in place; the name of another street is refused and the field goes back.
    await page.getByLabel('Naam van Thorbekcestraat').fill('troelstrastraat');
    await page.getByLabel('Naam van Thorbekcestraat').press('Tab');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Deze straat staat er al in.');
    expect(await page.getByLabel('Naam van Thorbekcestraat').inputValue()).toBe('Thorbekcestraat');
    await page.getByLabel('Naam van Thorbekcestraat').fill('Thorbeckestraat');
    await page.getByLabel('Naam van Thorbekcestraat').press('Tab');
    await expect.poll(() => page.getByText('Thorbekcestraat heet nu Thorbeckestraat.').count()).toBe(1);
    await page.getByLabel('Huishoudens in Troelstrastraat').fill('31');
    await page.getByLabel('Huishoudens in Troelstrastraat').press('Tab');
    await expect.poll(() => page.getByText('Huishoudens van Troelstrastraat opgeslagen.').count()).toBe(1);

    await page.getByLabel('Naam', { exact: true }).fill('Geveltuintjes Thorbeckestraat');
    await page.getByLabel('Soort').selectOption('BLOEMBAK');
    await page.getByLabel('Straat', { exact: true }).selectOption({ label: 'Thorbeckestraat' });
    await page.getByLabel('Breedtegraad (bijv. 51,858)').fill('51.8641');
    await page.getByRole('button', { name: 'Plek toevoegen' }).click();
    // The missing half of the position is asked for next to its field.
    const lonField = page.getByLabel('Lengtegraad (bijv. 4,660)');
    await expect.poll(() => lonField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`[id="${await lonField.getAttribute('aria-describedby')}"]`).textContent()).toBe('Vul ook de lengtegraad in, of klik op de kaart.');
    await page.getByLabel('Lengtegraad (bijv. 4,660)').fill('4.6533');
    await page.getByRole('button', { name: 'Plek toevoegen' }).click();
    await expect.poll(() => page.getByText('Geveltuintjes Thorbeckestraat is toegevoegd.').count()).toBe(1);
    await screenshot(page, 'console-streets-spots');
    await expectAccessible(page, 'console-streets-spots');

    const buurt = await gqlAt(server.url, '{ neighbourhood(slug: "staatsliedenbuurt") { streets(first: 50) { edges { node { name householdCount } } } spots(first: 50) { edges { node { name type lat lon street { name } } } } } }', {}, { cookie: coordinator.cookie });
    const streets = buurt.body.data.neighbourhood.streets.edges.map((e: any) => e.node);
    expect(streets).toContainEqual({ name: 'Thorbeckestraat', householdCount: 42 });
    expect(streets).toContainEqual({ name: 'Troelstrastraat', householdCount: 31 });
    expect(buurt.body.data.neighbourhood.spots.edges.map((e: any) => e.node)).toContainEqual({ name: 'Geveltuintjes Thorbeckestraat', type: 'BLOEMBAK', lat: 51.8641, lon: 4.6533, street: { name: 'Thorbeckestraat' } });

    // A new version of the demo checklist with one more question.
    await page.getByRole('link', { name: 'Checklists' }).click();
    await page.getByRole('button', { name: /Nieuwe versie maken/ }).first().click();
    const sections = page.locator('fieldset.section');
    const lastSection = sections.last();
    await lastSection.getByRole('button', { name: /Vraag toevoegen/ }).click();
    await page.getByRole('button', { name: 'Publiceren als nieuwe versie' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('vul de vraag in');
    await lastSection.locator('fieldset.item').last().getByLabel('Vraag', { exact: true }).fill('Zijn er geveltuintjes bijgekomen?');
    await lastSection.locator('fieldset.item').last().getByLabel('Soort antwoord').selectOption('YES_NO');
    await screenshot(page, 'console-checklist-editor');
    await expectAccessible(page, 'console-checklist-editor');
    await page.getByRole('button', { name: 'Publiceren als nieuwe versie' }).click();
    await expect.poll(() => page.getByText(/Versie 2 van ".+" is gepubliceerd/).count()).toBe(1);

    // A schouw that walks with the new version.
    await page.getByRole('link', { name: 'Campagnes' }).click();
    await page.getByRole('link', { name: 'Nieuwe campagne' }).click();
    await page.getByLabel('Buurtschouw (rondgang met checklist)').check();
    await page.getByLabel('Naam').fill('Buurtschouw najaar');
    await expect.poll(() => page.getByLabel('Checklist').locator('option').first().textContent()).toContain('versie 2');
    await page.getByLabel('Datum 1').fill('2026-12-05');
    await page.getByRole('button', { name: 'Campagne aanmaken' }).click();
    await page.waitForURL(/\/beheer\/campagnes\/(?!nieuw)[^/]+$/);
    const campaignId = page.url().split('/').pop();
    const created = await gqlAt(server.url, 'query($id: ID!) { campaign(id: $id) { kind status checklist { version sections { items { prompt type } } } } }', { id: campaignId }, { cookie: coordinator.cookie });
    expect(created.body.data.campaign).toMatchObject({ kind: 'SCHOUW', status: 'DRAFT', checklist: { version: 2 } });
    expect(created.body.data.campaign.checklist.sections.flatMap((s: any) => s.items)).toContainEqual({ prompt: 'Zijn er geveltuintjes bijgekomen?', type: 'YES_NO' });
    await context.close();
  });
});

/// <reference lib="dom" />
/**
 * "Kopieer voor volgend jaar" in the console, in real Chromium at 1440×900: the checklist
 * was improved since this year's demo schouw, so the coordinator chooses between the
 * newest version and the one walked now; the copy is a draft with the days a year on
 * (same weekday), linked both ways, and its Scores tab already compares with the last
 * walked schouw. Going from one year's page to the other shows that campaign, not the one
 * before. Axe on the screen; screenshots in test-results/screenshots/console-next-year*.png.
 */
import { describe, expect, it } from 'vitest';
import { consoleTestBed, signInToConsole } from './support/console.js';
import { expectAccessible, screenshot } from './support/screens.js';
import { demoCoordinator, gqlAt } from './support/staff-api.js';

const dutchDate = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'UTC' });
/** A YYYY-MM-DD date 52 weeks on, as the console shows it ("15 mei 2027"). */
const shownYearOn = (ymd: string) => dutchDate.format(new Date(Date.parse(`${ymd}T00:00:00Z`) + 364 * 86_400_000));

describe('console: next year\'s campaign (Chromium, 1440×900)', () => {
  const bed = consoleTestBed('console-next-year');

  it('copies the schouw as a draft a year on with the chosen checklist, links the years and compares with the last walk', async () => {
    const { server, browser } = bed;
    const coordinator = await demoCoordinator(server);
    const asCoordinator = async (query: string, variables: Record<string, unknown> = {}) => {
      const { body } = await gqlAt(server.url, query, variables, { cookie: coordinator.cookie });
      expect(body.errors).toBeUndefined();
      return body.data;
    };
    const demo = (await asCoordinator('query($id: ID!) { campaign(id: $id) { name days { date } checklist { version } } }', { id: coordinator.schouw.id })).campaign;
    const year = Number(/\d{4}/.exec(demo.name)![0]);
    // The team improved the checklist after this year's schouw started: version 2.
    const template = (await asCoordinator('{ checklistTemplates(first: 1) { edges { node { id name latestVersion { sections { theme title items { prompt help type choices spotTypes signalAnswers } } } } } } }')).checklistTemplates.edges[0].node;
    await asCoordinator('mutation($input: PublishChecklistInput!) { publishChecklist(input: $input) { version } }', {
      input: { templateId: template.id, name: template.name, sections: template.latestVersion.sections },
    });

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL' });
    const page = await context.newPage();
    await signInToConsole(page, server);
    await page.goto(`${server.url}/beheer/campagnes/${coordinator.schouw.id}`);
    await expect.poll(() => page.getByRole('heading', { name: 'Volgend jaar' }).count()).toBe(1);
    expect(await page.getByRole('radio', { name: `De nieuwste (versie ${demo.checklist.version + 1})` }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: `Dezelfde als nu (versie ${demo.checklist.version})` }).check();
    await screenshot(page, 'console-next-year');
    await expectAccessible(page, 'console-next-year');

    const copyName = demo.name.replace(String(year), String(year + 1));
    await page.getByRole('button', { name: 'Kopieer voor volgend jaar' }).click();
    await expect.poll(() => page.getByText(`"${copyName}" staat klaar, in voorbereiding.`, { exact: false }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Kopieer voor volgend jaar' }).count()).toBe(0);
    const link = page.getByRole('link', { name: copyName });
    expect(await link.count()).toBe(1);

    // To next year's page in the same tab: the header, days and settings are the copy's.
    await link.click();
    await page.waitForURL(/\/beheer\/campagnes\/(?!.*\/)/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(copyName);
    expect(page.url()).not.toContain(coordinator.schouw.id);
    expect(await page.getByRole('heading', { name: 'Status: In voorbereiding' }).count()).toBe(1);
    const days = await page.locator('.days li > span').allTextContents();
    expect(days.map((d) => d.split(':')[0])).toEqual(demo.days.map((d: { date: string }) => shownYearOn(d.date)));
    expect(await page.getByText(`Checklist: versie ${demo.checklist.version},`, { exact: false }).count()).toBe(1);
    await expect.poll(() => page.getByRole('link', { name: demo.name }).count()).toBe(1);
    expect(await page.getByText('Gekopieerd van', { exact: false }).textContent()).toContain(demo.name);
    // Next year's campaign is not copied again while it is in preparation.
    expect(await page.getByRole('button', { name: 'Kopieer voor volgend jaar' }).count()).toBe(0);
    await screenshot(page, 'console-next-year-copy');
    await expectAccessible(page, 'console-next-year-copy');

    // Its scores already stand beside the last schouw that was walked (last year's demo).
    await page.getByRole('link', { name: 'Scores' }).click();
    await expect.poll(() => page.getByText('Elke score staat naast de score van de vorige schouw', { exact: false }).count()).toBe(1);
    expect(await page.getByText('Elke score staat naast', { exact: false }).textContent()).toContain(`Buurtschouw ${year - 1} (demo)`);

    // And back: this year's page links to the copy instead of offering a second one.
    await page.getByRole('link', { name: 'Overzicht' }).click();
    await page.getByRole('link', { name: demo.name }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(demo.name);
    await expect.poll(() => page.getByText('Volgend jaar:', { exact: false }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Kopieer voor volgend jaar' }).count()).toBe(0);
    await context.close();
  });
});

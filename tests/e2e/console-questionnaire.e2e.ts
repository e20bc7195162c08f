/// <reference lib="dom" />
/**
 * Questionnaires in the console, in real Chromium at 1440×900: the coordinator makes one
 * with the checklist editor (one question of each type), sets it on the demo tegelwip
 * campaign, answers come in (a participant's phone through sync, people without the app by
 * the public link, no cookie), and the coordinator reads the response rate, the spread per
 * question and a number's median, searches the open answers, downloads the questionnaire's
 * CSV, sees the choice fixed from the first day (read-only, with the reason), and finds the
 * summary in the schouw report. Axe on each screen; screenshots in
 * test-results/screenshots/console-questionnaire-*.png.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SYNC, TestDevice } from '../support/sync-client.js';
import { consoleTestBed, signInToConsole } from './support/console.js';
import { expectAccessible, screenshot } from './support/screens.js';
import { demoCoordinator, gqlAt } from './support/staff-api.js';

const NAME = 'Na de actiedag';
const QUESTIONS = [
  { type: 'Tevredenheid (5 gezichtjes, 1 t/m 5)', prompt: 'Hoe tevreden ben je over de actiedag?' },
  { type: 'Ja / nee', prompt: 'Doe je volgend jaar weer mee?' },
  { type: 'Keuze uit opties', prompt: 'Hoe hoorde je van de actie?', choices: 'Flyer\nBuren\nSociale media' },
  { type: 'Getal', prompt: 'Hoeveel tegels heb je zelf gewipt?' },
  { type: 'Open antwoord', prompt: 'Wat kan er beter?' },
];

/** The rows of a table as trimmed cell texts. */
const rowsOf = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((tables) => tables.map((t) => [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()))));

describe('console: questionnaires (Chromium, 1440×900)', () => {
  const bed = consoleTestBed('console-questionnaire');

  it('makes a questionnaire with the editor, sets it on a campaign and shows what came in, searchable and in the report', async () => {
    const { server, browser } = bed;
    const coordinator = await demoCoordinator(server);
    const campaignId = coordinator.tegelwippen.id;
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL' });
    const page = await context.newPage();
    await signInToConsole(page, server);

    // The editor in questionnaire mode: no sections, themes or spot types; anonymous by default.
    await page.getByRole('navigation', { name: 'Beheermenu' }).getByRole('link', { name: 'Vragenlijsten' }).click();
    await page.waitForURL(/\/beheer\/vragenlijsten$/);
    await expect.poll(() => page.getByText('Nog geen vragenlijsten.').count()).toBe(1);
    await page.getByRole('button', { name: 'Nieuwe vragenlijst' }).click();
    expect(await page.getByRole('heading', { name: 'Nieuwe vragenlijst' }).count()).toBe(1);
    expect(await page.getByLabel('Thema').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Onderdeel toevoegen' }).count()).toBe(0);
    expect(await page.getByText('Alleen bij sommige plekken').count()).toBe(0);
    const link = page.getByLabel('Vraag deelnemers of ze hun antwoorden aan zichzelf willen koppelen');
    expect(await link.isChecked()).toBe(false);
    expect(await page.locator('#asks-to-link-hint').textContent()).toContain('De antwoorden zijn anoniem');
    const types = await page.getByLabel('Soort antwoord').locator('option').allTextContents();
    expect(types).toEqual(QUESTIONS.map((q) => q.type));

    // Publishing an empty form says what is missing, in the words of a questionnaire: in the
    // summary and at each field, with the cursor in the first.
    await page.getByRole('button', { name: 'Publiceren als nieuwe versie' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Geef de vragenlijst een naam.');
    expect(await page.getByRole('alert').textContent()).toContain('Vraag 1: vul de vraag in.');
    const nameField = page.getByLabel('Naam van de vragenlijst');
    expect(await nameField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('checklist-name');
    const firstPrompt = page.getByRole('group', { name: 'Vraag 1', exact: true }).getByLabel('Vraag', { exact: true });
    expect(await firstPrompt.getAttribute('aria-invalid')).toBe('true');
    const promptMessage = page.locator(`#${(await firstPrompt.getAttribute('aria-describedby'))!.split(' ')[0]}`);
    expect(await promptMessage.textContent()).toBe('Vraag 1: vul de vraag in.');
    // A choice question with one choice: the message stands under its choices.
    await page.getByRole('group', { name: 'Vraag 1', exact: true }).getByLabel('Soort antwoord').selectOption({ label: 'Keuze uit opties' });
    await page.getByRole('group', { name: 'Vraag 1', exact: true }).getByLabel('Keuzes (één per regel)').fill('Alleen deze');
    await page.getByRole('button', { name: 'Publiceren als nieuwe versie' }).click();
    const choicesField = page.getByRole('group', { name: 'Vraag 1', exact: true }).getByLabel('Keuzes (één per regel)');
    await expect.poll(() => choicesField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${(await choicesField.getAttribute('aria-describedby'))!.split(' ')[0]}`).textContent()).toBe('Vraag 1: een keuzevraag heeft minstens twee keuzes (één per regel).');
    expect(await page.getByRole('alert').textContent()).toContain('Vraag 1: een keuzevraag heeft minstens twee keuzes');
    await screenshot(page, 'console-questionnaire-editor-problems');
    // Mended, a field's message goes.
    await nameField.fill(NAME);
    await expect.poll(() => nameField.getAttribute('aria-invalid')).toBe(null);

    for (const [i, question] of QUESTIONS.entries()) {
      if (i > 0) await page.getByRole('button', { name: 'Vraag toevoegen' }).click();
      const item = page.getByRole('group', { name: `Vraag ${i + 1}`, exact: true });
      await item.getByLabel('Vraag', { exact: true }).fill(question.prompt);
      await item.getByLabel('Soort antwoord').selectOption({ label: question.type });
      if (question.choices) await item.getByLabel('Keuzes (één per regel)').fill(question.choices);
    }
    expect(await page.getByText('Nog niet te publiceren:').count()).toBe(0);
    expect(await page.locator('.editor [aria-invalid="true"]').count()).toBe(0);
    await screenshot(page, 'console-questionnaire-editor');
    await expectAccessible(page, 'console-questionnaire-editor');
    await page.getByRole('button', { name: 'Publiceren als nieuwe versie' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain(`Versie 1 van "${NAME}" is gepubliceerd.`);
    expect(await rowsOf(page, 'table')).toEqual([[[NAME, expect.stringMatching(/^Versie 1, /), '5', 'Anoniem', `Nieuwe versie maken van ${NAME}`]]]);

    // The campaign asks it; its public link and first day stand beside the choice. The
    // campaign already began, so the choice is fixed at once: no dropdown any more, the
    // chosen questionnaire read-only with the reason.
    await page.goto(`${server.url}/beheer/campagnes/${campaignId}`);
    const exports = page.locator('ul.exports');
    await expect.poll(() => exports.getByRole('link').count()).toBeGreaterThan(0);
    expect(await exports.getByRole('link', { name: /Antwoorden op de vragenlijst/ }).count()).toBe(0);
    const choice = page.getByLabel('Vragenlijst', { exact: true });
    await expect.poll(() => choice.locator('option').allTextContents()).toEqual(['Geen vragenlijst', `${NAME} (versie 1)`]);
    expect(await page.locator('#questionnaire-now').textContent()).toContain('gaat meteen open en ligt dan vast');
    await choice.selectOption({ label: `${NAME} (versie 1)` });
    await page.getByRole('button', { name: 'Vragenlijst opslaan' }).click();
    await expect.poll(() => page.getByText(`De campagne vraagt nu "${NAME}".`).count()).toBe(1);
    const fixed = page.getByTestId('questionnaire-fixed');
    await expect.poll(() => fixed.count()).toBe(1);
    expect(await choice.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Vragenlijst opslaan' }).count()).toBe(0);
    expect((await fixed.locator('.chosen').textContent())!.replace(/\s+/g, ' ').trim()).toBe(`Vragenlijst: ${NAME} (versie 1)`);
    expect(await fixed.locator('.reason').textContent()).toMatch(/De keuze ligt vast: de vragenlijst is sinds \d+ \w+ \d{4} open voor deelnemers/);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('questionnaire-fixed');
    expect(await page.locator('#questionnaire-hint').textContent()).toContain('Vanaf de eerste dag, of zodra er antwoorden zijn, ligt de keuze vast.');
    expect(await page.getByTestId('questionnaire-link').textContent()).toBe(`${server.url}/vragenlijst/${campaignId}`);
    expect(await page.getByText('Neemt antwoorden aan', { exact: false }).textContent()).toContain('vanaf de eerste dag (');
    expect(await page.getByText('Neemt antwoorden aan', { exact: false }).textContent()).toContain('wie zich voor een datum aanmeldde, vanaf die datum');
    // The overview's exports now hold the questionnaire's CSV.
    await expect.poll(() => exports.getByRole('link', { name: /Antwoorden op de vragenlijst/ }).evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
      `/exports/campaigns/${campaignId}/questionnaire.csv?separator=semicolon`,
      `/exports/campaigns/${campaignId}/questionnaire.csv`,
    ]);
    await page.locator('#vragenlijst').scrollIntoViewIfNeeded();
    await screenshot(page, 'console-questionnaire-choice');
    await expectAccessible(page, 'console-questionnaire-choice');
    // Fixed after a reload too (the server says so): no dropdown the server would refuse.
    await page.reload();
    await expect.poll(() => fixed.count()).toBe(1);
    expect(await choice.count()).toBe(0);

    // Before any answer: the tab says so.
    await page.getByRole('navigation', { name: 'Onderdelen van deze campagne' }).getByRole('link', { name: 'Vragenlijst' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Nog geen antwoorden' }).count()).toBe(1);
    expect(await page.getByText(/De vragenlijst is open sinds \d+ \w+ \d{4}\./).count()).toBe(1);

    // Answers arrive: two participants joined, one answers on the phone (sync), three people by the public link.
    const form = (await gqlAt(server.url, 'query($id: ID!) { publicQuestionnaire(campaignId: $id) { open questionnaire { id questions { id type } } } }', { id: campaignId })).body.data.publicQuestionnaire;
    expect(form.open).toBe(true);
    const [scale, yesNo, choiceQ, number, text] = form.questionnaire.questions.map((q: { id: string }) => q.id);
    const answers = (s: number, y: string, c: string, n: number, t?: string) => [
      { questionId: scale, number: s },
      { questionId: yesNo, text: y },
      { questionId: choiceQ, text: c },
      { questionId: number, number: n },
      ...(t ? [{ questionId: text, text: t }] : []),
    ];
    const tokens: string[] = [];
    for (const name of ['Wipper Anna', 'Wipper Bas']) {
      const code = await coordinator.invite(campaignId);
      const joined = await gqlAt(server.url, 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { token } }', { input: { code, displayName: name, contactConsent: false, showNameInRankings: false } });
      tokens.push(joined.body.data.joinCampaign.token);
    }
    const device = new TestDevice();
    const synced = await gqlAt(
      server.url,
      SYNC,
      device.input([
        device.entry('answerQuestionnaire', {
          id: randomUUID(),
          campaignId,
          questionnaireId: form.questionnaire.id,
          answers: answers(4, 'JA', 'Buren', 12, 'Meer kruiwagens graag').map((a) => ({ questionId: a.questionId, value: 'number' in a ? a.number : a.text })),
        }),
      ]),
      { authorization: `Bearer ${tokens[0]}` },
    );
    expect(synced.body.data.sync.results.map((r: { status: string }) => r.status)).toEqual(['APPLIED']);
    for (const given of [answers(5, 'JA', 'Flyer', 30, 'Het parkeren bij de container was lastig'), answers(4, 'NEE', 'Buren', 8), answers(2, 'JA', 'Buren', 20, 'Eerder beginnen, het werd warm')]) {
      const { body } = await gqlAt(server.url, 'mutation($input: AnswerQuestionnaireInput!) { answerQuestionnaire(input: $input) { id } }', {
        input: { id: randomUUID(), campaignId, questionnaireId: form.questionnaire.id, answers: given },
      });
      expect(body.errors).toBeUndefined();
    }

    // The results: the rate against participants, the public link beside it, the spread per question.
    await page.reload();
    await expect.poll(() => page.getByTestId('response-rate').textContent()).toContain('1 van 2 deelnemers (50%)');
    expect(await page.getByTestId('response-rate').textContent()).toContain('3 via de openbare link');
    const bars = await rowsOf(page, '[data-testid="answer-bars"]');
    expect(bars[0]).toEqual([
      ['1 – Heel ontevreden', '0', '0%'],
      ['2 – Ontevreden', '1', '25%'],
      ['3 – Neutraal', '0', '0%'],
      ['4 – Tevreden', '2', '50%'],
      ['5 – Heel tevreden', '1', '25%'],
    ]);
    expect(bars[1]).toEqual([['Ja', '3', '75%'], ['Nee', '1', '25%']]);
    expect(bars[2]).toEqual([['Flyer', '1', '25%'], ['Buren', '3', '75%'], ['Sociale media', '0', '0%']]);
    const numbers = await page.getByTestId('number-summary').locator('div').evaluateAll((pairs) => pairs.map((p) => [p.querySelector('dt')!.textContent, p.querySelector('dd')!.textContent]));
    expect(numbers).toEqual([['Middelste getal (mediaan)', '12'], ['Laagste', '8'], ['Hoogste', '30']]);
    // All arrived today: within a day the order of arrival is not kept (anonymity), so compare as a set.
    expect((await page.getByTestId('open-answers').locator('li > p:first-child').allTextContents()).sort()).toEqual(['Eerder beginnen, het werd warm', 'Het parkeren bij de container was lastig', 'Meer kruiwagens graag']);

    // Searching the open answers: the server filters them, case-insensitive.
    await page.getByLabel('Zoek in de open antwoorden').fill('PARKEREN');
    await expect.poll(() => page.getByTestId('open-answers').locator('li > p:first-child').allTextContents()).toEqual(['Het parkeren bij de container was lastig']);
    expect(await page.locator('#open-search-status').textContent()).toBe('1 open antwoord met "PARKEREN".');
    // The spread stays the whole campaign's while searching.
    expect((await rowsOf(page, '[data-testid="answer-bars"]'))[1]).toEqual([['Ja', '3', '75%'], ['Nee', '1', '25%']]);
    await screenshot(page, 'console-questionnaire-results');
    await expectAccessible(page, 'console-questionnaire-results');
    // Every response in the CSV, for Excel with ";" (the search does not filter it).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Antwoorden op de vragenlijst (CSV voor Excel, met ;)' }).click()]);
    const csv = parse(fs.readFileSync((await download.path())!, 'utf8'), { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];
    expect(csv).toHaveLength(4);
    expect(csv.map((r) => r.Via).sort()).toEqual(['App', 'Openbare link', 'Openbare link', 'Openbare link']);
    expect(csv.map((r) => r['Wat kan er beter?']).filter(Boolean).sort()).toEqual(['Eerder beginnen, het werd warm', 'Het parkeren bij de container was lastig', 'Meer kruiwagens graag']);
    expect(csv.map((r) => r['Hoeveel tegels heb je zelf gewipt?']).sort()).toEqual(['12', '20', '30', '8']);
    // On paper: no menus, tabs, search box or print button; every question stays.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByLabel('Zoek in de open antwoorden').isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: 'Onderdelen van deze campagne' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Afdrukken of opslaan als PDF' }).isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: /Antwoorden op de vragenlijst/ }).first().isVisible()).toBe(false);
    // On paper it is the campaign's report of the questionnaire (a tegelwip action has no other report).
    expect((await page.getByRole('heading', { level: 2 }).first().innerText()).trim()).toBe(`Verslag van de vragenlijst: ${NAME} (versie 1)`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(coordinator.tegelwippen.name);
    expect(await page.getByTestId('question-result').evaluateAll((all) => all.filter((a) => (a as HTMLElement).offsetHeight > 0).length)).toBe(5);
    await screenshot(page, 'console-questionnaire-results-print');
    await page.emulateMedia({ media: 'screen' });
    await page.getByLabel('Zoek in de open antwoorden').fill('fiets');
    await expect.poll(() => page.locator('#open-search-status').textContent()).toBe('Geen open antwoorden met "fiets".');
    expect(await page.getByTestId('question-result').nth(4).getByText('Geen open antwoorden met "fiets".').count()).toBe(1);
    expect(await page.getByTestId('open-answers').count()).toBe(0);

    // With answers in, the choice stays fixed, read-only with its reason.
    await page.goto(`${server.url}/beheer/campagnes/${campaignId}`);
    await expect.poll(() => fixed.count()).toBe(1);
    expect(await choice.count()).toBe(0);
    expect(await fixed.locator('.reason').textContent()).toContain('De keuze ligt vast');

    // The schouw report carries the summary when the schouw asks a questionnaire.
    await coordinator.gql('mutation($input: SetCampaignQuestionnaireInput!) { setCampaignQuestionnaire(input: $input) { id } }', { input: { campaignId: coordinator.schouw.id, questionnaireId: form.questionnaire.id } });
    const walked = await gqlAt(server.url, 'mutation($input: AnswerQuestionnaireInput!) { answerQuestionnaire(input: $input) { id } }', {
      input: { id: randomUUID(), campaignId: coordinator.schouw.id, questionnaireId: form.questionnaire.id, answers: answers(5, 'JA', 'Flyer', 0, 'Mooie wandeling') },
    });
    expect(walked.body.errors).toBeUndefined();
    await page.goto(`${server.url}/beheer/campagnes/${coordinator.schouw.id}/verslag`);
    const section = page.getByTestId('report-questionnaire');
    await expect.poll(() => section.count()).toBe(1);
    expect(await section.getByRole('heading', { level: 2 }).textContent()).toBe('Vragenlijst voor deelnemers');
    expect((await section.locator('p').first().textContent())!.replace(/\s+/g, ' ').trim()).toBe(`${NAME} (versie 1). Nog geen deelnemers in de app. Via de openbare link: 1.`);
    expect((await rowsOf(page, '[data-testid="report-questionnaire"] [data-testid="answer-bars"]'))[0]![4]).toEqual(['5 – Heel tevreden', '1', '100%']);
    expect(await section.getByText('Mooie wandeling').count()).toBe(1);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'console-questionnaire-report');
    await context.close();
  });
});

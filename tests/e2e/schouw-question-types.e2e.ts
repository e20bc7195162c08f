/// <reference lib="dom" />
/**
 * Every kind of checklist question in real Chromium, as a schouw is really walked: at the
 * playground (where every type applies) the walker answers a rating, a yes/no and a count
 * offline, tries counts that are no whole number, answers C and follows "Moet hier iemand
 * iets aan doen?" to a finding; then online a choice, a text (too long first) and a
 * signalling yes that they decide not to report. The server holds exactly those answers as
 * observations and one finding that follows up the C; Mijn bevindingen shows that one
 * finding, not the answers, with the coordinator's public message; and, after the
 * coordinator made a finding of the unreported answer, that finding too.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshot } from './support/screens.js';
import { gqlAt } from './support/staff-api.js';
import { useDemoApp } from './support/demo-app.js';

const photo = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'losse-stoeptegel.jpg');
const PLAYGROUND = 'Speeltuin Boerenpad';
const Q = {
  rating: 'Hoe schoon is het (afval, zwerfvuil, hondenpoep)?',
  yesNo: 'Doet de straatverlichting het?',
  number: 'Hoeveel afvalbakken staan hier?',
  play: 'In welke staat zijn de speeltoestellen?',
  choice: 'Hoe vaak wordt deze plek gebruikt?',
  text: 'Wat valt op aan verkeer en parkeren?',
  water: 'Blijft hier water staan na een flinke bui?',
};

describe('schouw question types (Chromium, offline and online)', () => {
  const app = useDemoApp('buurtkracht-questions-');

  const question = (page: Page, prompt: string) => page.getByRole('article', { name: prompt });
  const answered = (page: Page, prompt: string) => question(page, prompt).getByTestId('answered').textContent();

  /** A count or text that is not taken: a Dutch message tied to the field, and nothing stored. */
  async function expectRefused(page: Page, prompt: string, typed: string, message: string) {
    const field = question(page, prompt).getByRole('textbox', { name: prompt });
    await field.fill(typed);
    await question(page, prompt).getByRole('button', { name: 'Opslaan' }).click();
    const problem = question(page, prompt).getByRole('alert');
    await expect.poll(() => problem.textContent()).toContain(message);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const problemId = await problem.getAttribute('id');
    expect((await field.getAttribute('aria-describedby'))?.split(' ')).toContain(problemId);
    // Focus goes back to the field, to correct it.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(await field.getAttribute('id'));
  }

  it('answers a rating, yes/no, number, choice and text, turns a C into a finding, and sends each once', async () => {
    const code = await app.coordinator.invite(app.coordinator.schouw.id);
    const phone = await app.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
    const page = await phone.newPage();
    await page.goto(`${app.server.url}/meedoen/${code}`);
    await page.getByLabel('Jouw naam in de app').fill('Buurman');
    await page.getByRole('button', { name: 'Meedoen' }).click();
    await page.waitForURL(`${app.server.url}/schouw`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });

    // Offline: rating, yes/no, number (bad counts first), and a C that someone should act on.
    await phone.setOffline(true);
    await page.reload();
    await page.getByRole('link', { name: new RegExp(PLAYGROUND) }).click();
    await expect.poll(() => page.getByTestId('spot-progress').textContent()).toContain('0 van 12 vragen beantwoord');

    await question(page, Q.rating).getByRole('button', { name: 'Goed (A)' }).click();
    await expect.poll(() => answered(page, Q.rating)).toBe('Jouw antwoord: Goed (A)');
    expect(await question(page, Q.rating).getByTestId('follow-up').count()).toBe(0);

    await question(page, Q.yesNo).getByRole('button', { name: 'Ja' }).click();
    await expect.poll(() => answered(page, Q.yesNo)).toBe('Jouw antwoord: Ja');

    await expectRefused(page, Q.number, '-2', 'Vul een heel getal in, 0 of meer.');
    await expectRefused(page, Q.number, '2,5', 'Vul een heel getal in, 0 of meer.');
    await expectRefused(page, Q.number, 'drie', 'Vul een heel getal in, 0 of meer.');
    await expectRefused(page, Q.number, '100001', 'Vul een aantal in van hoogstens 100.000.');
    await screenshot(page, 'schouw-number-problem');
    await expectAccessible(page, 'schouw-number-problem');
    // A good count clears the message as it is typed, and is stored.
    await question(page, Q.number).getByRole('textbox').fill('3');
    expect(await question(page, Q.number).getByRole('alert').count()).toBe(0);
    await question(page, Q.number).getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => answered(page, Q.number)).toBe('Jouw antwoord: 3');
    expect(await question(page, Q.number).getByRole('textbox').getAttribute('aria-invalid')).toBeNull();

    await question(page, Q.play).getByRole('button', { name: 'Matig (C)' }).click();
    await expect.poll(() => answered(page, Q.play)).toBe('Jouw antwoord: Matig (C)');
    const prompt = question(page, Q.play).getByTestId('follow-up');
    await expect.poll(() => prompt.getByText('Moet hier iemand iets aan doen?').count()).toBe(1);
    for (const name of ['Ja, meld het', 'Nee, niet nodig']) {
      const box = await prompt.getByRole(name === 'Ja, meld het' ? 'link' : 'button', { name }).boundingBox();
      expect(box?.height ?? 0, `${name} is too small to tap`).toBeGreaterThanOrEqual(44);
    }
    await screenshot(page, 'schouw-follow-up');
    await expectAccessible(page, 'schouw-follow-up');
    await prompt.getByRole('link', { name: 'Ja, meld het' }).click();

    // The form starts from the answer: spot, the section's theme, the rating, and says what it follows up.
    await page.waitForURL(/\/schouw\/bevinding\?plek=.*&antwoord=/);
    expect(await page.getByText(`Bij: ${PLAYGROUND}`).count()).toBe(1);
    await expect.poll(() => page.getByTestId('follows-up').textContent()).toContain(Q.play);
    expect(await page.getByTestId('follows-up').textContent()).toContain('Jouw antwoord: Matig (C)');
    expect(await page.getByLabel('Onderwerp').inputValue()).toBe('ONTMOETEN_SPELEN');
    expect(await page.getByRole('group', { name: 'Hoe is het? (mag leeg blijven)' }).getByRole('button', { name: 'Matig (C)' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByLabel('Wat zie je?').fill('De schommel hangt scheef');
    await page.getByLabel('Foto maken').setInputFiles(photo);
    await expect.poll(() => page.getByTestId('photo-count').textContent()).toContain('1 foto');
    await page.getByLabel('Locatie onbekend').check();
    await page.getByRole('button', { name: 'Bevinding opslaan' }).click();
    await page.waitForURL(/\/schouw\/plek\/.*\?opgeslagen=/);
    await expect.poll(() => page.getByTestId('finding-saved').textContent()).toContain('Bevinding opgeslagen');
    await expect.poll(() => question(page, Q.play).getByText('Gemeld als bevinding').count()).toBe(1);

    // Online: a choice, a text (too long first) and a signalling answer the walker does not report.
    await phone.setOffline(false);
    await question(page, Q.choice).getByRole('button', { name: 'Soms' }).click();
    await expect.poll(() => answered(page, Q.choice)).toBe('Jouw antwoord: Soms');

    const text = question(page, Q.text).getByRole('textbox', { name: Q.text });
    await text.fill('a'.repeat(2001));
    // Too long says so at once, beside the counter, before saving.
    await expect.poll(() => question(page, Q.text).getByText('2001 van 2000 tekens').count()).toBe(1);
    await expectRefused(page, Q.text, 'a'.repeat(2001), 'Je antwoord is te lang. Gebruik hoogstens 2000 tekens.');
    await expectRefused(page, Q.text, '   ', 'Vul een antwoord in.');
    await text.fill('Auto’s parkeren op de stoep bij de ingang.');
    await question(page, Q.text).getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => answered(page, Q.text)).toBe('Jouw antwoord: Auto’s parkeren op de stoep bij de ingang.');

    await question(page, Q.water).getByRole('button', { name: 'Ja' }).click();
    await expect.poll(() => question(page, Q.water).getByText('Moet hier iemand iets aan doen?').count()).toBe(1);
    // Not "Nee": that is also an answer to this very question.
    await question(page, Q.water).getByRole('button', { name: 'Nee, niet nodig' }).click();
    await expect.poll(() => question(page, Q.water).getByText('Goed, niet gemeld. Je antwoord is bewaard.').count()).toBe(1);
    expect(await question(page, Q.water).getByTestId('follow-up').count()).toBe(0);

    await expect.poll(() => page.getByTestId('spot-progress').textContent()).toContain('7 van 12 vragen beantwoord');
    await screenshot(page, 'schouw-spot-answers');
    await expectAccessible(page, 'schouw-spot-answers');

    await page.goto(`${app.server.url}/versturen`);
    await expect.poll(() => page.getByTestId('sync-summary').textContent(), { timeout: 30_000 }).toBe('Alles is verstuurd');
    await page.goto(`${app.server.url}/schouw`);
    await expect.poll(() => page.getByTestId('walk-spot').filter({ hasText: PLAYGROUND }).textContent()).toContain('7 van 12 vragen');
    await screenshot(page, 'schouw-walk-progress');
    await expectAccessible(page, 'schouw-walk-progress');

    // What the server stored: the seven answers as observations (no bad count), one finding following the C.
    const { body } = await gqlAt(
      app.server.url,
      `query($id: ID!) { campaign(id: $id) {
        checklist { sections { items { id prompt } } }
        observations(first: 100) { edges { node { id checklistItemId rating answer } } }
        findings(first: 100) { edges { node { id text observationId rating category photoIds } } }
      } }`,
      { id: app.coordinator.schouw.id },
      { cookie: app.coordinator.cookie },
    );
    expect(body.errors).toBeUndefined();
    const promptOf = new Map<string, string>(body.data.campaign.checklist.sections.flatMap((s: any) => s.items.map((i: any) => [i.id, i.prompt])));
    const observations = body.data.campaign.observations.edges.map((e: any) => e.node);
    const stored = Object.fromEntries(observations.map((o: any) => [promptOf.get(o.checklistItemId), o.rating ?? o.answer]));
    expect(stored).toEqual({
      [Q.rating]: 'A',
      [Q.yesNo]: 'JA',
      [Q.number]: '3',
      [Q.play]: 'C',
      [Q.choice]: 'Soms',
      [Q.text]: 'Auto’s parkeren op de stoep bij de ingang.',
      [Q.water]: 'JA',
    });
    expect(observations).toHaveLength(7);
    const findings = body.data.campaign.findings.edges.map((e: any) => e.node);
    const play = observations.find((o: any) => promptOf.get(o.checklistItemId) === Q.play);
    expect(findings).toEqual([expect.objectContaining({ text: 'De schommel hangt scheef', observationId: play.id, rating: 'C', category: 'ONTMOETEN_SPELEN', photoIds: [expect.any(String)] })]);

    // The coordinator answers it; Mijn bevindingen shows that one finding, not the answers.
    await gqlAt(app.server.url, 'mutation($input: ChangeFindingStatusInput!) { changeFindingStatus(input: $input) { status } }', { input: { findingId: findings[0].id, status: 'INGEPLAND', publicMessage: 'De gemeente zet de schommel volgende week recht.' } }, { cookie: app.coordinator.cookie });
    await page.goto(`${app.server.url}/schouw/mijn`);
    const card = page.getByTestId('my-finding');
    await expect.poll(() => card.getByText('De gemeente zet de schommel volgende week recht.').count(), { timeout: 30_000 }).toBe(1);
    expect(await card.count()).toBe(1);
    expect(await card.getByRole('heading').textContent()).toBe('De schommel hangt scheef');
    const words = (await card.textContent())!.replace(/\s+/g, ' ');
    expect(words).toContain(`${PLAYGROUND} · Ontmoeten & spelen`);
    expect(words).toMatch(/Vastgelegd op \d{1,2} \w+\.? 20\d\d/);
    expect(words).toContain(`Bij de vraag: ${Q.play} Jouw antwoord: Matig (C).`);
    expect(words).toContain('Status: Ingepland');
    await expect.poll(() => card.getByRole('img', { name: 'Foto 1 bij deze bevinding' }).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await screenshot(page, 'schouw-my-findings');
    await expectAccessible(page, 'schouw-my-findings');

    // The coordinator makes a finding of the water answer the walker did not report. The
    // walker stays its recorder, so after the next sync it is on Mijn bevindingen too,
    // though the phone never had a record of it.
    const water = observations.find((o: any) => promptOf.get(o.checklistItemId) === Q.water);
    const promoted = await gqlAt(
      app.server.url,
      'mutation($input: PromoteObservationInput!) { promoteObservation(input: $input) { id observationId } }',
      { input: { observationId: water.id, findingId: uuidv7(), text: 'Na regen staat hier water bij de ingang' } },
      { cookie: app.coordinator.cookie },
    );
    expect(promoted.body.errors, JSON.stringify(promoted.body.errors)).toBeUndefined();
    await page.goto(`${app.server.url}/schouw/mijn`);
    await expect.poll(() => card.count(), { timeout: 30_000 }).toBe(2);
    const fromAnswer = card.filter({ has: page.getByRole('heading', { name: 'Na regen staat hier water bij de ingang' }) });
    const promotedWords = (await fromAnswer.textContent())!.replace(/\s+/g, ' ');
    expect(promotedWords).toContain(`${PLAYGROUND} · `);
    expect(promotedWords).toContain(`Bij de vraag: ${Q.water} Jouw antwoord: Ja.`);
    expect(promotedWords).toContain('Status: Nieuw');
    await phone.close();
  });
});

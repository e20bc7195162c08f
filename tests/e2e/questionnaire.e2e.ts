/// <reference lib="dom" />
/**
 * The questionnaire after an activity, in real Chromium on a 390×844 phone: the
 * coordinator puts a questionnaire on the demo tegelwip action (its first day is today);
 * a participant sees it offered on the start screen, fills it in with no signal (a wrong
 * number is caught next to its question), and once the signal is back it arrives once, as
 * their one anonymous response; the start screen no longer offers it. A resident without
 * the app answers by the public link. The coordinator sees both in the console. Axe on
 * each screen; screenshots in test-results/screenshots/questionnaire-*.png.
 */
import { describe, expect, it } from 'vitest';
import { signInToConsole } from './support/console.js';
import { newPhone } from './support/field-phone.js';
import { expectAccessible, screenshot } from './support/screens.js';
import { useDemoApp } from './support/demo-app.js';

const QUESTIONS = [
  { prompt: 'Hoe tevreden ben je over de tegelwipdag?', type: 'SCALE' },
  { prompt: 'Doe je volgend jaar weer mee?', type: 'YES_NO' },
  { prompt: 'Hoe hoorde je van de actie?', type: 'CHOICE', choices: ['Flyer', 'Buren', 'Buurtapp'] },
  { prompt: 'Hoeveel buren hielp je?', type: 'NUMBER', help: 'Een schatting is goed.' },
  { prompt: 'Wat kan er beter?', type: 'TEXT' },
];

describe('questionnaire after the activity (Chromium, 390×844)', () => {
  const app = useDemoApp('buurtkracht-questionnaire-');

  it('is answered offline in the app and by the public link, each arriving once', async () => {
    const { coordinator, server } = app;
    const campaignId = coordinator.tegelwippen.id;
    const published = (await coordinator.gql('mutation($input: PublishQuestionnaireInput!) { publishQuestionnaire(input: $input) { id } }', { input: { name: 'Evaluatie tegelwippen', questions: QUESTIONS } })).publishQuestionnaire;
    await coordinator.gql('mutation($input: SetCampaignQuestionnaireInput!) { setCampaignQuestionnaire(input: $input) { id } }', { input: { campaignId, questionnaireId: published.id } });
    const responses = async () =>
      (await coordinator.gql('query($id: ID!) { campaign(id: $id) { questionnaireResults { appResponses linkResponses questions { question { type } distribution { value count } median texts { text } } } } }', { id: campaignId })).campaign.questionnaireResults;

    const { context, page } = await newPhone(app.browser);
    await page.goto(`${server.url}/meedoen/${await coordinator.invite(campaignId)}`);
    await page.getByLabel('Jouw naam in de app').fill('Sanne');
    await page.getByRole('button', { name: 'Meedoen' }).click();
    await page.waitForURL(`${server.url}/tellen`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });

    // The start screen offers it; with no signal it opens and is filled in all the same.
    await page.goto(`${server.url}/`);
    const card = page.getByTestId('activity').filter({ hasText: coordinator.tegelwippen.name });
    await expect.poll(() => card.getByRole('link', { name: 'Vragenlijst invullen' }).count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, 'questionnaire-offered');
    await context.setOffline(true);
    await card.getByRole('link', { name: 'Vragenlijst invullen' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Vragenlijst: ${coordinator.tegelwippen.name}`);
    await page.getByRole('radio', { name: '4 – Tevreden' }).check();
    await page.getByRole('radio', { name: 'Ja' }).check();
    await page.getByRole('radio', { name: 'Buren' }).check();
    await page.getByLabel('Aantal').fill('drie');
    await page.getByLabel('Wat kan er beter?').fill('Meer kruiwagens bij de verzamelplek');
    // The main action is in reach on the phone once the questions are done.
    await page.getByRole('button', { name: 'Antwoorden versturen' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Kijk de vragen met een melding nog even na.');
    const numberQuestion = page.getByRole('group', { name: /Hoeveel buren hielp je\?/ });
    expect(await numberQuestion.textContent()).toContain('Vul een heel getal in van 0 tot en met 100.000.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    await screenshot(page, 'questionnaire-phone-error');
    await page.getByLabel('Aantal').fill('3');
    await screenshot(page, 'questionnaire-phone');
    await expectAccessible(page, 'questionnaire-phone');
    await page.getByRole('button', { name: 'Antwoorden versturen' }).click();
    await expect.poll(() => page.getByTestId('questionnaire-thanks').count()).toBe(1);
    expect(await page.getByTestId('questionnaire-thanks').textContent()).toContain('gaan vanzelf naar het team');
    expect((await responses()).appResponses).toBe(0);

    // Back on the start screen, still offline: answered on this phone, so not offered again.
    await page.getByRole('link', { name: 'Naar de startpagina' }).click();
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.getByRole('link', { name: 'Vragenlijst invullen' }).count()).toBe(0);

    // The signal comes back: it arrives once, anonymous.
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(async () => (await responses()).appResponses, { timeout: 30_000 }).toBe(1);
    const results = await responses();
    expect(results.questions.find((q: any) => q.question.type === 'SCALE').distribution.find((d: any) => d.value === '4').count).toBe(1);
    expect(results.questions.find((q: any) => q.question.type === 'NUMBER').median).toBe(3);
    expect(results.questions.find((q: any) => q.question.type === 'TEXT').texts).toEqual([{ text: 'Meer kruiwagens bij de verzamelplek' }]);
    await page.reload();
    await page.goto(`${server.url}/vragenlijst/${campaignId}`);
    await expect.poll(() => page.getByText('Je hebt deze vragenlijst al ingevuld.', { exact: false }).count()).toBe(1);
    await context.close();

    // A neighbour without the app, by the link on the poster.
    const neighbour = await newPhone(app.browser);
    await neighbour.page.goto(`${server.url}/vragenlijst/${campaignId}`);
    await expect.poll(() => neighbour.page.getByRole('radio', { name: '5 – Heel tevreden' }).count(), { timeout: 15_000 }).toBe(1);
    await neighbour.page.getByRole('radio', { name: '5 – Heel tevreden' }).check();
    await neighbour.page.getByLabel('Wat kan er beter?').fill('Eerder beginnen');
    await screenshot(neighbour.page, 'questionnaire-public');
    await expectAccessible(neighbour.page, 'questionnaire-public');
    await neighbour.page.getByRole('button', { name: 'Antwoorden versturen' }).click();
    await expect.poll(() => neighbour.page.getByTestId('questionnaire-thanks').textContent()).toBe('Dank je wel! Je antwoorden zijn verstuurd.');
    expect(await responses()).toMatchObject({ appResponses: 1, linkResponses: 1 });
    await neighbour.context.close();

    // The coordinator reads both in the console's results.
    const desk = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL' });
    const console_ = await desk.newPage();
    await signInToConsole(console_, server);
    await console_.goto(`${server.url}/beheer/campagnes/${campaignId}/vragenlijst`);
    const open = console_.getByTestId('open-answers');
    await expect.poll(() => open.locator('li').count(), { timeout: 15_000 }).toBe(2);
    expect((await open.textContent())!).toContain('Meer kruiwagens bij de verzamelplek');
    expect((await open.textContent())!).toContain('Eerder beginnen');
    await desk.close();
  });
});

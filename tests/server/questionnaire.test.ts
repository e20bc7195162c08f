/**
 * Questionnaires over real HTTP on a database file with the sync worker: published with
 * versions like checklists (and never usable as one), set on a campaign, answered after the
 * first day by participants through sync (exactly once, one response each, anonymous unless
 * asked and agreed) and by anyone with the public link (a resent form is one response;
 * bad answers change nothing; per-IP limit), and the results a coordinator sees.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { changeCampaignStatus, createCampaign, type Campaign } from '../../server/src/modules/campaign/campaign.service.js';
import { todayInNetherlands } from '../../server/src/modules/campaign/local-date.js';
import { setSignupOpen } from '../../server/src/modules/signup/signup-planning.service.js';
import { signUp } from '../../server/src/modules/signup/signup.service.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { SYNC, TestDevice } from '../support/sync-client.js';
import { databaseFile } from '../support/test-app.js';

const PUBLISH = 'mutation($input: PublishQuestionnaireInput!) { publishQuestionnaire(input: $input) { id name version asksToLink questions { id prompt type choices } } }';
const SET = 'mutation($input: SetCampaignQuestionnaireInput!) { setCampaignQuestionnaire(input: $input) { id questionnaire { id } questionnaireOpensOn } }';
const PUBLIC = 'query($id: ID!) { publicQuestionnaire(campaignId: $id) { campaignName open opensOn questionnaire { id questions { id type } } } }';
const ANSWER = 'mutation($input: AnswerQuestionnaireInput!) { answerQuestionnaire(input: $input) { id } }';
const RESULTS = `query($id: ID!, $search: String) { campaign(id: $id) { questionnaireResults(search: $search) {
  participants appResponses linkResponses responseRate
  questions { question { prompt type } answered distribution { value count } median min max textMatches texts { text } }
} } }`;

const QUESTIONS = [
  { prompt: 'Hoe tevreden ben je over de dag?', type: 'SCALE' },
  { prompt: 'Doe je volgend jaar weer mee?', type: 'YES_NO' },
  { prompt: 'Hoe hoorde je ervan?', type: 'CHOICE', choices: ['Flyer', 'Buren', 'Buurtapp'] },
  { prompt: 'Hoeveel buren hielp je?', type: 'NUMBER' },
  { prompt: 'Wat kan beter?', type: 'TEXT' },
];

describe('questionnaires', () => {
  const file = databaseFile();
  let fx: AccessFixture;
  let questionnaire: { id: string; questions: { id: string; type: string }[] };
  let campaign: Campaign;
  const db = () => fx.t.app.connection.db;
  const admin = () => fx.asViewer('admin');
  const rows = async (table: 'questionnaire_response' | 'questionnaire_answer' | 'questionnaire_participation') =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const q = (type: string) => questionnaire.questions.find((x) => x.type === type)!.id;
  const answersFor = (scale: number, yes: 'JA' | 'NEE', choice: string, count: number, text?: string) => [
    { questionId: q('SCALE'), value: scale },
    { questionId: q('YES_NO'), value: yes },
    { questionId: q('CHOICE'), value: choice },
    { questionId: q('NUMBER'), value: count },
    ...(text ? [{ questionId: q('TEXT'), value: text }] : []),
  ];
  /** The same answers as the public form sends them (number or text per answer). */
  const asForm = (answers: { questionId: string; value: string | number }[]) => answers.map((a) => (typeof a.value === 'number' ? { questionId: a.questionId, number: a.value } : { questionId: a.questionId, text: a.value }));
  const openCampaign = async (name: string, date = todayInNetherlands(new Date())) => {
    const draft = await createCampaign(db(), admin(), { neighbourhoodId: fx.neighbourhoodA, kind: 'TEGELWIPPEN', name, days: [{ date }], requestId: 't' });
    return changeCampaignStatus(db(), admin(), { campaignId: draft.id, status: 'OPEN', requestId: 't' });
  };

  beforeAll(async () => {
    fx = await accessFixture(file.env);
    const { body } = await fx.query('coordinator', PUBLISH, { input: { name: 'Evaluatie tegelwippen', questions: QUESTIONS } });
    expect(body.errors).toBeUndefined();
    questionnaire = body.data.publishQuestionnaire;
    campaign = await openCampaign('Tegelwippen met vragenlijst');
    expect((await fx.query('coordinator', SET, { input: { campaignId: campaign.id, questionnaireId: questionnaire.id } })).body.data.setCampaignQuestionnaire).toMatchObject({
      questionnaire: { id: questionnaire.id },
      questionnaireOpensOn: todayInNetherlands(new Date()),
    });
  });
  afterAll(async () => {
    await fx.t.close();
    file.remove();
  });

  it('versions a questionnaire like a checklist, lists it apart, and never lets it be a schouw checklist', async () => {
    expect(questionnaire).toMatchObject({ name: 'Evaluatie tegelwippen', version: 1, asksToLink: false });
    expect(questionnaire.questions.map((x) => x.type)).toEqual(['SCALE', 'YES_NO', 'CHOICE', 'NUMBER', 'TEXT']);
    const templates = (await fx.query('coordinator', '{ questionnaireTemplates(first: 10) { edges { node { name latestVersion { version } } } } checklistTemplates(first: 10) { edges { node { name } } } }')).body.data;
    expect(templates.questionnaireTemplates.edges.map((e: any) => e.node.name)).toEqual(['Evaluatie tegelwippen']);
    expect(templates.checklistTemplates.edges.map((e: any) => e.node.name)).not.toContain('Evaluatie tegelwippen');
    const asChecklist = await fx.query('coordinator', 'mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }', {
      input: { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name: 'Schouw met verkeerde lijst', checklistVersionId: questionnaire.id },
    });
    expect(asChecklist.body.errors[0].message).toBe('Kies een checklist uit de lijst.');
    const badChoice = await fx.query('coordinator', PUBLISH, { input: { name: 'Kapot', questions: [{ prompt: 'Welke?', type: 'CHOICE', choices: ['Een'] }] } });
    expect(badChoice.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(badChoice.body.errors[0].message).toBe('Geef minstens twee verschillende keuzes.');
    const partner = await fx.query('partner', PUBLISH, { input: { name: 'Van een partner', questions: QUESTIONS } });
    expect(partner.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('takes a participant\'s answers through sync exactly once, anonymous, and refuses a second response', async () => {
    const walker = await fx.makeParticipant(campaign);
    const device = new TestDevice();
    const entry = device.entry('answerQuestionnaire', { id: uuidv7(), campaignId: campaign.id, questionnaireId: questionnaire.id, answers: answersFor(4, 'JA', 'Buren', 3, 'Meer kruiwagens') });
    const first = await fx.query(walker.headers, SYNC, device.input([entry]));
    expect(first.body.data.sync.results[0]).toMatchObject({ status: 'APPLIED' });
    // The answer to the sync was lost: the phone sends the same entry again.
    const again = await fx.query(walker.headers, SYNC, device.input([entry]));
    expect(again.body.data.sync.results[0]).toMatchObject({ status: 'DUPLICATE' });
    expect(await rows('questionnaire_response')).toBe(1);
    const stored = await db().selectFrom('questionnaire_response').selectAll().executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ channel: 'APP', participant_id: null, received_on: todayInNetherlands(new Date()) });
    // Nothing leads from the participant's sync to the response: not the phone's id, not a time.
    expect(stored.id).not.toBe((entry.args as { id: string }).id);
    const syncRows = await db().selectFrom('sync_mutation').selectAll().where('device_id', '=', device.id).execute();
    expect(syncRows).toHaveLength(1);
    expect(Object.values(syncRows[0]!)).not.toContain(stored.id);
    expect(syncRows[0]!.entity_id).toBe(campaign.id);
    const mine = await fx.query(walker.headers, 'query($id: ID!) { campaign(id: $id) { myQuestionnaireAnswered } }', { id: campaign.id });
    expect(mine.body.data.campaign.myQuestionnaireAnswered).toBe(true);

    // A second phone of the same person (or a second try) is refused with a reason, and stores nothing.
    const other = new TestDevice();
    const second = await fx.query(walker.headers, SYNC, other.input([other.entry('answerQuestionnaire', { id: uuidv7(), campaignId: campaign.id, questionnaireId: questionnaire.id, answers: answersFor(1, 'NEE', 'Flyer', 0) })]));
    expect(second.body.data.sync.results[0]).toMatchObject({ status: 'REJECTED', code: 'CONFLICT', message: 'Je hebt deze vragenlijst al ingevuld. Dank je wel!' });
    expect(await rows('questionnaire_response')).toBe(1);
  });

  it('refuses a bad answer with a Dutch reason at its field, and keeps nothing of it', async () => {
    const before = await Promise.all([rows('questionnaire_response'), rows('questionnaire_answer')]);
    const { body } = await fx.query({}, ANSWER, { input: { id: uuidv7(), campaignId: campaign.id, questionnaireId: questionnaire.id, answers: asForm([{ questionId: q('SCALE'), value: 7 }, { questionId: q('CHOICE'), value: 'Krant' }]) } });
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].extensions.fields).toEqual([
      { path: ['input', 'answers', '0', 'value'], message: 'Kies een van de vijf gezichtjes.' },
      { path: ['input', 'answers', '1', 'value'], message: 'Kies een van de antwoorden.' },
    ]);
    const empty = await fx.query({}, ANSWER, { input: { id: uuidv7(), campaignId: campaign.id, questionnaireId: questionnaire.id, answers: [] } });
    expect(empty.body.errors[0].message).toBe('Beantwoord minstens één vraag.');
    expect(await Promise.all([rows('questionnaire_response'), rows('questionnaire_answer')])).toEqual(before);
  });

  it('takes answers by the public link without sign-in; a resent form is the same response', async () => {
    const before = await rows('questionnaire_response');
    const form = await fx.query({}, PUBLIC, { id: campaign.id });
    expect(form.body.data.publicQuestionnaire).toMatchObject({ campaignName: 'Tegelwippen met vragenlijst', open: true, questionnaire: { id: questionnaire.id } });
    const input = { id: uuidv7(), campaignId: campaign.id, questionnaireId: questionnaire.id, answers: asForm(answersFor(2, 'NEE', 'Flyer', 10, 'Het begon te laat')) };
    const sent = await fx.query({}, ANSWER, { input });
    expect(sent.body.data.answerQuestionnaire).toEqual({ id: input.id });
    expect((await fx.query({}, ANSWER, { input })).body.data.answerQuestionnaire).toEqual({ id: input.id });
    expect(await rows('questionnaire_response')).toBe(before + 1);
    expect((await db().selectFrom('questionnaire_response').select('channel').where('id', '=', input.id).executeTakeFirstOrThrow()).channel).toBe('LINK');

    // A coordinator types in a form filled in on paper: by the link too.
    const paper = { ...input, id: uuidv7(), answers: asForm([{ questionId: q('TEXT'), value: 'Op papier ingevuld' }]) };
    expect((await fx.query('coordinator', ANSWER, { input: paper })).body.data.answerQuestionnaire).toEqual({ id: paper.id });
  });

  it('shows the coordinator the distribution, the numbers, the open answers (searchable) and the response rate', async () => {
    await fx.makeParticipant(campaign); // a participant who did not answer
    const { body } = await fx.query('coordinator', RESULTS, { id: campaign.id });
    const results = body.data.campaign.questionnaireResults;
    expect(results).toMatchObject({ participants: 2, appResponses: 1, linkResponses: 2, responseRate: 0.5 });
    const byType = (type: string) => results.questions.find((x: any) => x.question.type === type);
    expect(byType('SCALE').distribution).toEqual([1, 2, 3, 4, 5].map((v) => ({ value: String(v), count: v === 2 || v === 4 ? 1 : 0 })));
    // 2 and 4: the lower middle, an answer someone gave (not 3).
    expect(byType('SCALE').median).toBe(2);
    expect(byType('YES_NO').distribution).toEqual([{ value: 'JA', count: 1 }, { value: 'NEE', count: 1 }]);
    expect(byType('CHOICE').distribution).toEqual([{ value: 'Flyer', count: 1 }, { value: 'Buren', count: 1 }, { value: 'Buurtapp', count: 0 }]);
    // 3 and 10: the lower middle.
    expect(byType('NUMBER')).toMatchObject({ answered: 2, median: 3, min: 3, max: 10 });
    // All arrived today; within a day the order of arrival is not kept.
    expect(byType('TEXT')).toMatchObject({ answered: 3, textMatches: 3 });
    expect(byType('TEXT').texts.map((x: { text: string }) => x.text).sort()).toEqual(['Het begon te laat', 'Meer kruiwagens', 'Op papier ingevuld']);
    const searched = (await fx.query('coordinator', RESULTS, { id: campaign.id, search: 'KRUIWAGEN' })).body.data.campaign.questionnaireResults;
    expect(searched.questions.find((x: any) => x.question.type === 'TEXT')).toMatchObject({ answered: 3, textMatches: 1, texts: [{ text: 'Meer kruiwagens' }] });

    // Another neighbourhood's coordinator does not see the campaign; a partner sees it, not its results.
    expect((await fx.query('otherCoordinator', RESULTS, { id: campaign.id })).body.data.campaign).toBeNull();
    expect((await fx.query('partner', RESULTS, { id: campaign.id })).body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('exports every response as CSV for Dutch Excel and raw, for the coordinators only', async () => {
    const csv = async (query: string, headers: Record<string, string> = fx.headers.coordinator) => {
      const response = await fetch(`${fx.t.url}/exports/campaigns/${campaign.id}/questionnaire.csv${query}`, { headers });
      return { status: response.status, text: Buffer.from(await response.arrayBuffer()).toString('utf8') };
    };
    const people = parse((await csv('?separator=semicolon')).text, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(people).toHaveLength(3);
    const app = people.find((r) => r['Via'] === 'App')!;
    expect(app).toMatchObject({ 'Deelnemer (gekoppeld met toestemming)': '', 'Hoe tevreden ben je over de dag?': '4 – Tevreden', 'Doe je volgend jaar weer mee?': 'Ja', 'Hoe hoorde je ervan?': 'Buren', 'Hoeveel buren hielp je?': '3', 'Wat kan beter?': 'Meer kruiwagens' });
    expect(app['Ontvangen op (datum)']).toBe(todayInNetherlands(new Date()));
    expect(people.filter((r) => r['Via'] === 'Openbare link')).toHaveLength(2);
    const raw = parse((await csv('?format=raw')).text, { bom: true, delimiter: ',', columns: true }) as Record<string, string>[];
    const rawApp = raw.find((r) => r['kanaal'] === 'APP')!;
    expect(rawApp).toMatchObject({ deelnemer_id: '', [q('SCALE')]: '4', [q('YES_NO')]: 'JA', [q('NUMBER')]: '3' });
    expect(rawApp['ontvangen_op']).toBe(todayInNetherlands(new Date()));
    expect((await csv('', fx.headers.partner)).status).toBe(404);
    expect((await csv('', {})).status).toBe(401);
  });

  it('keeps the questionnaire once it opened (answers may still wait on phones), and refuses answers to another one', async () => {
    const other = (await fx.query('coordinator', PUBLISH, { input: { name: 'Andere lijst', questions: QUESTIONS.slice(0, 1) } })).body.data.publishQuestionnaire;
    const fixed = 'De vragenlijst is al open voor deelnemers (antwoorden kunnen nog op telefoons staan); die ligt daarom vast.';
    const { body } = await fx.query('coordinator', SET, { input: { campaignId: campaign.id, questionnaireId: other.id } });
    expect(body.errors[0]).toMatchObject({ message: fixed, extensions: { code: 'CONFLICT' } });
    // Open, but nobody answered yet: still fixed.
    const fresh = await openCampaign('Net open');
    await fx.query('coordinator', SET, { input: { campaignId: fresh.id, questionnaireId: questionnaire.id } });
    expect((await fx.query('coordinator', SET, { input: { campaignId: fresh.id, questionnaireId: other.id } })).body.errors[0].message).toBe(fixed);
    // Before it opens the coordinator may still change it; the console asks whether it is fixed.
    const later = await openCampaign('Later open', '2099-05-05');
    await fx.query('coordinator', SET, { input: { campaignId: later.id, questionnaireId: questionnaire.id } });
    const FIXED = 'query($id: ID!) { campaign(id: $id) { questionnaireFixed } }';
    expect((await fx.query('coordinator', FIXED, { id: later.id })).body.data.campaign.questionnaireFixed).toBe(false);
    expect((await fx.query('coordinator', FIXED, { id: fresh.id })).body.data.campaign.questionnaireFixed).toBe(true);
    expect((await fx.query('partner', FIXED, { id: fresh.id })).body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await fx.query('coordinator', SET, { input: { campaignId: later.id, questionnaireId: other.id } })).body.errors).toBeUndefined();

    const stale = await fx.query({}, ANSWER, { input: { id: uuidv7(), campaignId: campaign.id, questionnaireId: other.id, answers: [{ questionId: other.questions[0].id, number: 3 }] } });
    expect(stale.body.errors[0]).toMatchObject({ message: 'De vragenlijst is intussen veranderd. Open hem opnieuw en vul hem nog een keer in.', extensions: { code: 'CONFLICT' } });
  });

  it('refuses a participant of another campaign, and answers a draft as one that does not exist', async () => {
    const stranger = await fx.makeParticipant(fx.campaignB);
    const device = new TestDevice();
    const refused = await fx.query(stranger.headers, SYNC, device.input([device.entry('answerQuestionnaire', { id: uuidv7(), campaignId: campaign.id, questionnaireId: questionnaire.id, answers: answersFor(3, 'JA', 'Flyer', 1) })]));
    expect(refused.body.data.sync.results[0]).toMatchObject({ status: 'REJECTED', code: 'NOT_FOUND' });
    const draft = await createCampaign(db(), admin(), { neighbourhoodId: fx.neighbourhoodA, kind: 'TEGELWIPPEN', name: 'Nog een concept', days: [{ date: '2020-01-01' }], requestId: 't' });
    await fx.query('coordinator', SET, { input: { campaignId: draft.id, questionnaireId: questionnaire.id } });
    const toDraft = await fx.query({}, ANSWER, { input: { id: uuidv7(), campaignId: draft.id, questionnaireId: questionnaire.id, answers: asForm(answersFor(3, 'JA', 'Flyer', 1)) } });
    const toNothing = await fx.query({}, ANSWER, { input: { id: uuidv7(), campaignId: uuidv7(), questionnaireId: questionnaire.id, answers: asForm(answersFor(3, 'JA', 'Flyer', 1)) } });
    expect(toDraft.body.errors[0]).toEqual(toNothing.body.errors[0]);
    expect(toDraft.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('takes answers given on the phone before the campaign closed, not those given after', async () => {
    const closing = await openCampaign('Sluit straks');
    await fx.query('coordinator', SET, { input: { campaignId: closing.id, questionnaireId: questionnaire.id } });
    const before = await fx.makeParticipant(closing);
    const after = await fx.makeParticipant(closing);
    const givenBeforeClosing = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await changeCampaignStatus(db(), admin(), { campaignId: closing.id, status: 'CLOSED', requestId: 't' });
    const send = async (who: { headers: Record<string, string> }, clientTime: string) => {
      const device = new TestDevice();
      const entry = device.entry('answerQuestionnaire', { id: uuidv7(), campaignId: closing.id, questionnaireId: questionnaire.id, answers: answersFor(4, 'JA', 'Flyer', 2) }, undefined, clientTime);
      return (await fx.query(who.headers, SYNC, device.input([entry]))).body.data.sync.results[0];
    };
    expect(await send(before, givenBeforeClosing)).toMatchObject({ status: 'APPLIED' });
    expect(await send(after, new Date().toISOString())).toMatchObject({ status: 'REJECTED', message: 'De vragenlijst is nu niet open.' });
  });

  it('opens for a participant after their own sign-up date, for everyone else from the first day', async () => {
    const twoDays = await createCampaign(db(), admin(), { neighbourhoodId: fx.neighbourhoodA, kind: 'TEGELWIPPEN', name: 'Twee dagen', days: [{ date: todayInNetherlands(new Date()) }, { date: '2099-07-04' }], requestId: 't' });
    await changeCampaignStatus(db(), admin(), { campaignId: twoDays.id, status: 'OPEN', requestId: 't' });
    await fx.query('coordinator', SET, { input: { campaignId: twoDays.id, questionnaireId: questionnaire.id } });
    const laterDay = (await db().selectFrom('campaign_day').select('id').where('campaign_id', '=', twoDays.id).where('date', '=', '2099-07-04').executeTakeFirstOrThrow()).id;
    await setSignupOpen(db(), admin(), { campaignId: twoDays.id, open: true, requestId: 't' });
    const receipt = await signUp(db(), fx.auth, { campaignId: twoDays.id, dayIds: [laterDay], displayName: 'Later', contactConsent: false, streetId: fx.streetA, houseNumber: '9' }, '192.0.2.44');
    const later = await fx.makeParticipant(twoDays);
    await db().updateTable('signup').set({ participant_id: later.id }).where('id', '=', receipt.signup.id).execute();
    const early = await fx.makeParticipant(twoDays);
    const OPENS = 'query($id: ID!) { campaign(id: $id) { questionnaireOpensOn } }';
    expect((await fx.query(later.headers, OPENS, { id: twoDays.id })).body.data.campaign.questionnaireOpensOn).toBe('2099-07-04');
    expect((await fx.query(early.headers, OPENS, { id: twoDays.id })).body.data.campaign.questionnaireOpensOn).toBe(todayInNetherlands(new Date()));
    const device = new TestDevice();
    const tooEarly = await fx.query(later.headers, SYNC, device.input([device.entry('answerQuestionnaire', { id: uuidv7(), campaignId: twoDays.id, questionnaireId: questionnaire.id, answers: answersFor(4, 'JA', 'Flyer', 2) })]));
    expect(tooEarly.body.data.sync.results[0]).toMatchObject({ status: 'REJECTED', message: 'De vragenlijst is nu niet open.' });
  });

  it('links answers to a participant only when the questionnaire asks and they agree, and forgets the link when they erase their data', async () => {
    const linking = (await fx.query('coordinator', PUBLISH, { input: { name: 'Met naam', asksToLink: true, questions: QUESTIONS } })).body.data.publishQuestionnaire;
    const withLink = await openCampaign('Tegelwippen met naam');
    await fx.query('coordinator', SET, { input: { campaignId: withLink.id, questionnaireId: linking.id } });
    const scale = linking.questions[0].id;
    const agrees = await fx.makeParticipant(withLink);
    const declines = await fx.makeParticipant(withLink);
    const send = async (who: { headers: Record<string, string> }, linked: boolean) => {
      const device = new TestDevice();
      const result = await fx.query(who.headers, SYNC, device.input([device.entry('answerQuestionnaire', { id: uuidv7(), campaignId: withLink.id, questionnaireId: linking.id, linked, answers: [{ questionId: scale, value: 5 }] })]));
      expect(result.body.data.sync.results[0].status).toBe('APPLIED');
    };
    const linkedTo = async () => (await db().selectFrom('questionnaire_response').select('participant_id').where('campaign_id', '=', withLink.id).execute()).map((r) => r.participant_id);
    await send(agrees, true);
    await send(declines, false);
    expect((await linkedTo()).sort()).toEqual([agrees.id, null].sort());

    // On an anonymous questionnaire, a request to link is refused.
    const anonymousOne = await fx.makeParticipant(campaign);
    const device = new TestDevice();
    const refused = await fx.query(anonymousOne.headers, SYNC, device.input([device.entry('answerQuestionnaire', { id: uuidv7(), campaignId: campaign.id, questionnaireId: questionnaire.id, linked: true, answers: answersFor(3, 'JA', 'Flyer', 1) })]));
    expect(refused.body.data.sync.results[0]).toMatchObject({ status: 'REJECTED', message: 'Deze vragenlijst is anoniem: je antwoorden worden niet aan jou gekoppeld.' });

    await fx.query(agrees.headers, 'mutation { deleteMyData }');
    expect(await linkedTo()).toEqual([null, null]);
  });

  it('takes no answers before the first day, and shows nothing of a draft', async () => {
    const later = await openCampaign('Tegelwippen volgende maand', '2099-06-06');
    await fx.query('coordinator', SET, { input: { campaignId: later.id, questionnaireId: questionnaire.id } });
    expect((await fx.query({}, PUBLIC, { id: later.id })).body.data.publicQuestionnaire).toMatchObject({ open: false, opensOn: '2099-06-06' });
    const early = await fx.query({}, ANSWER, { input: { id: uuidv7(), campaignId: later.id, questionnaireId: questionnaire.id, answers: asForm(answersFor(5, 'JA', 'Flyer', 1)) } });
    expect(early.body.errors[0]).toMatchObject({ message: 'De vragenlijst is nu niet open.', extensions: { code: 'CONFLICT' } });

    const draft = await createCampaign(db(), admin(), { neighbourhoodId: fx.neighbourhoodA, kind: 'TEGELWIPPEN', name: 'Concept', days: [{ date: '2020-01-01' }], requestId: 't' });
    await fx.query('coordinator', SET, { input: { campaignId: draft.id, questionnaireId: questionnaire.id } });
    for (const id of [draft.id, uuidv7()]) expect((await fx.query({}, PUBLIC, { id })).body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('limits answers by the public link per IP', async () => {
    let limited = null;
    for (let i = 0; i < 40 && !limited; i++) {
      const { body } = await fx.query({}, ANSWER, { input: { id: uuidv7(), campaignId: campaign.id, questionnaireId: questionnaire.id, answers: asForm([{ questionId: q('SCALE'), value: 3 }]) } });
      if (body.errors?.[0].extensions.code === 'RATE_LIMITED') limited = body.errors[0];
    }
    expect(limited).toMatchObject({ message: 'Er zijn vanaf dit adres veel vragenlijsten ingevuld. Wacht even en probeer het opnieuw.' });
  });
});

/**
 * Questionnaires (vragenlijsten): made in the console with the checklist editor and
 * versioned like checklists (a template with purpose QUESTIONNAIRE, an edit is a new
 * version), set on a campaign by its coordinator, and answered after the activity: by a
 * participant in the field app (a sync command, so offline and exactly once) or by anyone
 * with the public link (people without the app).
 *
 * When it opens: once the campaign is OPEN and its first day has come (Dutch date), until
 * the campaign closes. Anonymous by default: a response names its participant only when
 * the questionnaire asks for that and the person agreed; that a participant answered is
 * kept apart, for "one response each" and the response rate.
 */
import { answerProblem, MAX_CHOICES, MAX_QUESTIONS, problemLimit, type AnswerProblem, type AnswerValue, type QuestionType } from '@buurtkracht/protocol/questionnaire';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import { badInput, DomainError, ErrorCode, idAlreadyUsed, notFound, type FieldProblem } from '../../domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { daysOfCampaigns, loadCampaign, requireManagedCampaign, type Campaign } from '../campaign/campaign.service.js';
import { todayInNetherlands } from '../campaign/local-date.js';
import * as checklistRepo from '../checklist/checklist.repo.js';
import { newVersionRow, requireVersionFor } from '../checklist/checklist.service.js';
import { recordChange } from '../sync/change-log.repo.js';
import { nlQuestionnaire } from '../../../../web/src/lib/i18n/nl-questionnaire.js';
import * as repo from './questionnaire.repo.js';
import type { QuestionnaireQuestionRow, ResponseChannel } from './questionnaire.table.js';

export interface Question {
  id: string;
  position: number;
  prompt: string;
  help: string | null;
  type: QuestionType;
  choices: string[];
}

export interface Questionnaire {
  /** The version's id: what a campaign names and a response answers. */
  id: string;
  templateId: string;
  name: string;
  version: number;
  createdAt: string;
  asksToLink: boolean;
  questions: Question[];
}

const toQuestion = (row: QuestionnaireQuestionRow): Question => ({ id: row.id, position: row.position, prompt: row.prompt, help: row.help, type: row.type, choices: JSON.parse(row.choices) as string[] });

export async function loadQuestionnaire(db: DbOrTrx, versionId: string): Promise<Questionnaire | null> {
  const version = await repo.findQuestionnaireVersion(db, versionId);
  if (!version) return null;
  const questions = (await repo.questionsOf(db, [versionId])).map(toQuestion);
  return { id: version.id, templateId: version.template_id, name: version.name, version: version.version, createdAt: version.created_at, asksToLink: version.asks_to_link === 1, questions };
}

export interface QuestionnaireInput {
  templateId?: string | null;
  name: string;
  asksToLink: boolean;
  questions: { prompt: string; help?: string | null; type: QuestionType; choices?: string[] | null }[];
}

function checkQuestionnaire(input: QuestionnaireInput): void {
  if (input.questions.length === 0) throw badInput('Een vragenlijst heeft minstens één vraag.');
  if (input.questions.length > MAX_QUESTIONS) throw badInput(`Een vragenlijst heeft hoogstens ${MAX_QUESTIONS} vragen.`);
  const problems: FieldProblem[] = [];
  input.questions.forEach((q, i) => {
    const choices = q.choices ?? [];
    const path = ['input', 'questions', String(i), 'choices'];
    if (q.type === 'CHOICE' && (choices.length < 2 || new Set(choices).size !== choices.length)) problems.push({ path, message: 'Geef minstens twee verschillende keuzes.' });
    else if (q.type === 'CHOICE' && choices.length > MAX_CHOICES) problems.push({ path, message: `Hoogstens ${MAX_CHOICES} keuzes.` });
    else if (q.type !== 'CHOICE' && choices.length > 0) problems.push({ path, message: 'Alleen een keuzevraag heeft keuzes.' });
  });
  if (problems.length > 0) throw badInput(problems[0]!.message, { fields: problems });
}

/** Publishes a questionnaire as a new template, or as the next version of an existing one. */
export async function publishQuestionnaire(db: DbOrTrx, viewer: Viewer, input: QuestionnaireInput, now = new Date()): Promise<Questionnaire> {
  if (viewer.kind !== 'staff' || viewer.role === 'PARTNER') throw notFound();
  checkQuestionnaire(input);
  return inTransaction(db, async (trx) => {
    const version = await newVersionRow(trx, viewer.accountId, input, 'QUESTIONNAIRE', now);
    await checklistRepo.insertVersionRow(trx, version);
    await repo.insertQuestions(
      trx,
      input.questions.map((q, i) => ({ id: uuidv7(), version_id: version.id, position: i + 1, prompt: q.prompt.trim(), help: q.help?.trim() || null, type: q.type, choices: JSON.stringify(q.choices ?? []) })),
    );
    return (await loadQuestionnaire(trx, version.id))!;
  });
}

/** Sets (or with null takes away) the questionnaire of a campaign; fixed once it opened (answers may wait on phones). */
export async function setCampaignQuestionnaire(db: DbOrTrx, viewer: Viewer, input: { campaignId: string; questionnaireId: string | null; requestId: string }, now = new Date()): Promise<Campaign> {
  return inTransaction(db, async (trx) => {
    const campaign = await requireManagedCampaign(trx, viewer, input.campaignId);
    if (campaign.status === 'CLOSED') throw new DomainError(ErrorCode.CONFLICT, 'Een gesloten actie kan niet meer veranderen.');
    if (input.questionnaireId) await requireVersionFor(trx, input.questionnaireId, 'QUESTIONNAIRE');
    if (input.questionnaireId !== campaign.questionnaireVersionId && (await isQuestionnaireFixed(trx, campaign, now))) {
      throw new DomainError(ErrorCode.CONFLICT, 'De vragenlijst is al open voor deelnemers (antwoorden kunnen nog op telefoons staan); die ligt daarom vast.');
    }
    await repo.setCampaignQuestionnaire(trx, campaign.id, input.questionnaireId);
    // Phones keep the questionnaire with the campaign: the change tells them to fetch it again.
    await recordChange(trx, { neighbourhoodId: campaign.neighbourhoodId, campaignId: campaign.id, entityType: 'CAMPAIGN', entityId: campaign.id }, now);
    await recordAudit(trx, { actorAccountId: viewer.kind === 'staff' ? viewer.accountId : null, action: 'campaign.questionnaire_set', subjectType: 'campaign', subjectId: campaign.id, detail: { questionnaireId: input.questionnaireId }, requestId: input.requestId }, now);
    return { ...campaign, questionnaireVersionId: input.questionnaireId };
  });
}

/** Whether the campaign's questionnaire can no longer change: it opened (answers may wait on phones) or someone answered. */
export async function isQuestionnaireFixed(db: DbOrTrx, campaign: Campaign, now = new Date()): Promise<boolean> {
  return (await isOpenAt(db, campaign, now)) || (await repo.responseCount(db, campaign.id)) > 0;
}

/**
 * The Dutch date from which the questionnaire takes answers: after the activity, so for a
 * participant who signed up for dates their first confirmed date, for anyone else the
 * campaign's first day; null without days.
 */
export async function opensOn(db: DbOrTrx, campaign: Pick<Campaign, 'id'>, viewer?: Viewer): Promise<string | null> {
  const own = viewer?.kind === 'participant' && viewer.campaignId === campaign.id ? await repo.firstSignedUpDay(db, campaign.id, viewer.participantId) : null;
  return own ?? (await daysOfCampaigns(db, [campaign.id]))[0]?.date ?? null;
}

/**
 * Whether the questionnaire took answers at `at`: from the day it opens (opensOn) while the
 * campaign was open. An answer given on the phone before the campaign closed still counts
 * when it arrives later (`at` is when it was given).
 */
export async function isOpenAt(db: DbOrTrx, campaign: Campaign, at: Date, viewer?: Viewer): Promise<boolean> {
  if (!campaign.questionnaireVersionId || campaign.status === 'DRAFT') return false;
  if (campaign.status === 'CLOSED' && !(campaign.closedAt && at.toISOString() < campaign.closedAt)) return false;
  const first = await opensOn(db, campaign, viewer);
  return first !== null && todayInNetherlands(at) >= first;
}

/** An answer's problem in the server's Dutch: the field app's words (web/src/lib/i18n/nl-questionnaire.ts). */
const problemWords = (problem: AnswerProblem): string => nlQuestionnaire[`questionnaire.problem.${problem}`].replace('{max}', (problemLimit(problem) ?? 0).toLocaleString('nl-NL'));

export interface AnswerInput {
  /** The form's id for its response (the public link: a resent form is the same response). */
  id: string;
  campaignId: string;
  questionnaireId: string;
  /** The person agreed to link their answers to themselves (only when the questionnaire asks). */
  linked?: boolean | null;
  answers: { questionId: string; value: AnswerValue }[];
}

/**
 * Stores one response, from the app (a participant of the campaign, through sync) or the
 * public link (anyone else). By the link, the same id again is the same response, so a
 * resent form never counts twice; from the app, sync answers a resent entry as before and
 * the participation row allows one response per participant.
 *
 * An app response must not lead back to its participant unless they agreed: it gets an id
 * of its own (random, no time in it; the phone's id stays in the sync entry) and only the
 * Dutch date it arrived, not the time the sync was processed.
 *
 * `givenAt`: when the person answered (the sync entry's client time, never later than now).
 */
export async function answerQuestionnaire(db: DbOrTrx, viewer: Viewer, input: AnswerInput, now = new Date(), givenAt = now): Promise<{ id: string }> {
  // Staff answer by the link too: that is how a coordinator types in a form filled in on paper.
  const channel: ResponseChannel = viewer.kind === 'participant' ? 'APP' : 'LINK';
  return inTransaction(db, async (trx) => {
    const campaign = await loadCampaign(trx, input.campaignId);
    if (!campaign || campaign.status === 'DRAFT' || !campaign.questionnaireVersionId || (viewer.kind === 'participant' && viewer.campaignId !== campaign.id)) throw notFound('Deze vragenlijst');
    if (channel === 'LINK') {
      const existing = await repo.findResponse(trx, input.id);
      if (existing) {
        if (existing.campaign_id !== campaign.id || existing.channel !== channel) throw idAlreadyUsed();
        return { id: existing.id };
      }
    }
    const at = givenAt < now ? givenAt : now;
    if (!(await isOpenAt(trx, campaign, at, viewer))) throw new DomainError(ErrorCode.CONFLICT, 'De vragenlijst is nu niet open.');
    if (input.questionnaireId !== campaign.questionnaireVersionId) throw new DomainError(ErrorCode.CONFLICT, 'De vragenlijst is intussen veranderd. Open hem opnieuw en vul hem nog een keer in.');
    const questionnaire = (await loadQuestionnaire(trx, campaign.questionnaireVersionId))!;
    if (input.linked && !(questionnaire.asksToLink && viewer.kind === 'participant')) throw badInput('Deze vragenlijst is anoniem: je antwoorden worden niet aan jou gekoppeld.');
    const byId = new Map(questionnaire.questions.map((q) => [q.id, q]));
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    input.answers.forEach((answer, i) => {
      const question = byId.get(answer.questionId);
      const problem = question && answerProblem(question, answer.value);
      const message = !question ? 'Deze vraag hoort niet bij de vragenlijst.' : seen.has(answer.questionId) ? 'Deze vraag is twee keer beantwoord.' : problem ? problemWords(problem) : null;
      seen.add(answer.questionId);
      if (message) problems.push({ path: ['input', 'answers', String(i), 'value'], message });
    });
    if (problems.length > 0) throw badInput(problems[0]!.message, { fields: problems });
    if (input.answers.length === 0) throw badInput('Beantwoord minstens één vraag.');
    if (viewer.kind === 'participant') {
      if (await repo.hasAnswered(trx, campaign.id, viewer.participantId)) throw new DomainError(ErrorCode.CONFLICT, 'Je hebt deze vragenlijst al ingevuld. Dank je wel!');
      await repo.recordParticipation(trx, campaign.id, viewer.participantId);
    }
    const id = channel === 'APP' ? randomUUID() : input.id;
    await repo.insertResponse(
      trx,
      { id, campaign_id: campaign.id, version_id: questionnaire.id, channel, participant_id: input.linked && viewer.kind === 'participant' ? viewer.participantId : null, received_on: todayInNetherlands(now) },
      input.answers.map((a) => ({ response_id: id, question_id: a.questionId, value: typeof a.value === 'number' ? String(a.value) : a.value.trim() })),
    );
    return { id };
  });
}

/** Whether this participant answered their campaign's questionnaire. */
export async function hasAnswered(db: DbOrTrx, viewer: Viewer, campaignId: string): Promise<boolean> {
  return viewer.kind === 'participant' && viewer.campaignId === campaignId && repo.hasAnswered(db, campaignId, viewer.participantId);
}

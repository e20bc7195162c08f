/** Every SQL statement of the questionnaire module (questions, responses, answers, who answered). */
import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import { escapeLike } from '../../db/escape-like.js';
import type { QuestionnaireAnswerRow, QuestionnaireQuestionRow, QuestionnaireResponseRow } from './questionnaire.table.js';

export async function insertQuestions(db: DbOrTrx, rows: QuestionnaireQuestionRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('questionnaire_question').values(rows).execute();
}

export async function questionsOf(db: DbOrTrx, versionIds: readonly string[]): Promise<QuestionnaireQuestionRow[]> {
  if (versionIds.length === 0) return [];
  return db.selectFrom('questionnaire_question').selectAll().where('version_id', 'in', versionIds).orderBy('position').execute();
}

/** A questionnaire version with its template's name; undefined when the version is not a questionnaire's. */
export async function findQuestionnaireVersion(db: DbOrTrx, versionId: string) {
  return db
    .selectFrom('checklist_version as v')
    .innerJoin('checklist_template as t', 't.id', 'v.template_id')
    .select(['v.id', 'v.template_id', 'v.version', 'v.created_at', 'v.asks_to_link', 't.name'])
    .where('v.id', '=', versionId)
    .where('t.purpose', '=', 'QUESTIONNAIRE')
    .executeTakeFirst();
}

export async function setCampaignQuestionnaire(db: DbOrTrx, campaignId: string, versionId: string | null): Promise<void> {
  await db.updateTable('campaign').set({ questionnaire_version_id: versionId }).where('id', '=', campaignId).execute();
}

export async function findResponse(db: DbOrTrx, id: string): Promise<QuestionnaireResponseRow | undefined> {
  return db.selectFrom('questionnaire_response').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertResponse(db: DbOrTrx, response: QuestionnaireResponseRow, answers: QuestionnaireAnswerRow[]): Promise<void> {
  await db.insertInto('questionnaire_response').values(response).execute();
  if (answers.length > 0) await db.insertInto('questionnaire_answer').values(answers).execute();
}

export async function hasAnswered(db: DbOrTrx, campaignId: string, participantId: string): Promise<boolean> {
  return (await db.selectFrom('questionnaire_participation').select('participant_id').where('campaign_id', '=', campaignId).where('participant_id', '=', participantId).executeTakeFirst()) !== undefined;
}

export async function recordParticipation(db: DbOrTrx, campaignId: string, participantId: string): Promise<void> {
  await db.insertInto('questionnaire_participation').values({ campaign_id: campaignId, participant_id: participantId }).execute();
}

export async function responseCount(db: DbOrTrx, campaignId: string): Promise<number> {
  const row = await db.selectFrom('questionnaire_response').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', campaignId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Responses per channel of a campaign. */
export async function responsesByChannel(db: DbOrTrx, campaignId: string): Promise<{ channel: string; count: number }[]> {
  const rows = await db.selectFrom('questionnaire_response').select(['channel', (eb) => eb.fn.countAll<number>().as('n')]).where('campaign_id', '=', campaignId).groupBy('channel').execute();
  return rows.map((r) => ({ channel: r.channel, count: Number(r.n) }));
}

/** How often each value was given per question of these versions (the open texts too: the caller leaves those out). */
export async function answerCounts(db: DbOrTrx, campaignId: string): Promise<{ question_id: string; value: string; count: number }[]> {
  const rows = await db
    .selectFrom('questionnaire_answer as a')
    .innerJoin('questionnaire_response as r', 'r.id', 'a.response_id')
    .innerJoin('questionnaire_question as q', 'q.id', 'a.question_id')
    .select(['a.question_id', 'a.value', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.campaign_id', '=', campaignId)
    .where('q.type', '!=', 'TEXT')
    .groupBy(['a.question_id', 'a.value'])
    .execute();
  return rows.map((r) => ({ question_id: r.question_id, value: r.value, count: Number(r.n) }));
}

/** How many responses answered each question of a campaign. */
export async function answeredPerQuestion(db: DbOrTrx, campaignId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('questionnaire_answer as a')
    .innerJoin('questionnaire_response as r', 'r.id', 'a.response_id')
    .select(['a.question_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.campaign_id', '=', campaignId)
    .groupBy('a.question_id')
    .execute();
  return new Map(rows.map((r) => [r.question_id, Number(r.n)]));
}

/** The answers to one question of a campaign, only those containing `search` when given. */
function answersTo(db: DbOrTrx, campaignId: string, questionId: string, search: string | null) {
  const query = db
    .selectFrom('questionnaire_answer as a')
    .innerJoin('questionnaire_response as r', 'r.id', 'a.response_id')
    .where('r.campaign_id', '=', campaignId)
    .where('a.question_id', '=', questionId);
  // A plain substring test, on SQLite and PostgreSQL alike: like on lower() with the
  // searched text's own wildcards escaped (instr, which needs no escaping, is SQLite's only).
  return search ? query.where(sql<boolean>`lower(a.value) like ${`%${escapeLike(search.toLowerCase())}%`} escape '\\'`) : query;
}

/** Open answers to one TEXT question of a campaign, newest day first, optionally only those containing `search`. */
export async function textAnswers(db: DbOrTrx, campaignId: string, questionId: string, search: string | null, limit: number) {
  // Within a day in key order (random for app responses): arrival order is not kept.
  return answersTo(db, campaignId, questionId, search).select(['a.value', 'r.received_on']).orderBy('r.received_on', 'desc').orderBy('r.id').limit(limit).execute();
}

/** How many open answers to one TEXT question of a campaign contain `search` (all of them without one). */
export async function textAnswerCount(db: DbOrTrx, campaignId: string, questionId: string, search: string | null): Promise<number> {
  const row = await answersTo(db, campaignId, questionId, search).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every response of a campaign with its answers, oldest first: the CSV export. */
export async function responsesWithAnswers(db: DbOrTrx, campaignId: string) {
  const responses = await db.selectFrom('questionnaire_response').select(['id', 'channel', 'received_on', 'participant_id']).where('campaign_id', '=', campaignId).orderBy('received_on').orderBy('id').execute();
  const answers = await db
    .selectFrom('questionnaire_answer as a')
    .innerJoin('questionnaire_response as r', 'r.id', 'a.response_id')
    .select(['a.response_id', 'a.question_id', 'a.value'])
    .where('r.campaign_id', '=', campaignId)
    .execute();
  return { responses, answers };
}

/** Forgets which participants linked their answers (retention, or a person erasing their data); the answers stay, anonymous. */
export async function unlinkResponses(db: DbOrTrx, where: { campaignId: string } | { participantId: string }): Promise<void> {
  const query = db.updateTable('questionnaire_response').set({ participant_id: null });
  await ('campaignId' in where ? query.where('campaign_id', '=', where.campaignId) : query.where('participant_id', '=', where.participantId)).execute();
}

/** The first date a participant took part in, from the sign-up they joined with: its earliest confirmed date. */
export async function firstSignedUpDay(db: DbOrTrx, campaignId: string, participantId: string): Promise<string | null> {
  const row = await db
    .selectFrom('signup as s')
    .innerJoin('signup_day as sd', 'sd.signup_id', 's.id')
    .innerJoin('campaign_day as d', 'd.id', 'sd.day_id')
    .select((eb) => eb.fn.min('d.date').as('first'))
    .where('s.campaign_id', '=', campaignId)
    .where('s.participant_id', '=', participantId)
    .where('s.cancelled_at', 'is', null)
    .where('sd.status', '=', 'CONFIRMED')
    .executeTakeFirst();
  return (row?.first as string | null | undefined) ?? null;
}

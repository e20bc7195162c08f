/**
 * What a campaign's questionnaire brought in, for its coordinators: per question how often
 * each answer was given (the 1–5 scale, yes/no, the choices; for numbers also the median,
 * lowest and highest), the open answers (searchable), and the response rate against the
 * campaign's participants. Responses by the public link come from people without the app,
 * who are not participants: they are counted beside the rate, not in it.
 */
import { SCALE_VALUES, YES_NO_VALUES } from '@buurtkracht/protocol/questionnaire';
import type { Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import { requireManagedCampaign, type Campaign } from '../campaign/campaign.service.js';
import { countParticipants } from '../participant/participant.repo.js';
import { lowerMedianOf } from './lower-median.js';
import * as repo from './questionnaire.repo.js';
import { loadQuestionnaire, type Question, type Questionnaire } from './questionnaire.service.js';

/** The most open answers one view lists; a search narrows them down. */
export const MAX_TEXT_ANSWERS = 500;

export interface QuestionResult {
  question: Question;
  /** How many responses answered this question. */
  answered: number;
  /** Each possible answer with its count, in the order of the question (empty for numbers and open text). */
  distribution: { value: string; count: number }[];
  /** SCALE and NUMBER: the median (the lower middle for an even count); null otherwise or without answers. */
  median: number | null;
  /** NUMBER: the lowest and highest; null otherwise or without answers. */
  numbers: { min: number; max: number } | null;
  /** TEXT: how many open answers match the search (all without one). */
  textMatches: number;
  /** TEXT: the open answers, newest day first (at most MAX_TEXT_ANSWERS per question, only those matching the search). */
  texts: { text: string; receivedOn: string }[];
}

export interface QuestionnaireResults {
  questionnaire: Questionnaire;
  participants: number;
  appResponses: number;
  linkResponses: number;
  /** App responses per participant (0–1); null without participants. */
  responseRate: number | null;
  questions: QuestionResult[];
}

const possibleValues = (q: Question): string[] =>
  q.type === 'SCALE' ? SCALE_VALUES.map(String) : q.type === 'YES_NO' ? [...YES_NO_VALUES] : q.type === 'CHOICE' ? q.choices : [];

function lowestAndHighest(counts: { value: number; count: number }[]): QuestionResult['numbers'] {
  const given = counts.filter((c) => c.count > 0).map((c) => c.value);
  return given.length === 0 ? null : { min: Math.min(...given), max: Math.max(...given) };
}

export async function questionnaireResults(db: DbOrTrx, viewer: Viewer, campaign: Campaign, search: string | null): Promise<QuestionnaireResults | null> {
  await requireManagedCampaign(db, viewer, campaign.id);
  if (!campaign.questionnaireVersionId) return null;
  const questionnaire = (await loadQuestionnaire(db, campaign.questionnaireVersionId))!;
  const wanted = search?.trim() || null;
  const [participants, channels, answered, counts, texts] = await Promise.all([
    countParticipants(db, campaign.id),
    repo.responsesByChannel(db, campaign.id),
    repo.answeredPerQuestion(db, campaign.id),
    repo.answerCounts(db, campaign.id),
    // One query per open question: a limit over all of them could leave one question without any.
    Promise.all(
      questionnaire.questions
        .filter((q) => q.type === 'TEXT')
        .map(async (q) => [q.id, { shown: await repo.textAnswers(db, campaign.id, q.id, wanted, MAX_TEXT_ANSWERS), matches: await repo.textAnswerCount(db, campaign.id, q.id, wanted) }] as const),
    ).then((pairs) => new Map(pairs)),
  ]);
  const appResponses = channels.find((c) => c.channel === 'APP')?.count ?? 0;
  const linkResponses = channels.find((c) => c.channel === 'LINK')?.count ?? 0;
  return {
    questionnaire,
    participants,
    appResponses,
    linkResponses,
    responseRate: participants > 0 ? appResponses / participants : null,
    questions: questionnaire.questions.map((question) => {
      const mine = counts.filter((c) => c.question_id === question.id);
      const numeric = question.type === 'SCALE' || question.type === 'NUMBER' ? mine.map((c) => ({ value: Number(c.value), count: c.count })) : [];
      const text = texts.get(question.id);
      return {
        question,
        answered: answered.get(question.id) ?? 0,
        distribution: possibleValues(question).map((value) => ({ value, count: mine.find((c) => c.value === value)?.count ?? 0 })),
        median: lowerMedianOf(numeric),
        numbers: question.type === 'NUMBER' ? lowestAndHighest(numeric) : null,
        textMatches: text?.matches ?? 0,
        texts: (text?.shown ?? []).map((t) => ({ text: t.value, receivedOn: t.received_on })),
      };
    }),
  };
}

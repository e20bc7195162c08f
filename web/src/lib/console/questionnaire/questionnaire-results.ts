/**
 * How the console says what a questionnaire brought in: the response rate in words (the
 * server's responseRate), each answer of a question with its count and share, in the
 * question's own order and words (the scale's from lib/questionnaire/scale.ts, yes/no the
 * editor's), how many open answers are shown of how many, when the questionnaire opens,
 * and where its CSV is. The server counts; this only words and divides.
 */
import { scaleLabel, isScaleValue, type ScaleValue } from '$lib/questionnaire/scale';
import { YES_NO_WORDS } from '$lib/console/checklist-draft';
import { dutchNumber } from '$lib/console/dutch-number';
import type { QuestionnaireResults, QuestionResult } from '$lib/graphql/console/questionnaire-operations';

export type Question = QuestionResult['question'];

/** A whole percentage of `part` in `whole`; 0 when there is no whole. */
export const percent = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 100) : 0);

const count = (n: number, one: string, more: string) => `${dutchNumber(n)} ${n === 1 ? one : more}`;

/** "1 open antwoord", "12 open antwoorden". */
export const openAnswers = (n: number): string => count(n, 'open antwoord', 'open antwoorden');

/** "12 van 40 deelnemers (30%)", and beside it "3 via de openbare link" (those are not participants). */
export function responseRateText(results: Pick<QuestionnaireResults, 'participants' | 'appResponses' | 'linkResponses' | 'responseRate'>): { app: string; link: string | null } {
  const app =
    results.participants > 0
      ? `${dutchNumber(results.appResponses)} van ${count(results.participants, 'deelnemer', 'deelnemers')} (${Math.round((results.responseRate ?? 0) * 100)}%)`
      : results.appResponses > 0
        ? `${count(results.appResponses, 'antwoord', 'antwoorden')} in de app`
        : 'Nog geen deelnemers in de app';
  return { app, link: results.linkResponses > 0 ? `${dutchNumber(results.linkResponses)} via de openbare link` : null };
}

export const totalResponses = (results: Pick<QuestionnaireResults, 'appResponses' | 'linkResponses'>): number => results.appResponses + results.linkResponses;

export interface AnswerRow {
  value: string;
  /** How the answer reads: "4 – Tevreden", "Ja", a choice as typed. */
  label: string;
  /** SCALE: the step, for its face. */
  scale: ScaleValue | null;
  count: number;
  /** Whole percentage of the responses that answered this question. */
  share: number;
}

/** How an answer reads: the scale's step with its word, yes/no in words, a choice as typed. */
export function answerLabel(question: Pick<Question, 'type'>, value: string | number): string {
  if (question.type === 'SCALE') return scaleLabel(value);
  if (question.type === 'YES_NO') return YES_NO_WORDS[value as keyof typeof YES_NO_WORDS] ?? String(value);
  return String(value);
}

/** Each possible answer of a SCALE, YES_NO or CHOICE question with its count, in the question's order. */
export function answerRows(question: Pick<Question, 'type'>, result: Pick<QuestionResult, 'answered' | 'distribution'>): AnswerRow[] {
  return result.distribution.map(({ value, count }) => {
    const step = Number(value);
    const scale = question.type === 'SCALE' && isScaleValue(step) ? step : null;
    return { value, label: answerLabel(question, value), scale, count, share: percent(count, result.answered) };
  });
}

/**
 * TEXT: how many of the matching open answers the list shows, when not all ("500 van 812
 * getoond"); null when it shows them all. The server lists at most 500, newest day first.
 */
export function shownOfMatches(result: Pick<QuestionResult, 'texts' | 'textMatches'>): string | null {
  return result.texts.length < result.textMatches ? `${dutchNumber(result.texts.length)} van ${dutchNumber(result.textMatches)} getoond` : null;
}

/** Today's date in the Netherlands (YYYY-MM-DD), the day the server counts in. */
export const dutchToday = (at: Date = new Date()): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(at);

/** Whether the questionnaire's first day (YYYY-MM-DD) has come. */
export const hasOpened = (opensOn: string, today: string = dutchToday()): boolean => opensOn <= today;

/** The questionnaire's CSV (every response, a column per question); "semicolon" is for Dutch Excel. */
export const questionnaireCsvHref = (campaignId: string, separator: 'semicolon' | 'comma'): string =>
  `/exports/campaigns/${campaignId}/questionnaire.csv${separator === 'semicolon' ? '?separator=semicolon' : ''}`;

/**
 * The printed report shows the first `shown` open answers of a question; this says how many
 * more there are and where they all are: the page Vragenlijst lists up to 500, the CSV all.
 * Null when none are left out.
 */
export function moreOpenAnswersText(result: Pick<QuestionResult, 'texts' | 'textMatches'>, shown: number): string | null {
  const rest = result.textMatches - shown;
  if (rest <= 0) return null;
  if (result.texts.length >= result.textMatches) return `En nog ${openAnswers(rest)}; ${rest === 1 ? 'dat staat' : 'ze staan allemaal'} op de pagina Vragenlijst van de campagne.`;
  return `En nog ${openAnswers(rest)}. De pagina Vragenlijst van de campagne toont de nieuwste ${dutchNumber(result.texts.length)}; alle ${dutchNumber(result.textMatches)} staan in de CSV van de vragenlijst.`;
}

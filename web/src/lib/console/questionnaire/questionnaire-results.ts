/**
 * How the console says what a questionnaire brought in: the response rate in words, and
 * each answer of a question with its count and share, in the question's own order and
 * words (the scale's steps with their words from lib/questionnaire/scale.ts). The server
 * counts; this only words and divides.
 */
import { isScaleValue, SCALE_WORDS, type ScaleValue } from '$lib/questionnaire/scale';
import type { QuestionnaireResults, QuestionResult } from '$lib/graphql/console/questionnaire-operations';

export type Question = QuestionResult['question'];

/** A whole percentage of `part` in `whole`; 0 when there is no whole. */
export const percent = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 100) : 0);

const count = (n: number, one: string, more: string) => `${n.toLocaleString('nl-NL')} ${n === 1 ? one : more}`;

/** "12 van 40 deelnemers (30%)", and beside it "3 via de openbare link" (those are not participants). */
export function responseRateText(results: Pick<QuestionnaireResults, 'participants' | 'appResponses' | 'linkResponses'>): { app: string; link: string | null } {
  const app =
    results.participants > 0
      ? `${results.appResponses.toLocaleString('nl-NL')} van ${count(results.participants, 'deelnemer', 'deelnemers')} (${percent(results.appResponses, results.participants)}%)`
      : results.appResponses > 0
        ? `${count(results.appResponses, 'antwoord', 'antwoorden')} in de app`
        : 'Nog geen deelnemers in de app';
  return { app, link: results.linkResponses > 0 ? `${results.linkResponses.toLocaleString('nl-NL')} via de openbare link` : null };
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

const YES_NO_WORDS: Record<string, string> = { JA: 'Ja', NEE: 'Nee' };

/** Each possible answer of a SCALE, YES_NO or CHOICE question with its count, in the question's order. */
export function answerRows(question: Pick<Question, 'type'>, result: Pick<QuestionResult, 'answered' | 'distribution'>): AnswerRow[] {
  return result.distribution.map(({ value, count }) => {
    const step = Number(value);
    const scale = question.type === 'SCALE' && isScaleValue(step) ? step : null;
    const label = scale !== null ? `${scale} – ${SCALE_WORDS.nl[scale]}` : question.type === 'YES_NO' ? (YES_NO_WORDS[value] ?? value) : value;
    return { value, label, scale, count, share: percent(count, result.answered) };
  });
}

/**
 * The middle answer on the 1–5 scale (the lower middle for an even count, the rule of the
 * schouw scores), or null without answers.
 */
export function scaleMiddle(distribution: readonly { value: string; count: number }[]): ScaleValue | null {
  const total = distribution.reduce((n, d) => n + d.count, 0);
  if (total === 0) return null;
  const position = Math.floor((total - 1) / 2);
  let seen = 0;
  for (const d of [...distribution].sort((a, b) => Number(a.value) - Number(b.value))) {
    seen += d.count;
    const step = Number(d.value);
    if (seen > position && isScaleValue(step)) return step;
  }
  return null;
}

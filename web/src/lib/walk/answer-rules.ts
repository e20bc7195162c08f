/**
 * Rules of a checklist answer on the phone, kept out of the components so they can be
 * tested without a browser: what a number or text field may hold (the server checks the
 * same limits, @buurtkracht/protocol/input-limits, in observation.service.ts checkAnswer),
 * which answers ask for follow-up, and how an answer reads back to the walker.
 */
import { MAX_NUMBER_ANSWER, MAX_TEXT } from '@buurtkracht/protocol/input-limits';
import type { MessageKey } from '$lib/i18n/nl';

/** Ratings that always ask whether someone should do something (CROW: matig, slecht). */
export const SIGNAL_RATINGS: readonly string[] = ['C', 'D'];

export interface AnswerValue {
  rating?: string | null;
  answer?: string | null;
}

export type Checked = { ok: true; answer: string } | { ok: false; problem: MessageKey };

/**
 * A count as typed: a whole number 0..MAX_NUMBER_ANSWER, digits only ("12", " 12 "); no sign,
 * comma, point or exponent. The answer is sent as digits without leading zeros.
 */
export function checkCount(typed: string): Checked {
  const value = typed.trim();
  if (value === '') return { ok: false, problem: 'spot.countEmpty' };
  if (!/^\d+$/.test(value)) return { ok: false, problem: 'spot.countWhole' };
  const count = Number(value);
  if (count > MAX_NUMBER_ANSWER) return { ok: false, problem: 'spot.countTooHigh' };
  return { ok: true, answer: String(count) };
}

/** A text answer: something, and at most MAX_TEXT characters (after trimming, as the server counts). */
export function checkText(typed: string): Checked {
  const value = typed.trim();
  if (value === '') return { ok: false, problem: 'spot.textEmpty' };
  if (value.length > MAX_TEXT) return { ok: false, problem: 'spot.textTooLong' };
  return { ok: true, answer: value };
}

/**
 * Whether an answer asks "Moet hier iemand iets aan doen?": a C or D rating always, any
 * other answer when the checklist lists it as signalling for the item. A snapshot kept
 * by an older app version has no signalAnswers: then only ratings ask.
 */
export function asksFollowUp(item: { signalAnswers?: readonly string[] | null }, value: AnswerValue | null): boolean {
  if (!value) return false;
  if (value.rating) return SIGNAL_RATINGS.includes(value.rating);
  return !!value.answer && (item.signalAnswers ?? []).includes(value.answer);
}

/** The answer in the walker's words: "Matig (C)", "Ja", "3", a choice or the text. */
export function answerWords(value: AnswerValue | null, t: (key: MessageKey) => string): string | null {
  if (!value) return null;
  if (value.rating) return t(`rating.${value.rating}` as MessageKey);
  if (value.answer === 'JA') return t('answer.yes');
  if (value.answer === 'NEE') return t('answer.no');
  return value.answer ?? null;
}

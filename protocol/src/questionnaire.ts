/**
 * Questionnaires (vragenlijsten) after an activity: the question types, the 1–5 scale and
 * how an answer is written. Shared because the field app and the public form check an
 * answer before it is stored on the phone or sent, and the server refuses anything else.
 */
import { MAX_NUMBER_ANSWER, MAX_TEXT } from '@buurtkracht/protocol/input-limits';

/** SCALE: 1 (very dissatisfied) … 5 (very satisfied), shown as five faces with words. */
export const QUESTION_TYPES = ['SCALE', 'YES_NO', 'CHOICE', 'NUMBER', 'TEXT'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const SCALE_VALUES = [1, 2, 3, 4, 5] as const;
export const YES_NO_VALUES = ['JA', 'NEE'] as const;

/** Most questions in one questionnaire: a short form people finish. */
export const MAX_QUESTIONS = 40;
export const MAX_CHOICES = 20;

export interface QuestionRule {
  type: QuestionType;
  choices: readonly string[];
}

/** An answer as stored and sent: a number for SCALE and NUMBER, text for the others. */
export type AnswerValue = string | number;

/**
 * What is wrong with an answer, as a code: the field app and the public form say it in the
 * person's language, the server in Dutch (the words of web/src/lib/i18n/*-questionnaire.ts).
 */
export type AnswerProblem = 'PICK_FACE' | 'WHOLE_NUMBER' | 'YES_OR_NO' | 'PICK_CHOICE' | 'TOO_LONG';

/** The limit a problem's message names ({max}), if any. */
export const problemLimit = (problem: AnswerProblem): number | null => (problem === 'WHOLE_NUMBER' ? MAX_NUMBER_ANSWER : problem === 'TOO_LONG' ? MAX_TEXT : null);

/** Why this value cannot be the answer to this question, or null when it can. An empty text is no answer: leave the question out instead. */
export function answerProblem(question: QuestionRule, value: AnswerValue): AnswerProblem | null {
  switch (question.type) {
    case 'SCALE':
      return typeof value === 'number' && (SCALE_VALUES as readonly number[]).includes(value) ? null : 'PICK_FACE';
    case 'NUMBER':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_NUMBER_ANSWER ? null : 'WHOLE_NUMBER';
    case 'YES_NO':
      return value === 'JA' || value === 'NEE' ? null : 'YES_OR_NO';
    case 'CHOICE':
      return typeof value === 'string' && question.choices.includes(value) ? null : 'PICK_CHOICE';
    case 'TEXT':
      return typeof value === 'string' && value.trim().length > 0 && value.length <= MAX_TEXT ? null : 'TOO_LONG';
  }
}

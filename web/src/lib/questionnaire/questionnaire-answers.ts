/**
 * The questionnaire as a person fills it in, on the phone (app) or in the public form: when
 * a joined activity's questionnaire may be answered, and the answers to send with what is
 * wrong with each, checked with the protocol's rule (the server checks the same).
 */
import { answerProblem, type AnswerProblem, type AnswerValue, type QuestionType } from '@buurtkracht/protocol/questionnaire';

export interface FormQuestion {
  id: string;
  type: QuestionType;
  choices: readonly string[];
}

/** What the person entered per question id: a number or text, '' or absent when skipped. */
export type Entered = Record<string, string | number | null | undefined>;

/** The answers to send (skipped questions left out) and the problem per question id (a code: the form says it in the person's language). */
export function collectAnswers(questions: readonly FormQuestion[], entered: Entered): { answers: { questionId: string; value: AnswerValue }[]; problems: Record<string, AnswerProblem> } {
  const answers: { questionId: string; value: AnswerValue }[] = [];
  const problems: Record<string, AnswerProblem> = {};
  for (const question of questions) {
    const raw = entered[question.id];
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) continue;
    // A number field gives text as typed ("12", "1,5"): it must be a whole number.
    const value: AnswerValue = question.type === 'NUMBER' || question.type === 'SCALE' ? (typeof raw === 'number' ? raw : /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN) : String(raw);
    const problem = answerProblem(question, value);
    if (problem) problems[question.id] = problem;
    else answers.push({ questionId: question.id, value: typeof value === 'string' ? value.trim() : value });
  }
  return { answers, problems };
}

export interface CampaignWithQuestionnaire {
  status: string;
  questionnaire?: { id: string } | null;
  questionnaireOpensOn?: string | null;
  myQuestionnaireAnswered?: boolean | null;
}

/**
 * Whether a joined activity offers its questionnaire on this phone today (YYYY-MM-DD, the
 * phone's own date): there is one, the campaign is open, its first day has come, and this
 * person did not answer it yet (the server says so, or this phone holds their answers).
 */
export const offersQuestionnaire = (campaign: CampaignWithQuestionnaire, today: string, answeredHere: boolean): boolean =>
  !!campaign.questionnaire &&
  campaign.status === 'OPEN' &&
  !!campaign.questionnaireOpensOn &&
  campaign.questionnaireOpensOn <= today &&
  campaign.myQuestionnaireAnswered === false &&
  !answeredHere;

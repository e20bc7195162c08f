/**
 * Table shapes of questionnaires: the questions of a questionnaire version (the version and
 * its template are checklist_version and checklist_template with purpose QUESTIONNAIRE),
 * the responses with their answers, and who answered (apart from what they answered).
 */
import type { QuestionType } from '@buurtkracht/protocol/questionnaire';
import type { Selectable } from 'kysely';

export interface QuestionnaireQuestionTable {
  id: string;
  version_id: string;
  position: number;
  prompt: string;
  help: string | null;
  type: QuestionType;
  /** JSON string[]: the options of a CHOICE question. */
  choices: string;
}

export type ResponseChannel = 'APP' | 'LINK';

export interface QuestionnaireResponseTable {
  id: string;
  campaign_id: string;
  version_id: string;
  channel: ResponseChannel;
  /** Only when the questionnaire asks to link answers and the person agreed. */
  participant_id: string | null;
  /** YYYY-MM-DD, the Dutch date it arrived (no time: see the migration). */
  received_on: string;
}

export interface QuestionnaireAnswerTable {
  response_id: string;
  question_id: string;
  /** A number (SCALE, NUMBER) as its digits, or the text (YES_NO, CHOICE, TEXT). */
  value: string;
}

/** That a participant answered a campaign's questionnaire; not which response is theirs. */
export interface QuestionnaireParticipationTable {
  campaign_id: string;
  participant_id: string;
}

export type QuestionnaireQuestionRow = Selectable<QuestionnaireQuestionTable>;
export type QuestionnaireResponseRow = Selectable<QuestionnaireResponseTable>;
export type QuestionnaireAnswerRow = Selectable<QuestionnaireAnswerTable>;

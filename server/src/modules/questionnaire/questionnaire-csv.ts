/**
 * questionnaire.csv: every response to a campaign's questionnaire, one row each, a column
 * per question, for its coordinators (the export is written to the audit log as the other
 * campaign exports are). For people: "App" or "Openbare link", the scale and yes/no in
 * words; raw: codes. Only the date a response arrived is kept (see the migration). A response names its participant only when they
 * agreed to link it (and not after the data was erased).
 */
import type { Viewer } from '../../auth/viewer.js';
import type { Db } from '../../db/database.js';
import { answerWord, scaleWord } from '../export/dutch-words.js';
import { csvOf, managedCampaign, type CsvOptions } from '../export/export.service.js';
import { findParticipantsByIds } from '../participant/participant.repo.js';
import * as repo from './questionnaire.repo.js';
import { loadQuestionnaire, type Question } from './questionnaire.service.js';

const CHANNEL_WORDS: Record<string, string> = { APP: 'App', LINK: 'Openbare link' };

function cell(question: Question, value: string | undefined, people: boolean): string | number | null {
  if (value === undefined) return null;
  if (question.type === 'NUMBER' || (question.type === 'SCALE' && !people)) return Number(value);
  if (!people) return value;
  return question.type === 'SCALE' ? scaleWord(value) : question.type === 'YES_NO' ? answerWord(value) : value;
}

export async function exportQuestionnaireCsv(db: Db, viewer: Viewer, campaignId: string, options: CsvOptions, requestId: string): Promise<string> {
  const campaign = await managedCampaign(db, viewer, campaignId, 'questionnaire.csv', requestId);
  const questionnaire = campaign.questionnaireVersionId ? await loadQuestionnaire(db, campaign.questionnaireVersionId) : null;
  const questions = questionnaire?.questions ?? [];
  const { responses, answers } = await repo.responsesWithAnswers(db, campaign.id);
  const byResponse = new Map<string, Map<string, string>>();
  for (const a of answers) {
    if (!byResponse.has(a.response_id)) byResponse.set(a.response_id, new Map());
    byResponse.get(a.response_id)!.set(a.question_id, a.value);
  }
  const linked = new Map((await findParticipantsByIds(db, responses.flatMap((r) => (r.participant_id ? [r.participant_id] : [])))).map((p) => [p.id, p]));
  const people = options.format === 'people';
  const header = people ? ['Ontvangen op (datum)', 'Via', 'Deelnemer (gekoppeld met toestemming)', ...questions.map((q) => q.prompt)] : ['id', 'ontvangen_op', 'kanaal', 'deelnemer_id', ...questions.map((q) => q.id)];
  const rows = responses.map((r) => {
    const given = byResponse.get(r.id) ?? new Map<string, string>();
    const participant = r.participant_id ? linked.get(r.participant_id) : undefined;
    const head = people
      ? [r.received_on, CHANNEL_WORDS[r.channel] ?? r.channel, participant && !participant.erased_at ? participant.display_name : null]
      : [r.id, r.received_on, r.channel, r.participant_id];
    return [...head, ...questions.map((q) => cell(q, given.get(q.id), people))];
  });
  return csvOf(options, header, rows);
}

/** The public questionnaire form: the questions of a campaign's questionnaire, and answering without the app. */
import { graphql, type ResultOf } from './graphql.js';

export const PUBLIC_QUESTIONNAIRE = graphql(`query PublicQuestionnaire($campaignId: ID!) {
  publicQuestionnaire(campaignId: $campaignId) {
    campaignName campaignKind open opensOn
    questionnaire { id name questions { id prompt help type choices } }
  }
}`);
export type PublicQuestionnaire = ResultOf<typeof PUBLIC_QUESTIONNAIRE>['publicQuestionnaire'];

export const ANSWER_QUESTIONNAIRE = graphql(`mutation AnswerQuestionnaire($input: AnswerQuestionnaireInput!) { answerQuestionnaire(input: $input) { id } }`);

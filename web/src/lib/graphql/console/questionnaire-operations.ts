/**
 * Questionnaires (vragenlijsten) in the console: the list and publishing (the checklist
 * editor's questionnaire mode), the campaign's choice of one, and what it brought in.
 */
import { graphql, type ResultOf } from '../graphql.js';

const QUESTIONNAIRE_VERSION = graphql(`fragment ConsoleQuestionnaire on Questionnaire {
  id name version createdAt asksToLink questions { id prompt help type choices }
}`);

export const QUESTIONNAIRE_TEMPLATES = graphql(
  `query QuestionnaireTemplates($after: String) { questionnaireTemplates(first: 20, after: $after) {
    edges { node { id name latestVersion { ...ConsoleQuestionnaire } } }
    pageInfo { hasNextPage endCursor }
  } }`,
  [QUESTIONNAIRE_VERSION],
);
export type QuestionnaireTemplate = ResultOf<typeof QUESTIONNAIRE_TEMPLATES>['questionnaireTemplates']['edges'][number]['node'];
export type QuestionnaireVersion = QuestionnaireTemplate['latestVersion'];

export const PUBLISH_QUESTIONNAIRE = graphql(`mutation PublishQuestionnaire($input: PublishQuestionnaireInput!) { publishQuestionnaire(input: $input) { id version } }`);

export const CAMPAIGN_QUESTIONNAIRE = graphql(`query CampaignQuestionnaire($id: ID!) { campaign(id: $id) {
  id status questionnaire { id name version } questionnaireOpensOn questionnaireFixed
} }`);
export type CampaignQuestionnaireState = NonNullable<ResultOf<typeof CAMPAIGN_QUESTIONNAIRE>['campaign']>;

export const SET_CAMPAIGN_QUESTIONNAIRE = graphql(`mutation SetCampaignQuestionnaire($input: SetCampaignQuestionnaireInput!) { setCampaignQuestionnaire(input: $input) {
  id status questionnaire { id name version } questionnaireOpensOn questionnaireFixed
} }`);

export const QUESTIONNAIRE_RESULTS = graphql(`query QuestionnaireResults($id: ID!, $search: String) { campaign(id: $id) {
  id name status questionnaireOpensOn
  questionnaireResults(search: $search) {
    questionnaire { id name version asksToLink }
    participants appResponses linkResponses responseRate
    questions { question { id prompt help type choices } answered distribution { value count } median min max textMatches texts { text receivedOn } }
  }
} }`);
export type QuestionnaireResultsCampaign = NonNullable<ResultOf<typeof QUESTIONNAIRE_RESULTS>['campaign']>;
export type QuestionnaireResults = NonNullable<QuestionnaireResultsCampaign['questionnaireResults']>;
export type QuestionResult = QuestionnaireResults['questions'][number];

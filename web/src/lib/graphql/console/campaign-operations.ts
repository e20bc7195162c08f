/** Campaigns, their days and checklists, as the console reads and changes them. */
import { graphql, type ResultOf } from '../graphql.js';

const CAMPAIGN_SUMMARY = graphql(`fragment CampaignSummary on Campaign {
  id name kind status targetAreaM2 publicProgress days { id date label } neighbourhood { id name }
}`);

const CHECKLIST_ITEM = graphql(`fragment ConsoleChecklistItem on ChecklistItem { id prompt type choices spotTypes signalAnswers }`);

export const CAMPAIGNS = graphql(
  `query Campaigns($after: String) { campaigns(first: 100, after: $after) { edges { node { ...CampaignSummary } } pageInfo { hasNextPage endCursor } } }`,
  [CAMPAIGN_SUMMARY],
);

export const CAMPAIGN = graphql(
  `query Campaign($id: ID!) { campaign(id: $id) { ...CampaignSummary checklist { id version sections { id title theme items { ...ConsoleChecklistItem } } } } }`,
  [CAMPAIGN_SUMMARY, CHECKLIST_ITEM],
);

export type CampaignSummary = ResultOf<typeof CAMPAIGN_SUMMARY>;
export type CampaignDay = CampaignSummary['days'][number];
export type CampaignDetail = NonNullable<ResultOf<typeof CAMPAIGN>['campaign']>;
export type ChecklistVersion = NonNullable<CampaignDetail['checklist']>;
export type ChecklistSection = ChecklistVersion['sections'][number];
/** signalAnswers: answers after which the walk asks whether someone should act (ratings C and D always do). */
export type ChecklistItem = ResultOf<typeof CHECKLIST_ITEM> & { help?: string | null };

export const CREATE_CAMPAIGN = graphql(`mutation CreateCampaign($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`);
export const UPDATE_CAMPAIGN = graphql(`mutation UpdateCampaign($input: UpdateCampaignInput!) { updateCampaign(input: $input) { id } }`);
export const CHANGE_CAMPAIGN_STATUS = graphql(`mutation ChangeCampaignStatus($input: ChangeCampaignStatusInput!) { changeCampaignStatus(input: $input) { id status } }`);
export const REMOVE_CAMPAIGN_DAY = graphql(`mutation RemoveCampaignDay($id: ID!) { removeCampaignDay(dayId: $id) { id } }`);
export const ADD_CAMPAIGN_DAY = graphql(`mutation AddCampaignDay($input: AddCampaignDayInput!) { addCampaignDay(input: $input) { id } }`);

// One template per page: each carries its whole checklist, which the cost limit weighs heavily.
export const CHECKLIST_TEMPLATES = graphql(
  `query ChecklistTemplates($after: String) { checklistTemplates(first: 1, after: $after) {
    edges { node { id name latestVersion { id version createdAt sections { id title theme items { ...ConsoleChecklistItem help } } } } }
    pageInfo { hasNextPage endCursor }
  } }`,
  [CHECKLIST_ITEM],
);
export type ChecklistTemplate = ResultOf<typeof CHECKLIST_TEMPLATES>['checklistTemplates']['edges'][number]['node'];

export const PUBLISH_CHECKLIST = graphql(`mutation PublishChecklist($input: PublishChecklistInput!) { publishChecklist(input: $input) { id version } }`);

// Public schouw results: the switch on the campaign page.
export const CAMPAIGN_PUBLIC_RESULTS = graphql(`query CampaignPublicResults($id: ID!) { campaign(id: $id) { id publicResults } }`);

// Next year's campaign: the links between the years, and the copy (coordinators).
export const CAMPAIGN_YEARS = graphql(`query CampaignYears($id: ID!) { campaign(id: $id) { id copiedFrom { id name } nextYearCopy { id name } newerChecklist { id version } } }`);
export const COPY_CAMPAIGN = graphql(`mutation CopyCampaignForNextYear($input: CopyCampaignForNextYearInput!) { copyCampaignForNextYear(input: $input) { id name } }`);

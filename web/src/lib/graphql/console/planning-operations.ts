/**
 * Sign-ups as the coordinator plans with them: opening sign-up, capacity per date, the tool
 * stock, the planning of one date (who comes, the waiting list, tools, help, streets) and
 * the groenbedrijf's pickup list.
 */
import { graphql, type ResultOf, type VariablesOf } from '../graphql.js';

export const SIGNUP_SETTINGS = graphql(`query ConsoleSignupSettings($id: ID!) {
  campaign(id: $id) { id kind status signupOpen tools { id name stock } days { id date label capacity } }
}`);
export type SignupSettings = NonNullable<ResultOf<typeof SIGNUP_SETTINGS>['campaign']>;
// The poster asks only whether sign-up is open (the tools and their stock are not its business).
export const SIGNUP_STATE = graphql(`query ConsoleSignupState($id: ID!) { campaign(id: $id) { id status signupOpen } }`);
export type CampaignTool = SignupSettings['tools'][number];
export type CampaignToolInput = VariablesOf<typeof SAVE_CAMPAIGN_TOOLS>['tools'][number];

export const SET_SIGNUP_OPEN = graphql(`mutation ConsoleSetSignupOpen($campaignId: ID!, $open: Boolean!) {
  setSignupOpen(campaignId: $campaignId, open: $open) { id signupOpen }
}`);
export const SET_DAY_CAPACITY = graphql(`mutation ConsoleSetDayCapacity($dayId: ID!, $capacity: Int) {
  setCampaignDayCapacity(dayId: $dayId, capacity: $capacity) { id capacity }
}`);
export const SAVE_CAMPAIGN_TOOLS = graphql(`mutation ConsoleSaveCampaignTools($campaignId: ID!, $tools: [CampaignToolInput!]!) {
  saveCampaignTools(campaignId: $campaignId, tools: $tools) { id name stock }
}`);

const PLANNED_SIGNUP = graphql(`fragment ConsolePlannedSignup on PlannedSignup {
  id displayName contact walkerKind organisation needs street { id name } houseNumber estimateM2 estimateTiles
  tools { tool { id name } quantity } wantsHelp wantsPickup status waitingPosition signedUpAt joined
  otherDates { id date }
}`);

const DAY_PLANNING_FIELDS = graphql(
  `fragment ConsoleDayPlanning on DayPlanning {
    day { id date label } capacity confirmedCount waitingCount
    confirmed { ...ConsolePlannedSignup } waiting { ...ConsolePlannedSignup }
    tools { tool { id name stock } requested short }
    helpRequests pickupRequests
    streets { street { id name } signups lat lon }
  }`,
  [PLANNED_SIGNUP],
);

export const DAY_PLANNING = graphql(`query ConsoleDayPlanning($dayId: ID!) { dayPlanning(dayId: $dayId) { ...ConsoleDayPlanning } }`, [DAY_PLANNING_FIELDS]);
export const PROMOTE_SIGNUP = graphql(
  `mutation ConsolePromoteSignup($signupId: ID!, $dayId: ID!) { promoteSignup(signupId: $signupId, dayId: $dayId) { ...ConsoleDayPlanning } }`,
  [DAY_PLANNING_FIELDS],
);
// Answers only true: the planning reloads afterwards, as the removal can move someone up on any date.
export const REMOVE_SIGNUP = graphql(`mutation ConsoleRemoveSignup($signupId: ID!) { removeSignup(signupId: $signupId) }`);
export type DayPlanning = ResultOf<typeof DAY_PLANNING_FIELDS>;
export type PlannedSignup = ResultOf<typeof PLANNED_SIGNUP>;
export type ToolDemand = DayPlanning['tools'][number];
export type StreetSignups = DayPlanning['streets'][number];

export const PICKUP_LIST = graphql(`query ConsolePickupList($dayId: ID!) {
  pickupList(dayId: $dayId) { street { id name } houseNumber estimatedM2 countedM2 wantsPickup }
}`);
export type PickupRow = ResultOf<typeof PICKUP_LIST>['pickupList'][number];

/**
 * What a tegelwip or clean-up action counts (its units, each with an optional target), the
 * streets each action day is for ("iedere dag een andere straat"), and the HVC pickup list
 * of a clean-up day: as coordinators set them up and print them.
 */
import { graphql, type ResultOf, type VariablesOf } from '../graphql.js';

const CAMPAIGN_UNIT = graphql(`fragment ConsoleCampaignUnit on CampaignUnit { code areaCm2PerPiece measured target }`);

export const CAMPAIGN_UNITS = graphql(`query ConsoleCampaignUnits($id: ID!) { campaign(id: $id) { id kind status units { ...ConsoleCampaignUnit } } }`, [CAMPAIGN_UNIT]);
export type CampaignUnit = ResultOf<typeof CAMPAIGN_UNIT>;
export type CampaignUnitInput = VariablesOf<typeof SET_CAMPAIGN_UNITS>['units'][number];

export const SET_CAMPAIGN_UNITS = graphql(
  `mutation ConsoleSetCampaignUnits($campaignId: ID!, $units: [CampaignUnitInput!]!) {
    setCampaignUnits(campaignId: $campaignId, units: $units) { id units { ...ConsoleCampaignUnit } }
  }`,
  [CAMPAIGN_UNIT],
);

export const DAY_STREETS = graphql(`query ConsoleDayStreets($id: ID!) { campaign(id: $id) { id days { id date label streets { id name } } } }`);
export type DayWithStreets = NonNullable<ResultOf<typeof DAY_STREETS>['campaign']>['days'][number];

/** The streets of the campaign's neighbourhood a day can be for (read whole with fetchAll). */
export const CAMPAIGN_STREETS = graphql(`query ConsoleCampaignStreets($id: ID!, $after: String) {
  campaign(id: $id) { id neighbourhood { id streets(first: 100, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } } } }
}`);

export const SET_DAY_STREETS = graphql(`mutation ConsoleSetDayStreets($dayId: ID!, $streetIds: [ID!]!) {
  setCampaignDayStreets(dayId: $dayId, streetIds: $streetIds) { id streets { id name } }
}`);

export const HVC_PICKUP_LIST = graphql(`query ConsoleHvcPickupList($campaignId: ID!, $dayId: ID!) {
  hvcPickupList(campaignId: $campaignId, dayId: $dayId) { day { id date label } rows { streetId streetName houseNumber items { unit quantity } } }
}`);
export type HvcPickupRow = ResultOf<typeof HVC_PICKUP_LIST>['hvcPickupList']['rows'][number];

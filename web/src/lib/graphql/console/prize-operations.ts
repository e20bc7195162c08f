/**
 * The prizes of a campaign's closing event (/beheer/campagnes/[id]/prijzen and its big
 * screen): the server proposes the winners; the pages only show them.
 */
import { graphql, type ResultOf, type SchemaType } from '../graphql.js';

export const CAMPAIGN_PRIZES = graphql(`query CampaignPrizes($campaignId: ID!) { campaignPrizes(campaignId: $campaignId) {
  campaign { id name kind status }
  available
  prizes { category unit leftOut unknownReason winners { place tied name isPseudonym figure areaM2 } }
} }`);

export const SET_CAMPAIGN_PRIZES = graphql(`mutation SetCampaignPrizes($input: SetCampaignPrizesInput!) { setCampaignPrizes(input: $input) {
  available
  prizes { category unit leftOut unknownReason winners { place tied name isPseudonym figure areaM2 } }
} }`);

export type CampaignPrizes = ResultOf<typeof CAMPAIGN_PRIZES>['campaignPrizes'];
export type PrizeProposal = CampaignPrizes['prizes'][number];
export type PrizeWinner = PrizeProposal['winners'][number];
export type PrizeCategory = SchemaType<'PrizeCategory'>;

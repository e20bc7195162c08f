/** Table shape of the prize categories chosen per campaign (migrations/2026_12_01_1320_create_campaign_prizes.ts). */
import type { Selectable } from 'kysely';
import type { PrizeCategory } from './prize-categories.js';

export interface CampaignPrizeTable {
  campaign_id: string;
  category: PrizeCategory;
  chosen_at: string;
}

export type CampaignPrizeRow = Selectable<CampaignPrizeTable>;

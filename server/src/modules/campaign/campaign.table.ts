/** Table shape of campaigns (acties): a schouw or a tegelwip action in one neighbourhood. */
import type { Selectable } from 'kysely';

export type CampaignKind = 'SCHOUW' | 'TEGELWIPPEN';
export type CampaignStatus = 'DRAFT' | 'OPEN' | 'CLOSED';

export interface CampaignTable {
  id: string;
  neighbourhood_id: string;
  kind: CampaignKind;
  name: string;
  status: CampaignStatus;
  created_at: string;
  opened_at: string | null;
  closed_at: string | null;
  personal_data_erased_at: string | null;
}

export type CampaignRow = Selectable<CampaignTable>;

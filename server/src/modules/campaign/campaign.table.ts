/** Table shapes of campaigns (acties): a schouw, a tegelwip or a clean-up action in one neighbourhood. */
import type { UnitCode } from '@buurtkracht/protocol/tally-units';
import type { Selectable } from 'kysely';

export type CampaignKind = 'SCHOUW' | 'TEGELWIPPEN' | 'OPRUIMEN';
export type CampaignStatus = 'DRAFT' | 'OPEN' | 'CLOSED';

/** The longest campaign name: what lists and the big screen are laid out for. */
export const CAMPAIGN_NAME_MAX_LENGTH = 120;

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
  /** Tegelwippen goal in cm² (default 500 m²); null for a schouw. */
  target_area_cm2: number | null;
  /** 0 or 1: whether the public progress page (no personal data) is on. */
  public_progress: number;
  /** 0 or 1: whether the public schouw results page (scores, findings handled, action plan) is on. */
  public_results: number;
  /** The checklist version a schouw walks with; pinned, so later edits do not change it. */
  checklist_version_id: string | null;
  /** 0 or 1: whether the public sign-up form takes sign-ups. */
  signup_open: number;
  /** The campaign this one was copied from ("Kopieer voor volgend jaar"); one copy each. */
  copied_from_id: string | null;
  /** The questionnaire version participants are asked after their activity. */
  questionnaire_version_id: string | null;
}

/** Walk dates of a schouw, action days of a tegelwip or clean-up campaign. */
export interface CampaignDayTable {
  id: string;
  campaign_id: string;
  /** YYYY-MM-DD, local date in the Netherlands. */
  date: string;
  label: string | null;
  /** How many people the date takes (sign-ups); null = no limit. */
  capacity: number | null;
}

/** The units a tegelwip or clean-up action counts, in the order the counter offers them. */
export interface CampaignUnitTable {
  campaign_id: string;
  unit_code: UnitCode;
  position: number;
  /** What the coordinator hopes to reach in this unit; null for none. */
  target: number | null;
}

/** The streets a day is for ("iedere dag een andere straat"): the counter offers them first. */
export interface CampaignDayStreetTable {
  day_id: string;
  street_id: string;
  position: number;
}

export type CampaignRow = Selectable<CampaignTable>;
export type CampaignUnitRow = Selectable<CampaignUnitTable>;
export type CampaignDayStreetRow = Selectable<CampaignDayStreetTable>;
export type CampaignDayRow = Selectable<CampaignDayTable>;

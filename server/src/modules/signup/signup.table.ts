/** Table shapes of sign-ups (inschrijvingen): the person, the dates they chose, the tools they asked for. */
import type { Selectable } from 'kysely';

export type WalkerKind = 'RESIDENT' | 'PROFESSIONAL';
export type SignupDayStatus = 'CONFIRMED' | 'WAITING';

export interface CampaignToolTable {
  id: string;
  campaign_id: string;
  name: string;
  stock: number | null;
  position: number;
}

/** What planning and teams show for a sign-up whose name was erased (retention, a removal, deleting one's data). */
export const ERASED_NAME = '(naam gewist)';

export interface SignupTable {
  id: string;
  campaign_id: string;
  /** SHA-256 of the personal link's secret; the secret itself leaves the server once. */
  token_hash: string;
  display_name: string | null;
  contact: string | null;
  contact_consent_at: string | null;
  walker_kind: WalkerKind | null;
  organisation: string | null;
  needs: string | null;
  street_id: string | null;
  house_number: string | null;
  estimate_area_cm2: number | null;
  estimate_tiles: number | null;
  /** SQLite has no boolean: 0 or 1. */
  wants_help: number;
  wants_pickup: number;
  participant_id: string | null;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
  erased_at: string | null;
}

export interface SignupDayTable {
  signup_id: string;
  day_id: string;
  status: SignupDayStatus;
  waiting_since: string | null;
  created_at: string;
}

export interface SignupToolTable {
  signup_id: string;
  tool_id: string;
  quantity: number;
}

/** Further personal links of a sign-up: the one in its confirmation mail, made at send time. */
export interface SignupMailLinkTable {
  /** SHA-256 of the link's secret. */
  token_hash: string;
  signup_id: string;
  created_at: string;
}

export type CampaignToolRow = Selectable<CampaignToolTable>;
export type SignupRow = Selectable<SignupTable>;
export type SignupDayRow = Selectable<SignupDayTable>;
export type SignupToolRow = Selectable<SignupToolTable>;

/** Table shapes of findings (bevindingen), their follow-up and the action plan. */
import type { Selectable } from 'kysely';
import type { FindingStatus } from '@buurtkracht/protocol/finding-statuses';
import type { Rating } from '@buurtkracht/protocol/rating-scale';
import type { Theme } from '@buurtkracht/protocol/themes';

// What a finding's rating and status columns hold is the protocol's (the web shows the same).
export { FINDING_STATUSES, type FindingStatus } from '@buurtkracht/protocol/finding-statuses';
export { RATINGS, type Rating } from '@buurtkracht/protocol/rating-scale';

export const ACTION_ITEM_STATUSES = ['OPEN', 'BEZIG', 'KLAAR'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

export interface FindingTable {
  id: string;
  campaign_id: string;
  spot_id: string | null;
  street_id: string | null;
  checklist_item_id: string | null;
  category: Theme;
  rating: Rating | null;
  /** The answer to a YES_NO, NUMBER, CHOICE or TEXT item, as text. */
  answer: string | null;
  text: string | null;
  suggestion: string | null;
  lat: number | null;
  lon: number | null;
  accuracy_m: number | null;
  participant_id: string | null;
  staff_account_id: string | null;
  device_time: string;
  server_time: string;
  status: FindingStatus;
  routed_organisation_id: string | null;
  /** Raised on every change, so an edit based on an old version can be recognised. */
  version: number;
  /** JSON {field: version it last changed in}, to tell which fields a stale edit collides with. */
  field_versions: string;
  /** The checklist answer this finding was made from, if any. */
  observation_id: string | null;
}

/** A device's value that lost to a newer server value, kept for a coordinator to decide. */
export interface FindingConflictTable {
  id: string;
  finding_id: string;
  field: string;
  device_value: string | null;
  server_value: string | null;
  base_version: number;
  device_id: string | null;
  created_at: string;
  resolved_at: string | null;
  /** 'KEPT_SERVER' or 'USED_DEVICE'. */
  resolution: string | null;
}

export interface FindingPhotoTable {
  finding_id: string;
  photo_id: string;
  position: number;
  /** When a coordinator marked the photo fit for the public schouw results; null: not public. */
  public_at: string | null;
}

export interface FindingStatusEventTable {
  id: string;
  finding_id: string;
  from_status: FindingStatus | null;
  to_status: FindingStatus;
  /** Plain Dutch, shown to the reporter and every participant of the campaign. */
  public_message: string;
  actor_account_id: string | null;
  at: string;
}

export interface ActionItemTable {
  id: string;
  campaign_id: string;
  title: string;
  owner: string;
  owner_organisation_id: string | null;
  due_date: string | null;
  status: ActionItemStatus;
  created_at: string;
  /** Plain Dutch for residents whose finding is part of the item, and for the public results. */
  public_message: string | null;
  updated_at: string | null;
}

export interface ActionItemFindingTable {
  action_item_id: string;
  finding_id: string;
}

export type FindingRow = Selectable<FindingTable>;
export type FindingConflictRow = Selectable<FindingConflictTable>;
export type FindingStatusEventRow = Selectable<FindingStatusEventTable>;
export type ActionItemRow = Selectable<ActionItemTable>;

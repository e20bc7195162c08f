/** Table shapes of the tegelwip ledger (append-only) and its rollups. */
import type { SizeCode } from '@buurtkracht/protocol/tile-sizes';
import type { Selectable } from 'kysely';

export interface TallyEventTable {
  /** Made on the device (UUIDv7), so a resent event is recognised. */
  id: string;
  campaign_id: string;
  action_day_id: string;
  street_id: string;
  /** Coordinators only; erased with the campaign's personal data. */
  house_number: string | null;
  participant_id: string | null;
  /** The staff account that recorded it; null for participants' events and events from before this was kept. */
  staff_account_id: string | null;
  size_code: SizeCode;
  /** Negative for a correction. */
  count: number;
  area_cm2: number;
  corrects_event_id: string | null;
  device_id: string | null;
  client_time: string | null;
  server_time: string;
}

export type RollupDimension = 'TOTAL' | 'STREET' | 'DAY' | 'PARTICIPANT';

export interface TallyRollupTable {
  campaign_id: string;
  dimension: RollupDimension;
  /** '' for TOTAL, else the street, day or participant id. */
  key: string;
  area_cm2: number;
  event_count: number;
}

export type TallyEventRow = Selectable<TallyEventTable>;
export type TallyRollupRow = Selectable<TallyRollupTable>;

/** Table shapes of the tegelwip ledger (append-only) and its rollups. */
import type { TileOrigin } from '@buurtkracht/protocol/tile-origins';
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
  /** Where the tiles came from; null when not said. A correction has its entry's origin. */
  origin: TileOrigin | null;
  /** Negative for a correction. */
  count: number;
  area_cm2: number;
  corrects_event_id: string | null;
  device_id: string | null;
  client_time: string | null;
  server_time: string;
}

/**
 * ORIGIN: per said origin (events that say none are the total minus these). GARDEN: per
 * address (garden-address.ts), the tiles that may green a garden; a garden is greened
 * while its area is above zero. After retention a GARDEN key is a number, no address.
 */
export type RollupDimension = 'TOTAL' | 'STREET' | 'DAY' | 'PARTICIPANT' | 'ORIGIN' | 'GARDEN';

export interface TallyRollupTable {
  campaign_id: string;
  dimension: RollupDimension;
  /** '' for TOTAL, else the street, day or participant id, the origin or the garden. */
  key: string;
  area_cm2: number;
  event_count: number;
}

export type TallyEventRow = Selectable<TallyEventTable>;
export type TallyRollupRow = Selectable<TallyRollupTable>;

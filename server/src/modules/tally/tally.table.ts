/** Table shapes of the tally ledger (append-only) and its rollups: what tegelwip and clean-up actions count. */
import type { TileOrigin } from '@buurtkracht/protocol/tile-origins';
import type { UnitCode } from '@buurtkracht/protocol/tally-units';
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
  /** What was counted: a tile size or a clean-up unit (one of the campaign's units). */
  unit_code: UnitCode;
  /** Where the tiles came from; null when not said, and for units that are not tiles. A correction has its entry's origin. */
  origin: TileOrigin | null;
  /** Units counted (for AREA the measured cm²); negative for a correction. */
  count: number;
  /** The paving this stands for; 0 for units that are not tiles. */
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
 * UNIT, STREET_UNIT ("street|unit") and DAY_UNIT ("day|unit") sum one unit each;
 * DAY_STREET ("day|street") says which streets were counted on a day (net quantity above 0).
 *
 * quantity, the net sum of the counts, is kept on every dimension but GARDEN. On UNIT,
 * STREET_UNIT and DAY_UNIT it is that unit's count (pieces, bags, items, gardens; cm² for
 * AREA). On TOTAL, STREET, DAY, PARTICIPANT, ORIGIN and DAY_STREET it adds up all units
 * together: what a clean-up ranks streets and people by ("meeste geteld"; every bag, item
 * and garden helped counts one). For tiles it mixes pieces of every size with the cm² of
 * AREA, so a tegelwip action reads area_cm2 there instead. A GARDEN is greened by area
 * alone, so its quantity stays 0.
 */
export type RollupDimension = 'TOTAL' | 'STREET' | 'DAY' | 'PARTICIPANT' | 'ORIGIN' | 'GARDEN' | 'UNIT' | 'STREET_UNIT' | 'DAY_UNIT' | 'DAY_STREET';

export interface TallyRollupTable {
  campaign_id: string;
  dimension: RollupDimension;
  /** '' for TOTAL, else the street, day or participant id, the origin or the garden. */
  key: string;
  area_cm2: number;
  event_count: number;
  /** The net sum of the counts (see RollupDimension); 0 for GARDEN. */
  quantity: number;
}

export type TallyEventRow = Selectable<TallyEventTable>;
export type TallyRollupRow = Selectable<TallyRollupTable>;

/**
 * Which rollups an event moves (tally.table.ts says what each dimension holds). The one
 * place that decides it: append() in tally.service.ts writes these deltas in the event's
 * transaction, and the migration that added the unit dimensions backfilled them the same
 * way, so totals are always the sum of the ledger and can be recomputed from it.
 */
import { mayGreenGarden } from '@buurtkracht/protocol/tile-origins';
import { isTileUnit } from '@buurtkracht/protocol/tally-units';
import { gardenKeyOf } from './garden-address.js';
import type { RollupDimension, TallyEventRow, TallyRollupRow } from './tally.table.js';

/**
 * Every dimension keeps the quantity (the sum of the counts) but GARDEN: a clean-up ranks
 * streets and people by everything counted, and a garden is greened by area alone.
 */
const keepsQuantity = (dimension: RollupDimension) => dimension !== 'GARDEN';

/** The rollup rows these events of one campaign add up to, one per dimension and key. */
export function rollupDeltasOf(campaignId: string, rows: readonly TallyEventRow[]): TallyRollupRow[] {
  // One map per dimension, so a batch of 500 events builds no combined key strings.
  const deltas = {
    TOTAL: new Map<string, TallyRollupRow>(),
    STREET: new Map<string, TallyRollupRow>(),
    DAY: new Map<string, TallyRollupRow>(),
    PARTICIPANT: new Map<string, TallyRollupRow>(),
    ORIGIN: new Map<string, TallyRollupRow>(),
    GARDEN: new Map<string, TallyRollupRow>(),
    UNIT: new Map<string, TallyRollupRow>(),
    STREET_UNIT: new Map<string, TallyRollupRow>(),
    DAY_UNIT: new Map<string, TallyRollupRow>(),
    DAY_STREET: new Map<string, TallyRollupRow>(),
  } satisfies Record<RollupDimension, unknown>;
  const add = (dimension: RollupDimension, key: string, row: TallyEventRow) => {
    let delta = deltas[dimension].get(key);
    if (!delta) deltas[dimension].set(key, (delta = { campaign_id: campaignId, dimension, key, area_cm2: 0, event_count: 0, quantity: 0 }));
    delta.area_cm2 += row.area_cm2;
    delta.event_count += 1;
    if (keepsQuantity(dimension)) delta.quantity += row.count;
  };
  for (const row of rows) {
    add('TOTAL', '', row);
    add('STREET', row.street_id, row);
    add('DAY', row.action_day_id, row);
    if (row.participant_id) add('PARTICIPANT', row.participant_id, row);
    add('UNIT', row.unit_code, row);
    add('STREET_UNIT', `${row.street_id}|${row.unit_code}`, row);
    add('DAY_UNIT', `${row.action_day_id}|${row.unit_code}`, row);
    add('DAY_STREET', `${row.action_day_id}|${row.street_id}`, row);
    if (!isTileUnit(row.unit_code)) continue;
    // Origins and greened gardens are about tiles: a bag of litter greens no garden.
    if (row.origin) add('ORIGIN', row.origin, row);
    // A correction has its entry's street, house number and origin, so it moves the same garden.
    const garden = mayGreenGarden(row.origin) ? gardenKeyOf(row.street_id, row.house_number) : null;
    if (garden) add('GARDEN', garden, row);
  }
  return Object.values(deltas).flatMap((byKey) => [...byKey.values()]);
}

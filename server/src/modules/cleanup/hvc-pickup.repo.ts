/**
 * Every SQL statement of the HVC pickup list: what the ledger counted of the units HVC
 * picks up, per address, on one day of one campaign, net of corrections (a correction has
 * its entry's street, house number and unit, so one sum per group takes it back).
 */
import type { UnitCode } from '@buurtkracht/protocol/tally-units';
import type { DbOrTrx } from '../../db/database.js';

export interface PickupSumRow {
  street_id: string;
  /** As typed; null when the entry named no house number, or after retention. */
  house_number: string | null;
  unit_code: UnitCode;
  quantity: number;
  /** When the first entry of this group reached the server: which typing of an address to show. */
  first_seen: string;
}

export async function pickupSums(db: DbOrTrx, campaignId: string, dayId: string, units: readonly UnitCode[]): Promise<PickupSumRow[]> {
  if (units.length === 0) return [];
  const rows = await db
    .selectFrom('tally_event')
    .select(['street_id', 'house_number', 'unit_code', (eb) => eb.fn.sum<number>('count').as('quantity'), (eb) => eb.fn.min<string>('server_time').as('first_seen')])
    .where('campaign_id', '=', campaignId)
    .where('action_day_id', '=', dayId)
    .where('unit_code', 'in', units)
    .groupBy(['street_id', 'house_number', 'unit_code'])
    .execute();
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}

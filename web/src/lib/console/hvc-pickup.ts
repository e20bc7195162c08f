/**
 * The sentences of the HVC pickup list of a clean-up day (hvc-ophaallijst): what to take
 * away at an address, and in all. The rows and their quantities are the server's (what was
 * counted there, after corrections); only the words are made here.
 */
import type { UnitCode } from '@buurtkracht/protocol/tally-units';
import { DUTCH_UNIT_WORDS, unitAmount } from '$lib/counter/unit-words';

export interface PickupItem {
  unit: UnitCode;
  quantity: number;
}

/** "3 stuks grofvuil", several units joined: "3 stuks grofvuil, 1 zak tuinafval". */
export const itemsText = (items: readonly PickupItem[]): string => (items.length === 0 ? '–' : items.map((i) => unitAmount(i.unit, i.quantity, DUTCH_UNIT_WORDS)).join(', '));

/** Everything on the list, per unit, in the order the units first appear. */
export function pickupTotals(rows: readonly { items: readonly PickupItem[] }[]): PickupItem[] {
  const totals = new Map<UnitCode, number>();
  for (const row of rows) for (const item of row.items) totals.set(item.unit, (totals.get(item.unit) ?? 0) + item.quantity);
  return [...totals].map(([unit, quantity]) => ({ unit, quantity }));
}


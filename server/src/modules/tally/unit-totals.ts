/**
 * What the ledger adds up to per unit and which streets a day was for, read from the
 * rollups only (UNIT, STREET_UNIT, DAY_UNIT, DAY_STREET; tally-rollups.ts) and the day
 * plans (campaign_day_street). The dashboard, the public page and the exports show every
 * unit of the campaign, also the ones nothing was counted in yet.
 */
import type { TallyRollupRow } from './tally.table.js';
import type { CampaignUnit } from './campaign-units.js';

export interface UnitTotal {
  unit: CampaignUnit;
  /** Net count: pieces, bags, items or gardens; cm² for AREA. */
  quantity: number;
  areaCm2: number;
  entries: number;
  /** Quantity against the unit's target in percent, one decimal; null without a target. */
  progressPercent: number | null;
}

/** A street a day was planned for or counted in. */
export interface DayStreetTotal {
  streetId: string;
  streetName: string;
  planned: boolean;
  /**
   * Something is still counted there for that day (quantity above 0): an entry in the
   * wrong street that was taken back does not make the street done.
   */
  counted: boolean;
  /** The net sum of the counts there that day, all units together. */
  quantity: number;
  /** Ledger events there that day, corrections included. */
  entries: number;
}

const percentOf = (quantity: number, target: number | null): number | null => (target ? Math.round((quantity / target) * 1000) / 10 : null);

/**
 * Every unit of the campaign in its order, with the rollup rows of one dimension whose key
 * is `${prefix}${unit}` (prefix '' for UNIT, 'street|' or 'day|' for the others).
 * `withProgress` is for the campaign's own totals: targets are the campaign's, so a
 * street's or a day's share of one says nothing by itself.
 */
export function unitTotalsOf(units: readonly CampaignUnit[], rows: ReadonlyMap<string, TallyRollupRow>, prefix: string, withProgress: boolean): UnitTotal[] {
  return units.map((unit) => {
    const r = rows.get(`${prefix}${unit.code}`);
    const quantity = r?.quantity ?? 0;
    return { unit, quantity, areaCm2: r?.area_cm2 ?? 0, entries: r?.event_count ?? 0, progressPercent: withProgress ? percentOf(quantity, unit.target) : null };
  });
}

/**
 * The streets of a day: the planned ones first, in the coordinator's order, then the
 * others where something is still counted that day, by name (a street only counted by
 * mistake and taken back is left out). `counted` holds the day's DAY_STREET rollups by
 * street id.
 */
export function dayStreetsOf(
  planned: readonly string[],
  counted: ReadonlyMap<string, TallyRollupRow>,
  streetNames: ReadonlyMap<string, string>,
): DayStreetTotal[] {
  const plannedSet = new Set(planned);
  const quantityOf = (streetId: string) => counted.get(streetId)?.quantity ?? 0;
  const extra = [...counted.keys()]
    .filter((id) => !plannedSet.has(id) && quantityOf(id) > 0)
    .sort((a, b) => (streetNames.get(a) ?? a).localeCompare(streetNames.get(b) ?? b, 'nl'));
  return [...planned, ...extra].map((streetId) => {
    const quantity = quantityOf(streetId);
    return { streetId, streetName: streetNames.get(streetId) ?? '', planned: plannedSet.has(streetId), counted: quantity > 0, quantity, entries: counted.get(streetId)?.event_count ?? 0 };
  });
}

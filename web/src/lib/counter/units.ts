/**
 * What a counter counts: the campaign's units, as the phone keeps them with the campaign
 * (CampaignSnapshot.units). One counter serves every counting activity; whether it shows
 * tile origins, m² and NK tiles or a quantity per unit follows from these units, not from
 * the kind. A snapshot kept by an app version from before units has none: it is fetched
 * again (field-store.ts snapshotOutdated), and until then a tegelwip counter offers the
 * tile sizes it offered before.
 */
import { isMeasuredArea, isTileUnit, isUnitCode, unitAreaCm2Of, type UnitCode } from '@buurtkracht/protocol/tally-units';
import { SIZE_CODES } from '@buurtkracht/protocol/tile-sizes';

export interface CounterUnit {
  code: UnitCode;
  /** 0 for units that are not paving, 1 for a measured AREA. */
  areaCm2PerPiece: number;
  /** The count is a measured area in cm² (AREA), entered by length × width. */
  measured: boolean;
  /** What the coordinator hopes to reach; null for no target. */
  target: number | null;
}

/** A campaign as far as its units go: its kind, and the units it was kept with (absent in older snapshots). */
export interface CountedCampaign {
  kind: string;
  units?: readonly { code: string; areaCm2PerPiece: number; measured: boolean; target?: number | null }[] | null;
}

const tileUnit = (code: UnitCode): CounterUnit => ({ code, areaCm2PerPiece: unitAreaCm2Of(code, 1), measured: isMeasuredArea(code), target: null });

/**
 * The units the counter offers, in the campaign's order. Codes this app version does not
 * know are left out (it could not name them); a tegelwip campaign kept without units
 * counts the tile sizes, as before units existed.
 */
export function counterUnitsOf(campaign: CountedCampaign): CounterUnit[] {
  if (Array.isArray(campaign.units)) {
    return campaign.units.flatMap((u) => (isUnitCode(u.code) ? [{ code: u.code, areaCm2PerPiece: u.areaCm2PerPiece, measured: u.measured, target: u.target ?? null }] : []));
  }
  return campaign.kind === 'TEGELWIPPEN' ? SIZE_CODES.map(tileUnit) : [];
}

/** The units counted by tapping (+1, "meer tegelijk"): all but a measured area. */
export const tappedUnits = (units: readonly CounterUnit[]): CounterUnit[] => units.filter((u) => !u.measured);

/** Whether the counter offers "Oppervlakte meten". */
export const measuresArea = (units: readonly CounterUnit[]): boolean => units.some((u) => u.measured);

/** Whether the counter asks where the tiles come from (only tiles have an origin). */
export const countsTiles = (units: readonly CounterUnit[]): boolean => units.some((u) => isTileUnit(u.code));

/** Whether totals are an area (m², NK tiles); otherwise they are a quantity per unit. The counter and every screen of totals decide by this. */
export const totalsInArea = (units: readonly Pick<CounterUnit, 'areaCm2PerPiece'>[]): boolean => units.some((u) => u.areaCm2PerPiece > 0);

/** The counter's title for an activity of this kind ("Tegels tellen", "Opruimactie tellen"); plain "Tellen" for none. */
export const countTitleKey = (kind: string | null | undefined): 'count.title' | 'count.title.OPRUIMEN' | 'nav.count' =>
  kind === 'OPRUIMEN' ? 'count.title.OPRUIMEN' : kind === 'TEGELWIPPEN' ? 'count.title' : 'nav.count';

/**
 * What a tally ledger counts: its units. One ledger serves every counting activity; a
 * campaign chooses its units (server table campaign_unit), and the counter, the
 * dashboard and the exports are driven by them. A tegelwip action counts the tile sizes
 * (with their areas, tile-sizes.ts); a clean-up action (opruimactie) counts bags, items
 * and gardens, which have no area. Shared because the server checks and sums these codes
 * while the counter shows running totals before the server confirms. Words for the units
 * are the web's (lib/i18n).
 */
import { areaCm2Of, SIZE_CODES, type SizeCode } from '@buurtkracht/protocol/tile-sizes';

/** What a clean-up action may count: bags of litter and of garden waste, bulky items for HVC, gardens helped. */
export const CLEANUP_UNIT_CODES = ['ZAK_ZWERFVUIL', 'ZAK_TUINAFVAL', 'GROFVUIL', 'TUIN_GEHOLPEN'] as const;
export type CleanupUnitCode = (typeof CLEANUP_UNIT_CODES)[number];

export type UnitCode = SizeCode | CleanupUnitCode;
export const UNIT_CODES: readonly UnitCode[] = [...SIZE_CODES, ...CLEANUP_UNIT_CODES];

/** The kinds of campaign that count on the ledger. */
export const COUNTING_KINDS = ['TEGELWIPPEN', 'OPRUIMEN'] as const;
export type CountingKind = (typeof COUNTING_KINDS)[number];

/** Whether a campaign of this kind counts on the ledger (a schouw counts nothing). */
export const isCountingKind = (kind: string): kind is CountingKind => (COUNTING_KINDS as readonly string[]).includes(kind);

/**
 * The units a campaign of this kind may count. A tegelwip action counts every tile size
 * (people lift whatever lies in their garden); a clean-up action counts the units its
 * coordinator chose from these, in the order chosen.
 */
export const UNITS_OF_KIND: Readonly<Record<CountingKind, readonly UnitCode[]>> = {
  TEGELWIPPEN: SIZE_CODES,
  OPRUIMEN: CLEANUP_UNIT_CODES,
};

/** The clean-up units a new clean-up action starts with (the coordinator may change them). */
export const DEFAULT_CLEANUP_UNITS: readonly CleanupUnitCode[] = CLEANUP_UNIT_CODES;

export const isUnitCode = (value: unknown): value is UnitCode => typeof value === 'string' && (UNIT_CODES as readonly string[]).includes(value);

export const isTileUnit = (code: UnitCode): code is SizeCode => (SIZE_CODES as readonly string[]).includes(code);

/** The removed paving an entry stands for, in cm²; units that are not paving have none. */
export const unitAreaCm2Of = (code: UnitCode, count: number): number => (isTileUnit(code) ? areaCm2Of(code, count) : 0);

/** Whether the count of this unit is a measured area in cm² rather than a number of things. */
export const isMeasuredArea = (code: UnitCode): boolean => code === 'AREA';

/** The units HVC picks up: a clean-up day's pickup list names where they were put out. */
export const PICKUP_UNITS: readonly UnitCode[] = ['GROFVUIL'];

/** The highest target a coordinator may set for one unit. */
export const MAX_UNIT_TARGET = 100_000;

/**
 * Tile sizes as the counter shows them. The areas must match the server's size codes
 * (server/src/modules/tally/size-codes.ts); the server computes the stored area itself,
 * these are only for the running totals shown before the server confirms.
 */
export const TILE_SIZES = [
  { code: 'TEGEL_30X30', areaCm2: 900, label: '30×30' },
  { code: 'TEGEL_40X40', areaCm2: 1600, label: '40×40' },
  { code: 'TEGEL_50X50', areaCm2: 2500, label: '50×50' },
  { code: 'TEGEL_40X60', areaCm2: 2400, label: '40×60' },
  { code: 'TEGEL_60X60', areaCm2: 3600, label: '60×60' },
  { code: 'KLINKER_20X10', areaCm2: 200, label: 'klinker 20×10' },
  { code: 'KLINKER_20X5', areaCm2: 100, label: 'klinker 20×5' },
] as const;

export type TileSizeCode = (typeof TILE_SIZES)[number]['code'] | 'AREA';

export const areaOf = (code: TileSizeCode, count: number): number =>
  code === 'AREA' ? count : (TILE_SIZES.find((s) => s.code === code)?.areaCm2 ?? 0) * count;

/** 11 NK tiles per m², rounded half up, like the server. */
export const nkTiles = (areaCm2: number): number => Math.sign(areaCm2) * Math.floor((Math.abs(areaCm2) * 11 + 5000) / 10_000);

/** "12,34" for Dutch readers. */
export const formatM2 = (areaCm2: number, locale = 'nl-NL'): string =>
  (areaCm2 / 10_000).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 2 });

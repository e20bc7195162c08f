/**
 * Tile size codes and the areas they stand for, in integer cm² (never floats), and the NK
 * Tegelwippen convention of 11 tiles of 30×30 per m². Shared because the server stores
 * and sums these areas while the counter shows running totals before the server confirms:
 * both must count a tile the same. Words for the sizes are the web's (lib/counter).
 */

/** In the order the counter offers them. */
export const SIZE_CODE_AREA_CM2 = {
  TEGEL_30X30: 900,
  TEGEL_40X40: 1600,
  TEGEL_50X50: 2500,
  TEGEL_40X60: 2400,
  TEGEL_60X60: 3600,
  KLINKER_20X10: 200,
  KLINKER_20X5: 100,
  /** The count is the measured area itself, in cm² (e.g. from length × width). */
  AREA: 1,
} as const;

export type SizeCode = keyof typeof SIZE_CODE_AREA_CM2;
export const SIZE_CODES = Object.keys(SIZE_CODE_AREA_CM2) as SizeCode[];

/** The codes counted in pieces: every code but a measured AREA. */
export type PieceSizeCode = Exclude<SizeCode, 'AREA'>;
export const PIECE_SIZE_CODES = SIZE_CODES.filter((code): code is PieceSizeCode => code !== 'AREA');

export const areaCm2Of = (sizeCode: SizeCode, count: number): number => SIZE_CODE_AREA_CM2[sizeCode] * count;

export const CM2_PER_M2 = 10_000;
/** NK Tegelwippen counts 11 tiles (30×30) per m²: for NK totals and for estimates given in tiles. */
export const NK_TILES_PER_M2 = 11;
/** A Tegelwippen campaign's goal when the coordinator sets none. */
export const DEFAULT_TARGET_M2 = 500;

/**
 * NK tiles: 11 per m², rounded half up on the size (900 cm², one 30×30 tile, counts as 1);
 * a correction below zero rounds the same way, so it undoes exactly what it corrects.
 */
export function nkTilesOf(areaCm2: number): number {
  const tiles = Math.floor((Math.abs(areaCm2) * NK_TILES_PER_M2 + CM2_PER_M2 / 2) / CM2_PER_M2);
  return areaCm2 < 0 && tiles > 0 ? -tiles : tiles;
}

/**
 * Tile sizes and the areas they stand for, in integer cm² (never floats), and the NK
 * Tegelwippen convention of 11 tiles of 30×30 per m².
 */
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

export const areaCm2Of = (sizeCode: SizeCode, count: number): number => SIZE_CODE_AREA_CM2[sizeCode] * count;

/** NK tiles: 11 per m², rounded half up (900 cm², one 30×30 tile, counts as 1). */
export function nkTilesOf(areaCm2: number): number {
  const sign = areaCm2 < 0 ? -1 : 1;
  return sign * Math.floor((Math.abs(areaCm2) * 11 + 5000) / 10_000);
}

export const CM2_PER_M2 = 10_000;
export const DEFAULT_TARGET_M2 = 500;

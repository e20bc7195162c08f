/**
 * Tile sizes as the counter shows them. The codes and their areas are the protocol's
 * (@buurtkracht/protocol/tile-sizes), which the server counts with too; only the words
 * are the web's. The server computes the stored area itself; the counter's areas are for
 * the running totals shown before the server confirms.
 */
import { CM2_PER_M2, PIECE_SIZE_CODES, SIZE_CODE_AREA_CM2, type PieceSizeCode } from '@buurtkracht/protocol/tile-sizes';

/** A size code without words here fails the type check. */
const LABELS: Record<PieceSizeCode, string> = {
  TEGEL_30X30: '30×30',
  TEGEL_40X40: '40×40',
  TEGEL_50X50: '50×50',
  TEGEL_40X60: '40×60',
  TEGEL_60X60: '60×60',
  KLINKER_20X10: 'klinker 20×10',
  KLINKER_20X5: 'klinker 20×5',
};

/** The sizes counted in pieces, in the protocol's order, with their words. */
export const TILE_SIZES: readonly { code: PieceSizeCode; areaCm2: number; label: string }[] = PIECE_SIZE_CODES.map((code) => ({ code, areaCm2: SIZE_CODE_AREA_CM2[code], label: LABELS[code] }));

/** "12,34" for Dutch readers. */
export const formatM2 = (areaCm2: number, locale = 'nl-NL'): string =>
  (areaCm2 / CM2_PER_M2).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 2 });

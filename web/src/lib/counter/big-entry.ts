/**
 * When one entry is large enough to be a typing slip (2000 instead of 200), the counter
 * asks "klopt dit?" before saving it. Tapping +1 never reaches these numbers.
 */
import { areaCm2Of, type SizeCode } from '@buurtkracht/protocol/tile-sizes';

/** More tiles or bricks than this in one entry asks for a check. */
export const BIG_ENTRY_COUNT = 200;
/** More area than this in one entry (20 m²) asks for a check. */
export const BIG_ENTRY_CM2 = 200_000;

export function isBigEntry(sizeCode: SizeCode, count: number): boolean {
  return (sizeCode !== 'AREA' && count > BIG_ENTRY_COUNT) || areaCm2Of(sizeCode, count) > BIG_ENTRY_CM2;
}

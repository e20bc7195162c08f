/**
 * Checks on one large entry before it is saved. When it is large enough to be a typing
 * slip (2000 instead of 200), the counter asks "klopt dit?"; a measured area larger than
 * the server takes is refused on the spot. Tapping +1 never reaches these numbers.
 */
import { MAX_AREA_CM2_PER_ENTRY } from '@buurtkracht/protocol/input-limits';
import { isMeasuredArea, isTileUnit, unitAreaCm2Of, type UnitCode } from '@buurtkracht/protocol/tally-units';

/** More tiles or bricks than this in one entry asks for a check. */
export const BIG_ENTRY_COUNT = 200;
/** More area than this in one entry (20 m²) asks for a check. */
export const BIG_ENTRY_CM2 = 200_000;
/**
 * More than this of one clean-up unit in one entry asks for a check: a street fills tens of
 * bags on a busy day, not hundreds in one go.
 */
export const BIG_CLEANUP_COUNT = 50;

export function isBigEntry(unitCode: UnitCode, count: number): boolean {
  if (!isTileUnit(unitCode)) return count > BIG_CLEANUP_COUNT;
  return (!isMeasuredArea(unitCode) && count > BIG_ENTRY_COUNT) || unitAreaCm2Of(unitCode, count) > BIG_ENTRY_CM2;
}

/** The longest side the measure form takes, in cm (20 m: a front garden is smaller). */
export const MAX_SIDE_CM = 2000;

/**
 * What is wrong with a measured length × width, or null. The server takes at most
 * MAX_AREA_CM2_PER_ENTRY in one entry: a larger area must be caught here, while the person
 * can still split it, not refused after the phone has synced.
 */
export function measureProblem(lengthCm: number, widthCm: number): 'invalid' | 'tooLarge' | null {
  const valid = (n: number) => Number.isInteger(n) && n >= 1 && n <= MAX_SIDE_CM;
  if (!valid(lengthCm) || !valid(widthCm)) return 'invalid';
  return lengthCm * widthCm > MAX_AREA_CM2_PER_ENTRY ? 'tooLarge' : null;
}

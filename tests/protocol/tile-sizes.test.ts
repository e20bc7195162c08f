/** Tile sizes and NK rounding as server and counter both count them. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { areaCm2Of, CM2_PER_M2, nkTilesOf, PIECE_SIZE_CODES, SIZE_CODE_AREA_CM2, SIZE_CODES } from '@buurtkracht/protocol/tile-sizes';

describe('tile sizes', () => {
  it.each([
    ['TEGEL_30X30', 900],
    ['TEGEL_40X40', 1600],
    ['TEGEL_50X50', 2500],
    ['TEGEL_40X60', 2400],
    ['TEGEL_60X60', 3600],
    ['KLINKER_20X10', 200],
    ['KLINKER_20X5', 100],
    ['AREA', 1],
  ] as const)('%s is %i cm² per piece', (code, cm2) => {
    expect(SIZE_CODE_AREA_CM2[code]).toBe(cm2);
    expect(areaCm2Of(code, 7)).toBe(7 * cm2);
  });

  it('lists the codes in the counter order, the pieces without a measured AREA', () => {
    expect(SIZE_CODES).toEqual(['TEGEL_30X30', 'TEGEL_40X40', 'TEGEL_50X50', 'TEGEL_40X60', 'TEGEL_60X60', 'KLINKER_20X10', 'KLINKER_20X5', 'AREA']);
    expect(PIECE_SIZE_CODES).toEqual(SIZE_CODES.slice(0, -1));
  });

  it('keeps areas whole cm², also for large and negative counts', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SIZE_CODES), fc.integer({ min: -100_000, max: 100_000 }), (code, count) => {
        expect(Number.isSafeInteger(areaCm2Of(code, count))).toBe(true);
      }),
    );
  });
});

describe('NK tiles', () => {
  it('counts 11 per m², rounded half up', () => {
    expect(CM2_PER_M2).toBe(10_000);
    expect(nkTilesOf(10_000)).toBe(11);
    expect(nkTilesOf(900)).toBe(1); // one 30×30 tile: 0.99 → 1
    expect(nkTilesOf(454)).toBe(0); // 0.4994 → 0
    expect(nkTilesOf(455)).toBe(1); // 0.5005 → 1
    expect(nkTilesOf(5_000_000)).toBe(5_500); // the 500 m² target
    expect(nkTilesOf(0)).toBe(0);
  });

  it('rounds a correction below zero as its mirror image, never to -0', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000_000 }), (area) => {
        expect(nkTilesOf(-area)).toBe(-nkTilesOf(area) || 0);
        expect(Object.is(nkTilesOf(-area), -0)).toBe(false);
      }),
    );
  });

  it('agrees with the exact 11 × m², rounded half up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000_000 }), (area) => {
        const exact = (area * 11) / CM2_PER_M2;
        expect(nkTilesOf(area)).toBe(Math.floor(exact + 0.5));
      }),
    );
  });
});

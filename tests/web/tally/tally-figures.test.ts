/**
 * The words and bar lengths of the per-unit totals that the console's dashboard, the big
 * screen and the public progress page share: a count against its target, a measured area
 * in m², the m² of tiles, no target said in words, a bar that never runs past its end or
 * below zero, where each street of a day stands, a day's name in the reader's language,
 * the figure the server ranks by, and a stable key for each line of a ranking.
 */
import { describe, expect, it } from 'vitest';
import {
  areaText,
  barShare,
  countedUnits,
  dateText,
  dayStreetState,
  dayTitle,
  figureText,
  participantKey,
  plannedDone,
  progressText,
  quantitiesInOrder,
  quantityText,
  rankingFigure,
  rankingText,
  shareOfLargest,
  type TallyWords,
  type UnitFigure,
} from '$lib/tally/tally-figures';

const words: TallyWords = {
  locale: 'nl-NL',
  unit: (code) => code,
  ofTarget: (quantity, target) => `${quantity} van ${target}`,
  percentOfTarget: (percent) => `${percent}% van het doel`,
  noTarget: 'Geen doel',
  done: 'gedaan',
  notYet: 'nog niet',
  notPlanned: 'gedaan, niet gepland',
  plannedDone: (done, planned) => `${done} van ${planned}`,
  noStreets: 'Geen straten gepland.',
  dayStreets: (day) => `Straten van ${day}`,
  nothingYet: 'Nog niets geteld.',
};
const bags = (quantity: number, target: number | null, progressPercent: number | null): UnitFigure => ({
  unit: { code: 'ZAK_ZWERFVUIL', measured: false, target },
  quantity,
  areaCm2: 0,
  entries: 3,
  progressPercent,
});

describe('per-unit totals in words', () => {
  it('says a count against its target, or alone without one, in Dutch numbers', () => {
    expect(figureText(bags(12, 40, 30), words)).toBe('12 van 40');
    expect(figureText(bags(1250, null, null), words)).toBe('1.250');
    expect(figureText(bags(1250, 2000, 62.5), { ...words, locale: 'en-GB' })).toBe('1,250 van 2,000');
  });

  it('shows a measured area (AREA, counted in cm²) in m²', () => {
    expect(quantityText({ measured: true }, 35_000, 'nl-NL')).toBe('3,5 m²');
    expect(quantityText({ measured: true }, 0, 'nl-NL')).toBe('0,0 m²');
    expect(figureText({ unit: { code: 'AREA', measured: true, target: 100_000 }, quantity: 25_000 }, words)).toBe('2,5 m² van 10,0 m²');
  });

  it('says the progress with one decimal, and that there is no target when there is none', () => {
    expect(progressText(bags(12, 40, 30), words)).toBe('30% van het doel');
    expect(progressText(bags(1, 3, 33.3), words)).toBe('33,3% van het doel');
    expect(progressText(bags(12, null, null), words)).toBe('Geen doel');
  });

  it('fills a bar from 0 to 100 only: past the target it stays full, a negative total shows empty', () => {
    expect(barShare(30)).toBe(30);
    expect(barShare(250)).toBe(100);
    expect(barShare(-5)).toBe(0);
    expect(barShare(null)).toBe(0);
    expect(shareOfLargest(5, 20)).toBe(25);
    expect(shareOfLargest(-2, 20)).toBe(0);
    expect(shareOfLargest(0, 0)).toBe(0);
  });

  it('says where a street of a day stands: done, not yet, or counted without being planned', () => {
    expect(dayStreetState({ planned: true, counted: true }, true)).toBe('done');
    expect(dayStreetState({ planned: true, counted: false }, true)).toBe('notYet');
    expect(dayStreetState({ planned: false, counted: true }, true)).toBe('notPlanned');
    // A day without planned streets (a tegelwip day, often): what was counted is done.
    expect(dayStreetState({ planned: false, counted: true }, false)).toBe('done');
    expect(plannedDone([{ planned: true, counted: true }, { planned: true, counted: false }, { planned: false, counted: true }])).toEqual({ planned: 2, done: 1 });
  });

  it('puts a street’s quantities in the campaign’s unit order, 0 for units not counted there', () => {
    const units = [
      { code: 'ZAK_ZWERFVUIL', measured: false, target: null },
      { code: 'GROFVUIL', measured: false, target: 10 },
      { code: 'TUIN_GEHOLPEN', measured: false, target: null },
    ] as const;
    expect(quantitiesInOrder(units, [{ unit: units[2], quantity: 2 }, { unit: units[0], quantity: 7 }])).toEqual([7, 0, 2]);
  });

  it('writes the m² of tiles counted in pieces, and nothing extra for bags or a measured area', () => {
    const tile = { code: 'TEGEL_30X30', areaCm2PerPiece: 900, measured: false, target: null } as const;
    expect(areaText({ unit: tile, areaCm2: 10_800 }, 'nl-NL')).toBe('1,08 m²');
    expect(areaText({ unit: tile, areaCm2: 0 }, 'nl-NL')).toBe('0,0 m²');
    expect(areaText({ unit: { code: 'AREA', areaCm2PerPiece: 1, measured: true, target: null }, areaCm2: 25_000 }, 'nl-NL')).toBeNull();
    expect(areaText({ unit: { code: 'GROFVUIL', areaCm2PerPiece: 0, measured: false, target: null }, areaCm2: 0 }, 'nl-NL')).toBeNull();
    // The public page asks no areaCm2PerPiece of older answers: then no extra line.
    expect(areaText({ unit: { code: 'TEGEL_30X30', measured: false, target: null }, areaCm2: 900 }, 'nl-NL')).toBeNull();
  });

  it('names a day by its date in the reader’s language, never as YYYY-MM-DD, with its label first when it has one', () => {
    expect(dateText('2027-04-17', 'nl-NL')).toBe('17 april 2027');
    expect(dateText('2027-04-17', 'en-GB')).toBe('17 April 2027');
    expect(dayTitle({ date: '2027-04-17', label: null }, 'nl-NL')).toBe('17 april 2027');
    expect(dayTitle({ date: '2027-04-17', label: 'Opruimdag' }, 'en-GB')).toBe('Opruimdag (17 April 2027)');
  });

  it('leaves the units without a count out of a day’s summary, keeping the campaign’s order', () => {
    expect(countedUnits([bags(0, null, null), { ...bags(3, null, null), unit: { code: 'GROFVUIL', measured: false, target: null } }, bags(-1, null, null)]).map((u) => u.quantity)).toEqual([3, -1]);
  });

  it('shows the figure the server ranks by: m² for tiles, everything counted otherwise', () => {
    const total = { areaCm2: 36_000, quantity: 14 };
    expect([rankingFigure(total, true), rankingFigure(total, false)]).toEqual([36_000, 14]);
    expect([rankingText(total, true, 'nl-NL'), rankingText({ areaCm2: 0, quantity: 1_250 }, false, 'nl-NL')]).toEqual(['3,6', '1.250']);
    // Standings kept by an app version from before the quantity: nothing counted in units.
    expect(rankingFigure({ areaCm2: 900 }, false)).toBe(0);
  });

  it('keys a ranking’s lines apart even when two people share a place and a name', () => {
    const tied = [
      { participantId: null, rank: 2, name: 'Ans' },
      { participantId: null, rank: 2, name: 'Ans' },
      { participantId: null, rank: 1, name: '2Ans' },
      { participantId: null, rank: 12, name: 'Ans' },
    ];
    const keys = tied.map((p, i) => participantKey(p, i));
    expect(new Set(keys).size).toBe(4);
    expect(participantKey({ participantId: 'p7', rank: 1, name: 'Bram' }, 3)).toBe('p7');
  });
});

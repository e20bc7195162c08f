/**
 * What a campaign counts, as coordinators set it up in the console: targets typed in a
 * text field become the API's units (empty is no target), a target that is no whole number
 * in range ("12,5", "abc") is named by the field the API would name (units.N.target)
 * rather than guessed at, a measured area has no target of its own, targets typed and not
 * saved yet survive adding or taking out a unit, and only units of the kind that are not
 * counted yet can be added.
 */
import { describe, expect, it } from 'vitest';
import { MAX_UNIT_TARGET } from '@buurtkracht/protocol/tally-units';
import { draftsOf, parseTarget, takesTarget, TARGET_HINT, unitInputs, unitsToAdd } from '$lib/console/campaign-units';

describe('a campaign’s units in the console', () => {
  it('reads a target as typed: empty is none, only digits of a whole number from 1 to the maximum are one', () => {
    expect(parseTarget('')).toBeNull();
    expect(parseTarget('  ')).toBeNull();
    expect(parseTarget(' 40 ')).toBe(40);
    expect(parseTarget('040')).toBe(40);
    expect(parseTarget(String(MAX_UNIT_TARGET))).toBe(MAX_UNIT_TARGET);
    for (const wrong of ['0', '-3', '2.5', '12,5', '1.000', '1e3', '4 0', 'abc', 'veel', String(MAX_UNIT_TARGET + 1)]) expect(parseTarget(wrong), wrong).toBeUndefined();
  });

  it('refuses an unreadable target next to its field, and sends nothing for it', () => {
    const { units, problems } = unitInputs([
      { code: 'ZAK_ZWERFVUIL', target: '12,5' },
      { code: 'GROFVUIL', target: 'abc' },
      { code: 'TUIN_GEHOLPEN', target: '7' },
    ]);
    expect(problems).toEqual({ 'units.0.target': TARGET_HINT, 'units.1.target': TARGET_HINT });
    expect(units.map((u) => u.target)).toEqual([null, null, 7]);
  });

  it('gives a measured area no target of its own: it counts towards the action’s m²', () => {
    expect(takesTarget('AREA')).toBe(false);
    expect(takesTarget('TEGEL_30X30')).toBe(true);
    expect(takesTarget('GROFVUIL')).toBe(true);
    const { units, problems } = unitInputs([
      { code: 'TEGEL_30X30', target: '200' },
      { code: 'AREA', target: 'whatever was left' },
    ]);
    expect(units).toEqual([
      { code: 'TEGEL_30X30', target: 200 },
      { code: 'AREA', target: null },
    ]);
    expect(problems).toEqual({});
  });

  it('turns the drafts into the API’s units in their order, with each wrong target by its field', () => {
    const { units, problems } = unitInputs([
      { code: 'ZAK_ZWERFVUIL', target: '40' },
      { code: 'GROFVUIL', target: '' },
      { code: 'TUIN_GEHOLPEN', target: '0' },
    ]);
    expect(units).toEqual([
      { code: 'ZAK_ZWERFVUIL', target: 40 },
      { code: 'GROFVUIL', target: null },
      { code: 'TUIN_GEHOLPEN', target: null },
    ]);
    expect(problems).toEqual({ 'units.2.target': TARGET_HINT });
    expect(TARGET_HINT).toBe('Een doel is een heel getal van 1 tot 100.000. Laat het leeg voor geen doel.');
  });

  it('offers only the kind’s units that are not counted yet, in the kind’s order', () => {
    expect(unitsToAdd('OPRUIMEN', ['GROFVUIL', 'ZAK_ZWERFVUIL'])).toEqual(['ZAK_TUINAFVAL', 'TUIN_GEHOLPEN']);
    expect(unitsToAdd('OPRUIMEN', ['ZAK_ZWERFVUIL', 'ZAK_TUINAFVAL', 'GROFVUIL', 'TUIN_GEHOLPEN'])).toEqual([]);
    expect(unitsToAdd('TEGELWIPPEN', ['TEGEL_30X30'])).not.toContain('GROFVUIL');
  });

  it('fills the form with the saved targets, an empty field for none', () => {
    expect(draftsOf([{ code: 'GROFVUIL', target: 25 }, { code: 'TUIN_GEHOLPEN', target: null }])).toEqual([
      { code: 'GROFVUIL', target: '25' },
      { code: 'TUIN_GEHOLPEN', target: '' },
    ]);
  });

  it('keeps targets typed and not saved yet when another unit is added or taken out', () => {
    const typed = [
      { code: 'ZAK_ZWERFVUIL', target: '60' },
      { code: 'GROFVUIL', target: '12,5' },
      { code: 'ZAK_TUINAFVAL', target: '' },
    ] as const;
    // Saved after adding gardens helped (the list the server answers), and after taking out the garden waste.
    const added = [
      { code: 'ZAK_ZWERFVUIL', target: 40 },
      { code: 'GROFVUIL', target: null },
      { code: 'ZAK_TUINAFVAL', target: 5 },
      { code: 'TUIN_GEHOLPEN', target: null },
    ] as const;
    expect(draftsOf(added, typed)).toEqual([
      { code: 'ZAK_ZWERFVUIL', target: '60' },
      { code: 'GROFVUIL', target: '12,5' },
      { code: 'ZAK_TUINAFVAL', target: '' },
      { code: 'TUIN_GEHOLPEN', target: '' },
    ]);
    expect(draftsOf(added.slice(0, 2), typed)).toEqual([
      { code: 'ZAK_ZWERFVUIL', target: '60' },
      { code: 'GROFVUIL', target: '12,5' },
    ]);
  });
});

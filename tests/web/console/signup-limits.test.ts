/** The sign-up settings' limits as the coordinator types them: empty is "no maximum" / "not known". */
import { describe, expect, it } from 'vitest';
import { parseCapacity, parseStock, toolNameProblem } from '../../../web/src/routes/beheer/campagnes/[id]/signup-limits';

describe('sign-up settings limits', () => {
  it('takes a capacity of 1 to 500 or nothing', () => {
    for (const empty of [null, undefined, '', '  ']) expect(parseCapacity(empty)).toEqual({ value: null });
    expect(parseCapacity(20)).toEqual({ value: 20 });
    expect(parseCapacity('500')).toEqual({ value: 500 });
    for (const wrong of [0, 501, 2.5, -1, 'tien']) expect(parseCapacity(wrong).problem).toMatch(/van 1 tot en met 500/);
  });

  it('takes a stock of 0 to 10.000 or nothing', () => {
    expect(parseStock(null)).toEqual({ value: null });
    expect(parseStock(0)).toEqual({ value: 0 });
    expect(parseStock(10_000)).toEqual({ value: 10_000 });
    for (const wrong of [-1, 10_001, 1.5]) expect(parseStock(wrong).problem).toMatch(/van 0 tot en met 10\.000/);
  });

  it('wants a tool name of 1 to 40 characters', () => {
    expect(toolNameProblem('kruiwagen')).toBeNull();
    expect(toolNameProblem('  ')).toBe('Geef het gereedschap een naam.');
    expect(toolNameProblem('x'.repeat(41))).toMatch(/hoogstens 40/);
  });
});

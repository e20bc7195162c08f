import { describe, expect, it } from 'vitest';
import { MAX_AREA_CM2_PER_ENTRY } from '@buurtkracht/protocol/input-limits';
import { MAX_SIDE_CM, measureProblem } from '$lib/counter/big-entry';

describe('a measured area before it is saved', () => {
  it('takes whole centimetres from 1 up to the longest side', () => {
    expect(measureProblem(300, 450)).toBeNull();
    expect(measureProblem(1, MAX_SIDE_CM)).toBeNull();
    for (const [l, w] of [[0, 100], [100, MAX_SIDE_CM + 1], [12.5, 100], [Number.NaN, 100]] as const) expect(measureProblem(l, w)).toBe('invalid');
  });

  it('refuses on the phone what the server would refuse after a sync: more than 200 m² in one entry', () => {
    expect(MAX_SIDE_CM * MAX_SIDE_CM).toBeGreaterThan(MAX_AREA_CM2_PER_ENTRY);
    expect(measureProblem(2000, 1000)).toBeNull();
    expect(measureProblem(2000, 1001)).toBe('tooLarge');
    expect(measureProblem(MAX_SIDE_CM, MAX_SIDE_CM)).toBe('tooLarge');
  });
});

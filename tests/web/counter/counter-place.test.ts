import { beforeEach, describe, expect, it } from 'vitest';
import { TileCounter } from '$lib/counter/counter.svelte';

function memoryStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k), data };
}

const days = [
  { id: 'd1', date: '2027-03-21', label: 'Eerste actiedag' },
  { id: 'd2', date: '2027-03-28', label: null },
];

describe('tile counter place and day', () => {
  beforeEach(() => {
    (globalThis as any).localStorage = memoryStorage();
  });

  it('never guesses a street on a first visit, unless there is only one', () => {
    const counter = new TileCounter('c1');
    expect(counter.choosePlace(days, ['s1', 's2'], '2027-03-28')).toBe(false);
    expect(counter.streetId).toBe('');
    expect(counter.dayId).toBe('d2');
    expect(new TileCounter('c1').choosePlace(days, ['s1'], '2027-03-28')).toBe(true);
  });

  it('comes back on the remembered street, and on today rather than the remembered day', () => {
    const first = new TileCounter('c1');
    first.choosePlace(days, ['s1', 's2'], '2027-03-21');
    first.streetId = 's2';
    first.rememberPlace();
    const next = new TileCounter('c1');
    expect(next.choosePlace(days, ['s1', 's2'], '2027-03-28')).toBe(true);
    expect([next.dayId, next.streetId]).toEqual(['d2', 's2']);
    // A street taken out since is not kept.
    expect(new TileCounter('c1').choosePlace(days, ['s1', 's3'], '2027-03-28')).toBe(false);
  });

  it('keeps another day that was chosen and confirmed today, instead of going back to today', () => {
    const counter = new TileCounter('c1');
    counter.choosePlace(days, ['s1'], '2027-03-28');
    counter.dayId = 'd1';
    counter.rememberPlace();
    const unconfirmed = new TileCounter('c1');
    unconfirmed.choosePlace(days, ['s1'], '2027-03-28');
    expect(unconfirmed.dayId).toBe('d2');
    counter.confirmDay(days[0]!, '2027-03-28');
    const next = new TileCounter('c1');
    next.choosePlace(days, ['s1'], '2027-03-28');
    expect(next.dayId).toBe('d1');
    // The next morning it is today's day again.
    const tomorrow = new TileCounter('c1');
    tomorrow.choosePlace([...days, { id: 'd3', date: '2027-03-29', label: null }], ['s1'], '2027-03-29');
    expect(tomorrow.dayId).toBe('d3');
  });

  it('asks once for a day that is not today, and again on another date', () => {
    const counter = new TileCounter('c1');
    expect(counter.dayConfirmed(days[1]!, '2027-03-28')).toBe(true);
    expect(counter.dayConfirmed(days[0]!, '2027-03-28')).toBe(false);
    counter.confirmDay(days[0]!, '2027-03-28');
    expect(counter.dayConfirmed(days[0]!, '2027-03-28')).toBe(true);
    // Remembered after the page closes.
    expect(new TileCounter('c1').dayConfirmed(days[0]!, '2027-03-28')).toBe(true);
    expect(new TileCounter('c1').dayConfirmed(days[0]!, '2027-03-29')).toBe(false);
  });
});

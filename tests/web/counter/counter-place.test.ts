/**
 * Where the counter starts: the street is never guessed (unless there is only one), the day
 * is today's unless another was chosen and confirmed today, and both are remembered in the
 * browser's storage. Nothing is written here, so the device database stays closed.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from './counter-device';

vi.mock('$lib/offline/field-app.svelte', () => import('./counter-device'));
const { TallyCounter } = await import('$lib/counter/counter.svelte');

const days = [
  { id: 'd1', date: '2027-03-21', label: 'Eerste actiedag' },
  { id: 'd2', date: '2027-03-28', label: null },
];

describe('tile counter place and day', () => {
  beforeEach(() => {
    (globalThis as any).localStorage = memoryStorage();
  });

  it('never guesses a street on a first visit, unless there is only one', () => {
    const counter = new TallyCounter('c1');
    expect(counter.choosePlace(days, ['s1', 's2'], '2027-03-28')).toBe(false);
    expect(counter.streetId).toBe('');
    expect(counter.dayId).toBe('d2');
    expect(new TallyCounter('c1').choosePlace(days, ['s1'], '2027-03-28')).toBe(true);
  });

  it('comes back on the remembered street, and on today rather than the remembered day', () => {
    const first = new TallyCounter('c1');
    first.choosePlace(days, ['s1', 's2'], '2027-03-21');
    first.streetId = 's2';
    first.rememberPlace();
    const next = new TallyCounter('c1');
    expect(next.choosePlace(days, ['s1', 's2'], '2027-03-28')).toBe(true);
    expect([next.dayId, next.streetId]).toEqual(['d2', 's2']);
    // A street taken out since is not kept.
    expect(new TallyCounter('c1').choosePlace(days, ['s1', 's3'], '2027-03-28')).toBe(false);
  });

  it('keeps another day that was chosen and confirmed today, instead of going back to today', () => {
    const counter = new TallyCounter('c1');
    counter.choosePlace(days, ['s1'], '2027-03-28');
    counter.dayId = 'd1';
    counter.rememberPlace();
    const unconfirmed = new TallyCounter('c1');
    unconfirmed.choosePlace(days, ['s1'], '2027-03-28');
    expect(unconfirmed.dayId).toBe('d2');
    counter.confirmDay(days[0]!, '2027-03-28');
    const next = new TallyCounter('c1');
    next.choosePlace(days, ['s1'], '2027-03-28');
    expect(next.dayId).toBe('d1');
    // The next morning it is today's day again.
    const tomorrow = new TallyCounter('c1');
    tomorrow.choosePlace([...days, { id: 'd3', date: '2027-03-29', label: null }], ['s1'], '2027-03-29');
    expect(tomorrow.dayId).toBe('d3');
  });

  it('asks once for a day that is not today, and again on another date', () => {
    const counter = new TallyCounter('c1');
    expect(counter.dayConfirmed(days[1]!, '2027-03-28')).toBe(true);
    expect(counter.dayConfirmed(days[0]!, '2027-03-28')).toBe(false);
    counter.confirmDay(days[0]!, '2027-03-28');
    expect(counter.dayConfirmed(days[0]!, '2027-03-28')).toBe(true);
    // Remembered after the page closes.
    expect(new TallyCounter('c1').dayConfirmed(days[0]!, '2027-03-28')).toBe(true);
    expect(new TallyCounter('c1').dayConfirmed(days[0]!, '2027-03-29')).toBe(false);
  });
});

/**
 * The date a console page with date tabs opens on (planning, pickup list, teams): the next
 * one from today, else the last one; and today as a local date, not a UTC one.
 */
import { describe, expect, it } from 'vitest';
import { localToday, nextDayId } from '$lib/console/day-choice';

describe('the date a page opens on', () => {
  const days = [
    { id: 'c', date: '2027-05-01' },
    { id: 'a', date: '2027-03-20' },
    { id: 'b', date: '2027-04-10' },
  ];

  it('opens on the first date today or later, in date order whatever the order given', () => {
    expect(nextDayId(days, '2027-01-01')).toBe('a');
    expect(nextDayId(days, '2027-04-10')).toBe('b');
    expect(nextDayId(days, '2027-04-11')).toBe('c');
  });

  it('opens on the last date when all have passed, and on none without dates', () => {
    expect(nextDayId(days, '2028-01-01')).toBe('c');
    expect(nextDayId([], '2027-01-01')).toBeNull();
  });

  it('says today as the local calendar date, with leading zeros', () => {
    // Local time 00:30 on 5 March: in UTC (east of Greenwich) that can still be 4 March.
    expect(localToday(new Date(2027, 2, 5, 0, 30))).toBe('2027-03-05');
    expect(localToday(new Date(2027, 11, 31, 23, 59))).toBe('2027-12-31');
  });
});

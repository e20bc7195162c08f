/** Dates typed and shown the Dutch way (day-month-year), whatever language the browser has. */
import { describe, expect, it } from 'vitest';
import { formatDutchDate, isUnreadableDate, parseDutchDate } from '$lib/console/dutch-date';

describe('Dutch dates', () => {
  it('reads day first, with dashes, slashes or dots, and also the ISO form', () => {
    expect(parseDutchDate('16-05-2026')).toBe('2026-05-16');
    expect(parseDutchDate('3/10/2026')).toBe('2026-10-03');
    expect(parseDutchDate(' 3.10.2026 ')).toBe('2026-10-03');
    expect(parseDutchDate('2026-12-05')).toBe('2026-12-05');
  });
  it('refuses what is no real date, and the American order when the day cannot be a month', () => {
    expect(parseDutchDate('05/16/2026')).toBeNull();
    expect(parseDutchDate('31-02-2026')).toBeNull();
    expect(parseDutchDate('16 mei')).toBeNull();
    expect(isUnreadableDate('morgen')).toBe(true);
    expect(isUnreadableDate('')).toBe(false);
    expect(isUnreadableDate('2026-05-16')).toBe(false);
  });
  it('shows a date as dd-mm-jjjj', () => {
    expect(formatDutchDate('2026-05-16')).toBe('16-05-2026');
  });
});

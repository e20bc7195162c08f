/** How dates and names move a year on when a campaign is copied (pure functions, no database). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { campaignYear } from '../../server/src/modules/campaign/campaign-year.js';
import { dateNextYear, nameNextYear } from '../../server/src/modules/campaign/next-year.js';

const DAY_MS = 86_400_000;
const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);

describe('dateNextYear', () => {
  it('keeps the weekday and lands at most two days before the same date a year on', () => {
    fc.assert(
      fc.property(fc.integer({ min: utc('2000-01-01') / DAY_MS, max: utc('2098-12-31') / DAY_MS }), (dayNumber) => {
        const date = new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
        const moved = dateNextYear(date);
        expect(new Date(utc(moved)).getUTCDay()).toBe(new Date(utc(date)).getUTCDay());
        // The same month and day a year on (29 February: 1 March).
        const anniversary = new Date(utc(date));
        anniversary.setUTCFullYear(anniversary.getUTCFullYear() + 1);
        const daysBefore = (anniversary.getTime() - utc(moved)) / DAY_MS;
        expect(daysBefore).toBeGreaterThanOrEqual(1);
        expect(daysBefore).toBeLessThanOrEqual(2);
      }),
    );
  });

  it('moves across a leap day and the turn of the year', () => {
    expect(dateNextYear('2027-03-20')).toBe('2028-03-18');
    expect(dateNextYear('2028-02-29')).toBe('2029-02-27');
    expect(dateNextYear('2026-12-31')).toBe('2027-12-30');
  });
});

describe('campaignYear', () => {
  it('is the year of the first day, or of when the campaign was made (Dutch time) when it has no days', () => {
    expect(campaignYear('2026-12-30', '2025-01-01T10:00:00Z')).toBe(2026);
    expect(campaignYear(null, '2025-11-03T10:00:00Z')).toBe(2025);
    // 23:30 UTC on 31 December is already New Year in the Netherlands.
    expect(campaignYear(null, '2025-12-31T23:30:00Z')).toBe(2026);
  });
});

describe('nameNextYear', () => {
  it('replaces the year in the name, or adds the new year', () => {
    expect(nameNextYear('Tegelwippen 2026 (demo)', 2026, 120)).toBe('Tegelwippen 2027 (demo)');
    expect(nameNextYear('Schouw 2026/2026', 2026, 120)).toBe('Schouw 2027/2027');
    expect(nameNextYear('Buurtschouw', 2026, 120)).toBe('Buurtschouw 2027');
    // Another number is not the year.
    expect(nameNextYear('Actie 120261', 2026, 120)).toBe('Actie 120261 2027');
  });

  it('stays within the longest name', () => {
    const long = 'x'.repeat(120);
    expect(nameNextYear(long, 2026, 120)).toBe(`${'x'.repeat(115)} 2027`);
    expect(nameNextYear(long, 2026, 120)).toHaveLength(120);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultDayId, formatDay, localDateIso } from '$lib/counter/action-day';
import { BIG_ENTRY_CM2, BIG_ENTRY_COUNT, isBigEntry } from '$lib/counter/big-entry';

const days = [
  { id: 'b', date: '2027-03-28', label: 'Tweede actiedag' },
  { id: 'a', date: '2027-03-21', label: 'Eerste actiedag' },
  { id: 'c', date: '2027-04-04', label: null },
];

describe('action day', () => {
  it("starts on today's day when there is one, even over a day remembered from before", () => {
    expect(defaultDayId(days, '2027-03-28', 'a')).toBe('b');
  });

  it('otherwise keeps the remembered day, then the next day to come, then the last one', () => {
    expect(defaultDayId(days, '2027-03-25', 'a')).toBe('a');
    expect(defaultDayId(days, '2027-03-25', 'gone')).toBe('b');
    expect(defaultDayId(days, '2026-11-30', null)).toBe('a');
    expect(defaultDayId(days, '2027-05-01', null)).toBe('c');
    expect(defaultDayId([], '2027-05-01', null)).toBe('');
  });

  it("takes the phone's own calendar date, not UTC", () => {
    expect(localDateIso(new Date(2027, 2, 21, 0, 30))).toBe('2027-03-21');
    expect(localDateIso(new Date(2027, 11, 31, 23, 59))).toBe('2027-12-31');
  });

  it('writes dates the Dutch way, with the year only when it is not this year', () => {
    expect(formatDay('2027-03-20', 'nl-NL', '2027-01-01')).toBe('za 20 maart');
    expect(formatDay('2027-03-21', 'nl-NL', '2026-11-30')).toBe('zo 21 maart 2027');
    expect(formatDay('2027-03-20', 'en-GB', '2027-01-01')).toBe('Sat 20 March');
  });
});

describe('a large entry', () => {
  it('asks above 200 tiles or above 20 m² in one entry, not at or below', () => {
    expect(BIG_ENTRY_COUNT).toBe(200);
    expect(BIG_ENTRY_CM2).toBe(200_000);
    expect(isBigEntry('TEGEL_30X30', 200)).toBe(false); // 18 m²
    expect(isBigEntry('TEGEL_30X30', 201)).toBe(true);
    expect(isBigEntry('TEGEL_60X60', 55)).toBe(false); // 19,8 m²
    expect(isBigEntry('TEGEL_60X60', 56)).toBe(true); // 20,16 m²
    expect(isBigEntry('KLINKER_20X5', 300)).toBe(true);
    expect(isBigEntry('AREA', 200_000)).toBe(false);
    expect(isBigEntry('AREA', 200_001)).toBe(true); // an area is a count of cm², not of tiles
  });
});

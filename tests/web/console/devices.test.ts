import { describe, expect, it } from 'vitest';
import { isBehind, latestDayBegun } from '$lib/console/devices';

const days = [
  { id: 'd1', date: '2027-03-21', label: 'Eerste actiedag' },
  { id: 'd2', date: '2027-04-18', label: 'Tweede actiedag' },
];
const device = (lastSyncAt: string) => ({ deviceId: 'x', participantId: 'p', firstSeenAt: lastSyncAt, lastSyncAt, lastSeq: 3 });

describe('devices that may still hold field work', () => {
  it('takes the latest day that has begun', () => {
    expect(latestDayBegun(days, new Date('2027-03-01T12:00:00'))).toBeNull();
    expect(latestDayBegun(days, new Date('2027-03-21T08:00:00'))?.id).toBe('d1');
    expect(latestDayBegun(days, new Date('2027-04-30T12:00:00'))?.id).toBe('d2');
  });

  it('flags a device whose last sync is before that day, not one that synced on or after it', () => {
    const day = latestDayBegun(days, new Date('2027-04-19T12:00:00'));
    expect(isBehind(device(new Date('2027-03-21T15:00:00').toISOString()), day)).toBe(true);
    expect(isBehind(device(new Date('2027-04-18T10:30:00').toISOString()), day)).toBe(false);
    expect(isBehind(device(new Date('2027-04-19T09:00:00').toISOString()), day)).toBe(false);
  });

  it('flags nothing before the first day', () => {
    expect(isBehind(device('2027-01-01T00:00:00.000Z'), null)).toBe(false);
  });
});

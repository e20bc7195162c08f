/**
 * A membership made from a sign-up starts the counter at the sign-up's garden (street and
 * house number, on today's action day), so the person counts at once without choosing
 * it again; once they choose another place, the counter remembers that as any place is
 * remembered, until they choose the garden again. Entries carry the garden's house number.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '$lib/offline/idb';
import { device, memoryStorage } from './counter-device';

vi.mock('$lib/offline/field-app.svelte', () => import('./counter-device'));
const { TallyCounter } = await import('$lib/counter/counter.svelte');

const days = [
  { id: 'd1', date: '2027-03-21', label: 'Eerste actiedag' },
  { id: 'd2', date: '2027-03-28', label: null },
];
const streets = ['s1', 's2', 's3'];
const today = '2027-03-28';
const fromSignup = { joinedAt: '2027-03-28T08:00:00.000Z', signupPlace: { streetId: 's2', houseNumber: '12a' } };
let databases = 0;

/** Opens the counter as the counter screen does: returns whether it goes straight to counting. */
const open = (membership: ConstructorParameters<typeof TallyCounter>[1] = fromSignup) => {
  const counter = new TallyCounter('c1', membership);
  const counting = counter.choosePlace(days, streets, today);
  return { counter, counting, place: [counter.dayId, counter.streetId, counter.houseNumber] };
};

describe('the counter at the sign-up’s garden', () => {
  beforeEach(async () => {
    (globalThis as any).localStorage = memoryStorage();
    device.db = await openDatabase(`counter-signup-place-${++databases}`);
  });
  afterEach(() => device.db.close());

  it('starts at the garden on today’s day, also when another street is remembered from before, and counts there', async () => {
    const before = new TallyCounter('c1');
    before.choosePlace(days, streets, today);
    before.streetId = 's3';
    before.rememberPlace();

    const { counter, counting, place } = open();
    expect(counting).toBe(true);
    expect(place).toEqual(['d2', 's2', '12a']);
    await counter.add('TEGEL_30X30', 2);
    const [entry] = await device.db.getAll('outbox');
    expect(entry?.args).toMatchObject({ actionDayId: 'd2', streetId: 's2', houseNumber: '12a', count: 2 });
    // Without a sign-up the counter still comes back where it was, as before.
    expect(open(null).place).toEqual(['d2', 's3', '']);
  });

  it('remembers another place once chosen, and starts at the garden again once that is chosen again', () => {
    const first = open().counter;
    // Wijzig: the neighbours' garden, same street.
    first.houseNumber = '14';
    first.rememberPlace();
    expect(open().place).toEqual(['d2', 's2', '']);
    // Another street: remembered as any chosen street is (without a house number).
    const second = open().counter;
    second.streetId = 's1';
    second.rememberPlace();
    expect(open().place).toEqual(['d2', 's1', '']);
    // Back at the garden (house number written a little differently is the same house).
    const third = open().counter;
    third.streetId = 's2';
    third.houseNumber = ' 12 A ';
    third.rememberPlace();
    expect(open().place).toEqual(['d2', 's2', '12a']);
  });

  it('keeps the garden when only where the tiles come from is chosen there', () => {
    const { counter } = open();
    counter.chooseOrigin('GARDEN');
    const again = open().counter;
    expect([again.streetId, again.houseNumber, again.origin]).toEqual(['s2', '12a', 'GARDEN']);
  });

  it('starts at the garden again for a new membership of the same campaign', () => {
    const { counter } = open();
    counter.streetId = 's1';
    counter.rememberPlace();
    expect(open().place[1]).toBe('s1');
    expect(open({ ...fromSignup, joinedAt: '2027-03-28T12:00:00.000Z' }).place).toEqual(['d2', 's2', '12a']);
  });

  it('does not choose a garden whose street the campaign does not have', () => {
    const { counting, place } = open({ ...fromSignup, signupPlace: { streetId: 'elders', houseNumber: '3' } });
    expect(counting).toBe(false);
    expect(place).toEqual(['d2', '', '']);
  });

  it('takes the garden without a house number when the sign-up gave none', () => {
    expect(open({ ...fromSignup, signupPlace: { streetId: 's1', houseNumber: null } }).place).toEqual(['d2', 's1', '']);
  });
});

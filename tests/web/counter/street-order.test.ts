/**
 * "Iedere dag een andere straat": the counter offers the chosen day's planned streets
 * first ("Gepland voor deze dag"), in the planned order, then the others. With one planned
 * street and none chosen yet, that street is offered in the form (the person still
 * confirms it); a street chosen by the person, or a sign-up's garden, is not replaced.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { plannedStreetIds, streetsForDay } from '$lib/counter/street-order';
import { memoryStorage } from './counter-device';

vi.mock('$lib/offline/field-app.svelte', () => import('./counter-device'));
const { TallyCounter } = await import('$lib/counter/counter.svelte');

const streets = [
  { id: 's1', name: 'Bilderdijkstraat' },
  { id: 's2', name: 'Da Costakade' },
  { id: 's3', name: 'Kinkerstraat' },
  { id: 's4', name: 'Tollensstraat' },
];
const streetIds = streets.map((s) => s.id);
const days = [
  { id: 'd1', date: '2027-04-10', label: 'Dag 1', streets: [{ id: 's3' }] },
  { id: 'd2', date: '2027-04-17', label: 'Dag 2', streets: [{ id: 's4' }, { id: 's1' }] },
  { id: 'd3', date: '2027-04-24', label: 'Dag 3', streets: [] },
  // Kept by an app version from before planned streets.
  { id: 'd4', date: '2027-05-01', label: null },
];

describe('streets for a day', () => {
  it('puts the planned streets first, in the planned order, then the others as listed', () => {
    const { planned, others } = streetsForDay(streets, days[1]);
    expect(planned.map((s) => s.name)).toEqual(['Tollensstraat', 'Bilderdijkstraat']);
    expect(others.map((s) => s.name)).toEqual(['Da Costakade', 'Kinkerstraat']);
  });

  it('is one list for a day without planned streets, or from before them', () => {
    for (const day of [days[2], days[3], null]) expect(streetsForDay(streets, day)).toEqual({ planned: [], others: streets });
  });

  it('leaves out a planned street the neighbourhood no longer has, and names each once', () => {
    expect(plannedStreetIds({ id: 'x', streets: [{ id: 'weg' }, { id: 's2' }, { id: 's2' }] }, streetIds)).toEqual(['s2']);
  });
});

describe('the street the counter starts on', () => {
  beforeEach(() => {
    (globalThis as any).localStorage = memoryStorage();
  });

  it("offers the day's one planned street on a first visit, and still asks to confirm it", () => {
    const counter = new TallyCounter('c1');
    expect(counter.choosePlace(days, streetIds, '2027-04-10')).toBe(false);
    expect([counter.dayId, counter.streetId]).toEqual(['d1', 's3']);
  });

  it('guesses nothing when a day has several planned streets, or none', () => {
    const several = new TallyCounter('c1');
    expect(several.choosePlace(days, streetIds, '2027-04-17')).toBe(false);
    expect(several.streetId).toBe('');
    const none = new TallyCounter('c1');
    none.choosePlace(days, streetIds, '2027-04-24');
    expect(none.streetId).toBe('');
  });

  it("keeps the street counted on the same day, and offers the next day's planned street instead of yesterday's", () => {
    const first = new TallyCounter('c1');
    first.choosePlace(days, streetIds, '2027-04-10');
    first.streetId = 's2'; // the person chose another street than the planned one
    first.rememberPlace();
    const sameDay = new TallyCounter('c1');
    expect(sameDay.choosePlace(days, streetIds, '2027-04-10')).toBe(true);
    expect(sameDay.streetId).toBe('s2');

    // A week later, day 2 plans two streets: the remembered one stays (nothing to offer).
    const later = new TallyCounter('c1');
    expect(later.choosePlace(days, streetIds, '2027-04-17')).toBe(true);
    expect(later.streetId).toBe('s2');

    // Day 1 again on another date (a day remembered from before, planned for one street): offered.
    later.dayId = 'd2';
    later.rememberPlace();
    const back = new TallyCounter('c1');
    expect(back.choosePlace([{ ...days[0]!, date: '2027-04-18' }, days[1]!], streetIds, '2027-04-18')).toBe(false);
    expect([back.dayId, back.streetId]).toEqual(['d1', 's3']);
  });

  it('follows the day chosen in the form: its one planned street, until the person chose a street', () => {
    const counter = new TallyCounter('c1');
    counter.choosePlace(days, streetIds, '2027-04-24');
    expect(counter.streetId).toBe('');
    counter.dayId = 'd1';
    counter.dayChosen(days, streetIds);
    expect(counter.streetId).toBe('s3');
    // Another day: the offer was ours, so it goes (several planned: the person chooses).
    counter.dayId = 'd2';
    counter.dayChosen(days, streetIds);
    expect(counter.streetId).toBe('');
    // A street the person chose stays when the day changes.
    counter.streetId = 's2';
    counter.dayId = 'd1';
    counter.dayChosen(days, streetIds);
    expect(counter.streetId).toBe('s2');
  });

  it("starts at a sign-up's garden rather than at the planned street", () => {
    const counter = new TallyCounter('c1', { joinedAt: '2027-04-10T08:00:00.000Z', signupPlace: { streetId: 's1', houseNumber: '4' } });
    expect(counter.choosePlace(days, streetIds, '2027-04-10')).toBe(true);
    expect([counter.streetId, counter.houseNumber]).toEqual(['s1', '4']);
  });
});

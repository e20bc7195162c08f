/**
 * Splitting a schouw's spots over its teams (issue 16, point 3). Property: whatever spots
 * (streets of any length, with or without coordinates) and however many teams, every spot
 * goes to exactly one team, a street is split only when it has more spots than an even
 * share (and then over as few teams as its runs), team loads differ by at most the largest
 * piece, each street's spots stay together in a team's list with those without
 * coordinates last, and the answer does not depend on the input order. Plus hand examples
 * of walking order and compactness. Pure tests of a pure function: no database needed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSpots, type RouteSpot } from '../../server/src/modules/team/team-routes.js';

const spotsArbitrary: fc.Arbitrary<RouteSpot[]> = fc
  .array(
    fc.record({
      street: fc.nat(7),
      located: fc.integer({ min: 0, max: 5 }),
      lat: fc.integer({ min: 0, max: 100 }),
      lon: fc.integer({ min: 0, max: 100 }),
    }),
    { maxLength: 120, size: 'max' },
  )
  .map((list) =>
    list.map(({ street, located, lat, lon }, i) => ({
      id: `spot-${String(i).padStart(3, '0')}`,
      streetId: `street-${street}`,
      streetName: `Straat ${street}`,
      // A street's spots lie near each other: street s around (s * 10, s * 10).
      lat: located === 0 ? null : 51.8 + (street * 10 + lat / 20) * 0.0005,
      lon: located === 0 ? null : 4.6 + (street * 10 + lon / 20) * 0.0005,
      name: `Plek ${i}`,
    })),
  );

/** The largest piece no team can split: a whole street up to the share, else one run of a long street. */
function largestPiece(spots: RouteSpot[], teamCount: number): number {
  const share = Math.max(1, Math.ceil(spots.length / teamCount));
  const sizes = [...countBy(spots, (s) => s.streetId).values()].map((size) => (size <= share ? size : Math.ceil(size / Math.ceil(size / share))));
  return Math.max(0, ...sizes);
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('splitting spots over teams (property)', () => {
  it('places every spot once, keeps streets whole where it can, evens loads, keeps streets together, ignores input order', () => {
    fc.assert(
      fc.property(spotsArbitrary, fc.integer({ min: 1, max: 12 }), fc.nat(), (spots, teamCount, seed) => {
        const teams = splitSpots(spots, teamCount);
        expect(teams).toHaveLength(teamCount);
        expect(teams.flat().sort()).toEqual(spots.map((s) => s.id).sort());

        const spotOf = new Map(spots.map((s) => [s.id, s]));
        const share = Math.max(1, Math.ceil(spots.length / teamCount));
        for (const [street, size] of countBy(spots, (s) => s.streetId)) {
          const teamsWithStreet = teams.filter((team) => team.some((id) => spotOf.get(id)!.streetId === street)).length;
          expect(teamsWithStreet).toBeLessThanOrEqual(size <= share ? 1 : Math.ceil(size / share));
        }

        const loads = teams.map((t) => t.length);
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(largestPiece(spots, teamCount));

        for (const team of teams) {
          const streets = team.map((id) => spotOf.get(id)!.streetId);
          // Together: once a team leaves a street it never comes back to it.
          expect(streets.filter((street, i) => i === 0 || streets[i - 1] !== street)).toEqual([...new Set(streets)]);
          for (const street of new Set(streets)) {
            const located = team.filter((id) => spotOf.get(id)!.streetId === street).map((id) => spotOf.get(id)!.lat !== null);
            expect(located).toEqual([...located].sort((a, b) => Number(b) - Number(a)));
          }
        }

        expect(splitSpots(shuffled(spots, seed), teamCount)).toEqual(teams);
      }),
      { numRuns: 150 },
    );
  });
});

/** Spots along a straight street, numbered west to east. */
const alongStreet = (street: string, count: number, lon0: number, lat = 51.86): RouteSpot[] =>
  Array.from({ length: count }, (_, i) => ({ id: `${street}-${i}`, streetId: street, streetName: street, lat, lon: lon0 + i * 0.0003 }));

describe('splitting spots over teams (examples)', () => {
  it('walks a street from one end to the other, whatever order the spots came in', () => {
    const street = alongStreet('Dorpsstraat', 8, 4.65);
    const [route] = splitSpots(shuffled(street, 3), 1);
    const west = street.map((s) => s.id);
    expect([west, [...west].reverse()]).toContainEqual(route);
  });

  it('gives each team the streets that lie together, not streets from both ends of the neighbourhood', () => {
    const west = [...alongStreet('A-straat', 3, 4.6), ...alongStreet('B-straat', 3, 4.6, 51.861)];
    const east = [...alongStreet('C-straat', 3, 4.7), ...alongStreet('D-straat', 3, 4.7, 51.861)];
    const teams = splitSpots(shuffled([...west, ...east], 9), 2).map((team) => team.map((id) => id.split('-')[0]).sort());
    expect(teams.sort()).toEqual([
      ['A', 'A', 'A', 'B', 'B', 'B'],
      ['C', 'C', 'C', 'D', 'D', 'D'],
    ]);
  });

  it('cuts a street longer than an even share into consecutive runs', () => {
    const street = alongStreet('Lange Dijk', 10, 4.65);
    const teams = splitSpots(street, 3);
    expect(teams.map((t) => t.length).sort()).toEqual([3, 3, 4]);
    for (const team of teams) {
      const numbers = team.map((id) => Number(id.split('-').at(-1))).sort((a, b) => a - b);
      expect(numbers.at(-1)! - numbers[0]!).toBe(numbers.length - 1);
    }
  });

  it('puts spots without coordinates after the others, by name, and streets without any last', () => {
    const spots: RouteSpot[] = [
      { id: 'x1', streetId: 'kerk', streetName: 'Kerkstraat', lat: null, lon: null, name: 'Bank bij de kerk' },
      { id: 'x2', streetId: 'kerk', streetName: 'Kerkstraat', lat: 51.86, lon: 4.65 },
      { id: 'x3', streetId: 'kerk', streetName: 'Kerkstraat', lat: null, lon: null, name: 'Afvalbak' },
      { id: 'x4', streetId: 'molen', streetName: 'Molenweg', lat: null, lon: null, name: 'Speeltuin' },
      { id: 'x5', streetId: 'haven', streetName: 'Havenkade', lat: 51.861, lon: 4.651 },
    ];
    const [route] = splitSpots(spots, 1);
    expect(route!.slice(-1)).toEqual(['x4']);
    const kerk = route!.filter((id) => ['x1', 'x2', 'x3'].includes(id));
    expect(kerk).toEqual(['x2', 'x3', 'x1']);
  });

  it('refuses a team count below one', () => {
    expect(() => splitSpots([], 0)).toThrow(RangeError);
    expect(splitSpots([], 2)).toEqual([[], []]);
  });
});

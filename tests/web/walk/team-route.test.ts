/** The walk list of a walker in a team: the team's route first, in route order, with walked marks; then the other spots by street. */
import { describe, expect, it } from 'vitest';
import type { MyTeam } from '$lib/graphql/my-team-operations';
import { namesText, teamRoute, type StreetGroup } from '$lib/walk/team-route';
import type { Spot } from '$lib/walk/walk';

const spot = (id: string, streetId: string): Spot => ({ id, name: `Plek ${id}`, type: 'PLANTSOEN', street: { id: streetId } }) as Spot;
const groups: StreetGroup[] = [
  { streetId: 'a', streetName: 'Asstraat', spots: [spot('a1', 'a'), spot('a2', 'a')] },
  { streetId: 'b', streetName: 'Beukenlaan', spots: [spot('b1', 'b'), spot('b2', 'b'), spot('b3', 'b')] },
  { streetId: 'c', streetName: 'Cederhof', spots: [spot('c1', 'c')] },
];
const teamSpot = (id: string, streetId: string, walked = false) => ({ walked, spot: { id, name: `Plek ${id}`, type: 'PLANTSOEN' as const, street: { id: streetId, name: streetId } } });
const team = (spots: ReturnType<typeof teamSpot>[]): MyTeam => ({
  day: { id: 'd1', date: '2027-04-01', label: null },
  number: 2,
  mates: ['Anna', 'Bram'],
  spots,
  walkedCount: spots.filter((s) => s.walked).length,
  spotCount: spots.length,
});

describe('the walk list of a team', () => {
  it('lists the team’s spots first in the route’s order (not by street), then the other spots by street without those', () => {
    const { route, others } = teamRoute(team([teamSpot('b3', 'b'), teamSpot('a1', 'a'), teamSpot('b1', 'b')]), groups, new Set());
    expect(route!.spots.map((s) => s.spot.id)).toEqual(['b3', 'a1', 'b1']);
    expect(others.map((g) => [g.streetId, g.spots.map((s) => s.id)])).toEqual([
      ['a', ['a2']],
      ['b', ['b2']],
      ['c', ['c1']],
    ]);
    // The campaign snapshot's spot is used where the phone has it (its questions come from there).
    expect(route!.spots[0]!.spot).toBe(groups[1]!.spots[2]);
  });

  it('marks a spot walked when a team mate walked it (the server said so) or when this phone answered there, before the server knows', () => {
    const { route } = teamRoute(team([teamSpot('a1', 'a', true), teamSpot('a2', 'a'), teamSpot('b1', 'b'), teamSpot('c1', 'c')]), groups, new Set(['b1', 'b2']));
    expect(route!.spots.map((s) => s.walked)).toEqual([true, false, true, false]);
    expect(route).toMatchObject({ number: 2, mates: ['Anna', 'Bram'], walkedCount: 2, spotCount: 4 });
  });

  it('drops streets whose spots are all on the route, and keeps a route spot the phone does not know yet', () => {
    const { route, others } = teamRoute(team([teamSpot('c1', 'c'), teamSpot('new', 'x')]), groups, new Set());
    expect(others.map((g) => g.streetId)).toEqual(['a', 'b']);
    expect(route!.spots[1]!.spot).toMatchObject({ id: 'new', name: 'Plek new' });
  });

  it('shows every spot by street when the walker has no team', () => {
    expect(teamRoute(null, groups, new Set(['a1']))).toEqual({ route: null, others: groups });
  });

  it('names the mates as a sentence', () => {
    expect(namesText([], 'en')).toBe('');
    expect(namesText(['Anna'], 'en')).toBe('Anna');
    expect(namesText(['Anna', 'Bram'], 'en')).toBe('Anna en Bram');
    expect(namesText(['Anna', 'Bram', 'Cor'], 'and')).toBe('Anna, Bram and Cor');
  });
});

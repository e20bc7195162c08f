/**
 * The walk list of a walker in a team: the team's spots first, in route order, each
 * marked walked when a device of the team recorded something there (the server's answer)
 * or this phone did (at once, before the server knows); then every other spot of the
 * campaign by street, as the walk without a team lists them.
 */
import type { MyTeam } from '$lib/graphql/my-team-operations';
import type { Spot } from './walk';

export interface TeamRouteSpot {
  /** The campaign snapshot's spot when the phone has it (its questions); else what the team answer says. */
  spot: Pick<Spot, 'id' | 'name' | 'type'> & { street: { id: string } };
  walked: boolean;
}

export interface TeamRoute {
  number: number;
  mates: string[];
  spots: TeamRouteSpot[];
  walkedCount: number;
  spotCount: number;
}

export interface StreetGroup {
  streetId: string;
  streetName: string;
  spots: Spot[];
}

/**
 * Splits the walk into the team's route and the rest. `walkedHere`: spots this phone has
 * an answer at, sent or not. Without a team, the route is null and the rest is everything.
 */
export function teamRoute(team: MyTeam | null, groups: readonly StreetGroup[], walkedHere: ReadonlySet<string>): { route: TeamRoute | null; others: StreetGroup[] } {
  if (!team) return { route: null, others: [...groups] };
  const known = new Map(groups.flatMap((g) => g.spots).map((s) => [s.id, s]));
  const spots = team.spots.map(({ spot, walked }) => ({ spot: known.get(spot.id) ?? spot, walked: walked || walkedHere.has(spot.id) }));
  const onRoute = new Set(spots.map((s) => s.spot.id));
  const others = groups.map((g) => ({ ...g, spots: g.spots.filter((s) => !onRoute.has(s.id)) })).filter((g) => g.spots.length > 0);
  const walkedCount = spots.filter((s) => s.walked).length;
  return { route: { number: team.number, mates: team.mates, spots, walkedCount, spotCount: spots.length }, others };
}

/** "Anna", "Anna en Bram", "Anna, Bram en Cor". */
export function namesText(names: readonly string[], and: string): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${and} ${names.at(-1)}`;
}

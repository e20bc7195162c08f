/**
 * Splits a schouw's spots over its teams (issue 16, point 3): by street, so each team
 * walks whole streets close together, with an even load, and each team's spots in a
 * walking order. Pure and deterministic (ties go by id, never by input order); the team
 * service passes the campaign's spots in and stores the lists.
 *
 * How: a street stays with one team unless it has more spots than an even share
 * (ceil(spots / teams)); then it is cut into consecutive runs of about equal size along
 * its walking order. Streets are lined up by a nearest-neighbour path over their centres,
 * and that line is cut into teams at the even-load marks. Where the cuts leave loads
 * further apart than the largest run or street, a piece moves from the fullest team to
 * the emptiest (the piece nearest to it), which always ends within that bound.
 */

export interface RouteSpot {
  id: string;
  streetId: string;
  streetName: string;
  lat: number | null;
  lon: number | null;
  /** The spot's name, to order spots without coordinates; the id when absent. */
  name?: string;
}

interface Point {
  lat: number;
  lon: number;
}

/** A piece of one street that goes to one team whole: the street, or one run of a long street. */
interface Piece {
  street: string;
  streetName: string;
  run: number;
  spots: RouteSpot[];
  centre: Point | null;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const located = (spot: RouteSpot): spot is RouteSpot & Point => spot.lat !== null && spot.lon !== null;

/** Squared distance on a local flat map (longitude shrunk by the latitude); enough to compare. */
function distance(a: Point, b: Point): number {
  const dLat = a.lat - b.lat;
  const dLon = (a.lon - b.lon) * Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
  return dLat * dLat + dLon * dLon;
}

function centreOf(points: readonly Point[]): Point | null {
  if (points.length === 0) return null;
  return { lat: points.reduce((s, p) => s + p.lat, 0) / points.length, lon: points.reduce((s, p) => s + p.lon, 0) / points.length };
}

/** A nearest-neighbour path that starts at the item farthest from the middle (an end, not the middle). Items come sorted, so ties keep that order. */
function nearestNeighbourPath<T>(items: readonly T[], pointOf: (item: T) => Point): T[] {
  if (items.length === 0) return [];
  const middle = centreOf(items.map(pointOf))!;
  const left = [...items];
  let current = left.reduce((far, item) => (distance(pointOf(item), middle) > distance(pointOf(far), middle) ? item : far));
  const path: T[] = [];
  for (;;) {
    path.push(current);
    left.splice(left.indexOf(current), 1);
    if (left.length === 0) return path;
    const from = pointOf(current);
    current = left.reduce((near, item) => (distance(pointOf(item), from) < distance(pointOf(near), from) ? item : near));
  }
}

/** Walking order of one street: spots with coordinates along a path, then the others by name. */
function streetOrder(spots: readonly RouteSpot[]): RouteSpot[] {
  const sorted = [...spots].sort((a, b) => byText(a.id, b.id));
  const unlocated = sorted.filter((s) => !located(s)).sort((a, b) => byText(a.name ?? a.id, b.name ?? b.id) || byText(a.id, b.id));
  return [...nearestNeighbourPath(sorted.filter(located), (s) => s as Point), ...unlocated];
}

/** Pieces of every street, streets along a path over their centres and those without coordinates last, by name. */
function piecesInLine(spots: readonly RouteSpot[], share: number): Piece[] {
  const streets = new Map<string, RouteSpot[]>();
  for (const spot of spots) streets.set(spot.streetId, [...(streets.get(spot.streetId) ?? []), spot]);
  const byName = [...streets.entries()]
    .map(([id, list]) => ({ id, name: list.reduce((first, s) => (s.id < first.id ? s : first)).streetName, spots: streetOrder(list) }))
    .sort((a, b) => byText(a.name, b.name) || byText(a.id, b.id));
  const withCentre = byName.map((street) => ({ ...street, centre: centreOf(street.spots.filter(located)) }));
  const line = [...nearestNeighbourPath(withCentre.filter((s) => s.centre), (s) => s.centre!), ...withCentre.filter((s) => !s.centre)];
  return line.flatMap((street) => {
    const runs = Math.ceil(street.spots.length / share);
    const small = Math.floor(street.spots.length / runs);
    const big = street.spots.length - small * runs;
    let start = 0;
    return Array.from({ length: runs }, (_, run) => {
      const part = street.spots.slice(start, (start += run < big ? small + 1 : small));
      return { street: street.id, streetName: street.name, run, spots: part, centre: centreOf(part.filter(located)) };
    });
  });
}

/** Cuts the line of pieces into teams at the even-load marks, then evens out what the cuts left. */
function assignPieces(pieces: readonly Piece[], teamCount: number, total: number): Piece[][] {
  const teams: Piece[][] = Array.from({ length: teamCount }, () => []);
  let team = 0;
  let load = 0;
  pieces.forEach((piece, i) => {
    teams[team]!.push(piece);
    load += piece.spots.length;
    const next = pieces[i + 1];
    const mark = ((team + 1) * total) / teamCount;
    if (next && team < teamCount - 1 && load + next.spots.length / 2 >= mark) team++;
  });
  const largest = Math.max(0, ...pieces.map((p) => p.spots.length));
  const loadOf = (t: number) => teams[t]!.reduce((sum, p) => sum + p.spots.length, 0);
  for (;;) {
    const loads = teams.map((_, t) => loadOf(t));
    const fullest = loads.indexOf(Math.max(...loads));
    const emptiest = loads.indexOf(Math.min(...loads));
    if (loads[fullest]! - loads[emptiest]! <= largest) return teams;
    // Moving any piece (≤ largest < the gap) narrows the spread, so this ends.
    const target = centreOf(teams[emptiest]!.flatMap((p) => (p.centre ? [p.centre] : [])));
    const candidates = teams[fullest]!;
    const moving = target
      ? candidates.reduce((near, p) => (p.centre && (!near.centre || distance(p.centre, target) < distance(near.centre, target)) ? p : near))
      : candidates[candidates.length - 1]!;
    candidates.splice(candidates.indexOf(moving), 1);
    teams[emptiest]!.push(moving);
  }
}

/** A team's walking order: its streets whole (runs of one street joined), each next street the nearest to where the last ended. */
function teamOrder(pieces: readonly Piece[]): string[] {
  const blocks = new Map<string, RouteSpot[]>();
  for (const piece of [...pieces].sort((a, b) => a.run - b.run)) blocks.set(piece.street, [...(blocks.get(piece.street) ?? []), ...piece.spots]);
  const streets = [...blocks.values()];
  const withPlace = streets.filter((spots) => located(spots[0]!));
  const ordered: RouteSpot[][] = [];
  // The first street is the one the line of all streets reached first; pieces keep that order.
  let current = withPlace.find((spots) => spots[0]!.streetId === pieces.find((p) => p.centre)?.street);
  while (current) {
    ordered.push(current);
    withPlace.splice(withPlace.indexOf(current), 1);
    const end = current.filter(located).at(-1)!;
    current = withPlace.reduce<RouteSpot[] | undefined>((near, spots) => (!near || distance(spots[0] as Point, end) < distance(near[0] as Point, end) ? spots : near), undefined);
  }
  const unlocated = streets.filter((spots) => !located(spots[0]!)).sort((a, b) => byText(a[0]!.streetName, b[0]!.streetName) || byText(a[0]!.streetId, b[0]!.streetId));
  return [...ordered, ...unlocated].flatMap((spots) => spots.map((s) => s.id));
}

/** Splits the spots over `teamCount` teams by street, compact and even; each team's list in walking order. */
export function splitSpots(spots: readonly RouteSpot[], teamCount: number): string[][] {
  if (!Number.isInteger(teamCount) || teamCount < 1) throw new RangeError(`teamCount must be an integer >= 1, got ${teamCount}`);
  if (new Set(spots.map((s) => s.id)).size !== spots.length) throw new RangeError('spot ids must be unique');
  const share = Math.max(1, Math.ceil(spots.length / teamCount));
  const pieces = piecesInLine(spots, share);
  return assignPieces(pieces, teamCount, spots.length).map(teamOrder);
}

/**
 * Who stands on the podium of one prize: the proposed winner and the next two places, by
 * the standings' own rule (placesByFigure): equal figures share a place and the next place
 * is skipped (1, 1, 3). Nobody is picked among equals: everyone on a shared place is
 * proposed, and the console says the place is shared. Only figures above zero compete.
 */
import { placesByFigure } from '../tally/tally-aggregates.service.js';

/** Places 1 to 3. */
export const PODIUM_PLACES = 3;
/** At most this many names per prize, however many share a place; the rest is counted. */
export const MAX_PROPOSED = 10;

export interface PrizeCandidate {
  /** A display name with consent, a pseudonym, or a street name. */
  name: string;
  isPseudonym: boolean;
  /** The figure the prize is for: cm², cm² per household, gardens, spots, things counted or gardens helped. */
  figure: number;
}

export interface PlacedCandidate extends PrizeCandidate {
  place: number;
  /** Another candidate has the same place. */
  tied: boolean;
}

export interface Podium {
  winners: PlacedCandidate[];
  /** Candidates on places 1 to 3 beyond MAX_PROPOSED (all sharing the last place shown). */
  leftOut: number;
}

export function podiumOf(candidates: readonly PrizeCandidate[]): Podium {
  // Equal figures are listed by name only so that the list reads the same each time.
  const sorted = candidates.filter((c) => c.figure > 0).sort((a, b) => b.figure - a.figure || a.name.localeCompare(b.name, 'nl'));
  const places = placesByFigure(sorted.map((c) => c.figure));
  const onPodium = sorted.map((c, i) => ({ ...c, place: places[i]! })).filter((c) => c.place <= PODIUM_PLACES);
  const perPlace = new Map<number, number>();
  for (const c of onPodium) perPlace.set(c.place, (perPlace.get(c.place) ?? 0) + 1);
  const placed = onPodium.map((c): PlacedCandidate => ({ ...c, tied: perPlace.get(c.place)! > 1 }));
  return { winners: placed.slice(0, MAX_PROPOSED), leftOut: Math.max(0, placed.length - MAX_PROPOSED) };
}

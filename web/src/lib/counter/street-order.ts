/**
 * The streets the counter offers for a day: "iedere dag een andere straat", so the streets
 * the coordinator planned for the chosen day come first, in the planned order, and then
 * every other street of the neighbourhood, as the campaign lists them. A day kept by an
 * app version from before planned streets has none: then it is one list, as before.
 */

export interface StreetChoice {
  id: string;
  name: string;
}

/** A day as far as its planned streets go (absent in a snapshot from before them). */
export interface PlannedDay {
  id: string;
  streets?: readonly { id: string }[] | null;
}

/** The planned streets' ids of a day that the neighbourhood has, in the planned order. */
export function plannedStreetIds(day: PlannedDay | null | undefined, streetIds: readonly string[]): string[] {
  const known = new Set(streetIds);
  return [...new Set((day?.streets ?? []).map((s) => s.id))].filter((id) => known.has(id));
}

/** The day's planned streets first (in the planned order), then the others (in the given order). */
export function streetsForDay<S extends StreetChoice>(streets: readonly S[], day: PlannedDay | null | undefined): { planned: S[]; others: S[] } {
  const planned = plannedStreetIds(
    day,
    streets.map((s) => s.id),
  );
  const byId = new Map(streets.map((s) => [s.id, s]));
  const plannedSet = new Set(planned);
  return { planned: planned.map((id) => byId.get(id)!), others: streets.filter((s) => !plannedSet.has(s.id)) };
}

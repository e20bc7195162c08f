/**
 * The streets an action day is for ("iedere dag een andere straat"), as a coordinator puts
 * them in order before saving (setCampaignDayStreets): add, move up or down, take out. The
 * order is the order the counter offers them on that day. Each change makes a new list;
 * the server checks the rest (streets of the neighbourhood, how many) and says why not.
 */

export interface StreetChoice {
  id: string;
  name: string;
}

/** Adds a street at the end; a street already in the list stays where it is. */
export const withStreet = <S extends StreetChoice>(list: readonly S[], street: S): S[] => (list.some((s) => s.id === street.id) ? [...list] : [...list, street]);

/** The list without this street. */
export const withoutStreet = <S extends StreetChoice>(list: readonly S[], id: string): S[] => list.filter((s) => s.id !== id);

/** Moves the street at `index` one place up (-1) or down (+1); at either end nothing moves. */
export function movedStreet<S extends StreetChoice>(list: readonly S[], index: number, by: -1 | 1): S[] {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/** The neighbourhood's streets that are not in the list yet, by name. */
export const streetsLeft = <S extends StreetChoice>(all: readonly S[], chosen: readonly StreetChoice[]): S[] =>
  all.filter((s) => !chosen.some((c) => c.id === s.id)).sort((a, b) => a.name.localeCompare(b.name, 'nl'));

/** "Troelstrastraat, Johan de Wittstraat", or the words for none. */
export const streetsText = (list: readonly StreetChoice[]): string => (list.length === 0 ? 'nog geen straten gekozen' : list.map((s) => s.name).join(', '));

/** Whether the list differs from what was saved: another street, or another order. */
export const streetsChanged = (list: readonly StreetChoice[], saved: readonly StreetChoice[]): boolean => list.length !== saved.length || list.some((s, i) => s.id !== saved[i]!.id);

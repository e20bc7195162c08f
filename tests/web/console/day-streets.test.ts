/**
 * The streets of an action day as a coordinator puts them in order before saving: a street
 * is added once at the end, moves one place at a time and never off either end, the choice
 * offers only streets not chosen yet (by name), and a change of order counts as a change.
 */
import { describe, expect, it } from 'vitest';
import { movedStreet, streetsChanged, streetsLeft, streetsText, withoutStreet, withStreet } from '$lib/console/day-streets';

const troelstra = { id: 't', name: 'Troelstrastraat' };
const dewitt = { id: 'w', name: 'Johan de Wittstraat' };
const hoogendorp = { id: 'h', name: 'Van Hoogendorpweg' };

describe('the streets of a day', () => {
  it('adds a street once, at the end, and takes one out', () => {
    const list = withStreet(withStreet([], troelstra), dewitt);
    expect(list).toEqual([troelstra, dewitt]);
    expect(withStreet(list, troelstra)).toEqual([troelstra, dewitt]);
    expect(withoutStreet(list, 't')).toEqual([dewitt]);
  });

  it('moves a street one place up or down, and not past either end', () => {
    const list = [troelstra, dewitt, hoogendorp];
    expect(movedStreet(list, 1, -1)).toEqual([dewitt, troelstra, hoogendorp]);
    expect(movedStreet(list, 1, 1)).toEqual([troelstra, hoogendorp, dewitt]);
    expect(movedStreet(list, 0, -1)).toEqual(list);
    expect(movedStreet(list, 2, 1)).toEqual(list);
    expect(movedStreet(list, 7, 1)).toEqual(list);
  });

  it('offers the streets not chosen yet, by name', () => {
    expect(streetsLeft([hoogendorp, troelstra, dewitt], [troelstra])).toEqual([dewitt, hoogendorp]);
  });

  it('says the chosen streets in order, or that there are none', () => {
    expect(streetsText([troelstra, dewitt])).toBe('Troelstrastraat, Johan de Wittstraat');
    expect(streetsText([])).toBe('nog geen straten gekozen');
  });

  it('sees another street and another order as a change', () => {
    expect(streetsChanged([troelstra, dewitt], [troelstra, dewitt])).toBe(false);
    expect(streetsChanged([dewitt, troelstra], [troelstra, dewitt])).toBe(true);
    expect(streetsChanged([troelstra], [troelstra, dewitt])).toBe(true);
  });
});

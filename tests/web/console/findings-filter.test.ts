import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_RATING, NOT_ROUTED, countTable, emptyFilter, isFiltered, itemPrompts, positionOf, toFilterInput } from '$lib/console/findings-filter';
import type { ChecklistVersion } from '$lib/graphql/console/campaign-operations';
import type { Finding, ThemeRatingCount } from '$lib/graphql/console/finding-operations';

const checklist: ChecklistVersion = {
  id: 'v1',
  version: 1,
  sections: [
    { id: 'groen', title: 'Groen', theme: 'GROEN_ONDERHOUD', items: [{ id: 'g1', prompt: 'Hoe is het plantsoen?', type: 'RATING', choices: [], spotTypes: [], signalAnswers: [] }] },
    { id: 'spelen', title: 'Spelen', theme: 'ONTMOETEN_SPELEN', items: [{ id: 's1', prompt: 'Hoe zijn de toestellen?', type: 'RATING', choices: [], spotTypes: [], signalAnswers: [] }] },
  ],
};

let n = 0;
function finding(over: Partial<Finding> = {}): Finding {
  n += 1;
  return {
    id: `f${n}`,
    status: 'NIEUW',
    category: 'HEEL',
    rating: null,
    answer: null,
    text: null,
    suggestion: null,
    checklistItemId: null,
    photoIds: [],
    location: null,
    spot: null,
    street: null,
    routedTo: null,
    recorderName: null,
    recorderAcceptsContact: null,
    serverTime: '2027-05-16T09:00:00.000Z',
    version: 1,
    nextStatuses: [],
    conflicts: [],
    statusHistory: [],
    ...over,
  };
}

describe('the findings filter and counts', () => {
  const a = finding({ checklistItemId: 'g1', category: 'GROEN_ONDERHOUD', rating: 'C', street: { id: 'st1', name: 'Troelstrastraat' }, spot: { id: 'p1', name: 'Plantsoen', type: 'PLANTSOEN', lat: 51.86, lon: 4.65 } });
  const b = finding({ text: 'Zwerfvuil', category: 'SCHOON', rating: null, status: 'AFGEHANDELD', routedTo: { id: 'org1', name: 'HVC' }, street: { id: 'st2', name: 'Boerenpad' } });
  const c = finding({ checklistItemId: 's1', category: 'HEEL', rating: 'A', location: { lat: 51.1, lon: 4.1, accuracyM: 8 }, spot: { id: 'p2', name: 'Speeltuin', type: 'SPEELPLEK', lat: 51.2, lon: 4.2 } });
  const all = [a, b, c];

  it('sends nothing for an empty filter, and says it is not filtered', () => {
    expect(toFilterInput(emptyFilter())).toEqual({});
    expect(isFiltered(emptyFilter())).toBe(false);
    expect(isFiltered({ ...emptyFilter(), theme: 'HEEL' })).toBe(true);
  });

  it('turns the form into the API filter: "geen oordeel" and "niet doorgestuurd" are switches of their own', () => {
    expect(toFilterInput({ streetId: 'st1', spotType: 'PLANTSOEN', theme: 'HEEL', rating: 'C', status: 'AFGEHANDELD', partnerId: 'org1' })).toEqual({
      streetId: 'st1',
      spotType: 'PLANTSOEN',
      theme: 'HEEL',
      rating: 'C',
      status: 'AFGEHANDELD',
      routedTo: 'org1',
    });
    expect(toFilterInput({ ...emptyFilter(), rating: NO_RATING, partnerId: NOT_ROUTED })).toEqual({ unrated: true, notRouted: true });
  });

  it('lays the server counts out per theme in the usual order, with a column for no rating; empty themes stay out', () => {
    const rows: ThemeRatingCount[] = [
      { theme: 'SCHOON', rating: null, count: 4 },
      { theme: 'GROEN_ONDERHOUD', rating: 'C', count: 2 },
      { theme: 'GROEN_ONDERHOUD', rating: 'A', count: 1 },
    ];
    expect(countTable(rows)).toEqual([
      { theme: 'GROEN_ONDERHOUD', total: 3, byRating: { C: 2, A: 1 } },
      { theme: 'SCHOON', total: 4, byRating: { [NO_RATING]: 4 } },
    ]);
  });

  it('places a finding at its own location first, else at its spot, else nowhere', () => {
    expect(positionOf(c)).toEqual({ lat: 51.1, lon: 4.1 });
    expect(positionOf(a)).toEqual({ lat: 51.86, lon: 4.65 });
    expect(positionOf(b)).toBeNull();
  });

  it('names checklist answers by their question', () => {
    expect(itemPrompts(checklist).get('s1')).toBe('Hoe zijn de toestellen?');
  });

  it('counts every finding of the server rows exactly once, whatever the themes and ratings', () => {
    const row = fc.record({
      theme: fc.constantFrom('GROEN_ONDERHOUD', 'SCHOON', 'HEEL', 'VEILIG', 'ONBEKEND'),
      rating: fc.constantFrom(null, 'A_PLUS', 'A', 'B', 'C', 'D', 'NVT'),
      count: fc.integer({ min: 1, max: 10_000 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(row, { selector: (r) => `${r.theme}/${r.rating}`, maxLength: 40 }), (rows) => {
        const table = countTable(rows);
        const sum = (list: { count: number }[]) => list.reduce((total, r) => total + r.count, 0);
        expect(table.reduce((total, r) => total + r.total, 0)).toBe(sum(rows));
        for (const line of table) {
          expect(Object.values(line.byRating).reduce((x, y) => x + y, 0)).toBe(line.total);
          expect(line.total).toBe(sum(rows.filter((r) => r.theme === line.theme)));
        }
      }),
    );
  });
});

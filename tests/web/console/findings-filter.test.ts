import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FREE_SECTION,
  NO_RATING,
  countBySectionAndRating,
  emptyFilter,
  filterFindings,
  groupByStreet,
  itemPrompts,
  positionOf,
  sectionIndex,
} from '$lib/console/findings-filter';
import type { ChecklistVersion, Finding } from '$lib/console/operations';

const checklist: ChecklistVersion = {
  id: 'v1',
  version: 1,
  sections: [
    { id: 'groen', title: 'Groen', theme: 'GROEN_ONDERHOUD', items: [{ id: 'g1', prompt: 'Hoe is het plantsoen?', type: 'RATING', choices: [], spotTypes: [], signalAnswers: [] }] },
    { id: 'spelen', title: 'Spelen', theme: 'ONTMOETEN_SPELEN', items: [{ id: 's1', prompt: 'Hoe zijn de toestellen?', type: 'RATING', choices: [], spotTypes: [], signalAnswers: [] }] },
  ],
};
const index = sectionIndex(checklist);

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
    serverTime: '2027-05-16T09:00:00.000Z',
    version: 1,
    nextStatuses: [],
    conflicts: [],
    statusHistory: [],
    ...over,
  };
}

describe('filtering findings', () => {
  const a = finding({ checklistItemId: 'g1', rating: 'C', street: { id: 'st1', name: 'Troelstrastraat' }, spot: { id: 'p1', name: 'Plantsoen', type: 'PLANTSOEN', lat: 51.86, lon: 4.65 } });
  const b = finding({ text: 'Zwerfvuil', rating: null, status: 'AFGEHANDELD', routedTo: { id: 'org1', name: 'HVC' }, street: { id: 'st2', name: 'Boerenpad' } });
  const c = finding({ checklistItemId: 's1', rating: 'A', location: { lat: 51.1, lon: 4.1, accuracyM: 8 }, spot: { id: 'p2', name: 'Speeltuin', type: 'SPEELPLEK', lat: 51.2, lon: 4.2 } });
  const all = [a, b, c];

  it('keeps everything with an empty filter', () => {
    expect(filterFindings(all, emptyFilter(), index)).toEqual(all);
  });

  it('filters by street, spot type, section, rating, status and partner, and combines them', () => {
    expect(filterFindings(all, { ...emptyFilter(), streetId: 'st1' }, index)).toEqual([a]);
    expect(filterFindings(all, { ...emptyFilter(), spotType: 'SPEELPLEK' }, index)).toEqual([c]);
    expect(filterFindings(all, { ...emptyFilter(), sectionId: FREE_SECTION }, index)).toEqual([b]);
    expect(filterFindings(all, { ...emptyFilter(), sectionId: 'spelen' }, index)).toEqual([c]);
    expect(filterFindings(all, { ...emptyFilter(), rating: NO_RATING }, index)).toEqual([b]);
    expect(filterFindings(all, { ...emptyFilter(), status: 'AFGEHANDELD' }, index)).toEqual([b]);
    expect(filterFindings(all, { ...emptyFilter(), partnerId: 'org1' }, index)).toEqual([b]);
    expect(filterFindings(all, { ...emptyFilter(), partnerId: 'NONE' }, index)).toEqual([a, c]);
    expect(filterFindings(all, { ...emptyFilter(), rating: 'C', streetId: 'st2' }, index)).toEqual([]);
  });

  it('counts per section and rating in checklist order, free findings last, empty sections left out', () => {
    expect(countBySectionAndRating(all, checklist, index)).toEqual([
      { sectionId: 'groen', total: 1, byRating: { C: 1 } },
      { sectionId: 'spelen', total: 1, byRating: { A: 1 } },
      { sectionId: FREE_SECTION, total: 1, byRating: { [NO_RATING]: 1 } },
    ]);
    expect(countBySectionAndRating([b], checklist, index).map((c) => c.sectionId)).toEqual([FREE_SECTION]);
  });

  it('places a finding at its own location first, else at its spot, else nowhere', () => {
    expect(positionOf(c)).toEqual({ lat: 51.1, lon: 4.1 });
    expect(positionOf(a)).toEqual({ lat: 51.86, lon: 4.65 });
    expect(positionOf(b)).toBeNull();
  });

  it('groups by street alphabetically with findings without a street last', () => {
    expect(groupByStreet(all).map((g) => [g.street, g.findings.map((f) => f.id)])).toEqual([
      ['Boerenpad', [b.id]],
      ['Troelstrastraat', [a.id]],
      ['', [c.id]],
    ]);
  });

  it('names checklist answers by their question', () => {
    expect(itemPrompts(checklist).get('s1')).toBe('Hoe zijn de toestellen?');
  });

  it('counts every finding exactly once, and the rating filters split the findings without overlap', () => {
    const arbitraryFinding = fc.record({
      item: fc.constantFrom(null, 'g1', 's1', 'onbekend-item'),
      rating: fc.constantFrom(null, 'A_PLUS', 'A', 'B', 'C', 'D', 'NVT'),
    });
    fc.assert(
      fc.property(fc.array(arbitraryFinding, { maxLength: 60 }), (specs) => {
        const findings = specs.map((s) => finding({ checklistItemId: s.item, rating: s.rating }));
        const counts = countBySectionAndRating(findings, checklist, index);
        expect(counts.reduce((sum, c) => sum + c.total, 0)).toBe(findings.length);
        for (const c of counts) expect(Object.values(c.byRating).reduce((x, y) => x + y, 0)).toBe(c.total);
        const ratings = ['A_PLUS', 'A', 'B', 'C', 'D', 'NVT', NO_RATING];
        const parts = ratings.map((rating) => filterFindings(findings, { ...emptyFilter(), rating }, index));
        expect(parts.flat().map((f) => f.id).sort()).toEqual(findings.map((f) => f.id).sort());
      }),
    );
  });
});

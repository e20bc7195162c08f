/**
 * The shared per-unit components as a screen reader and a black-and-white printout meet
 * them: each unit's figure and progress in text next to its bar (a progressbar with the
 * unit's name and the progress in words), no bar without a target, tiles with their m²,
 * each street of a day done or not yet in words, the icon hidden, and a day's summary the
 * same for every counting action: its units with a count, how many planned streets are
 * done, its date in the reader's language.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import DayStreetList from '$lib/tally/DayStreetList.svelte';
import DaySummary from '$lib/tally/DaySummary.svelte';
import StreetUnitTable from '$lib/tally/StreetUnitTable.svelte';
import UnitProgressCards from '$lib/tally/UnitProgressCards.svelte';
import type { TallyWords, UnitFigure } from '$lib/tally/tally-figures';

const words: TallyWords = {
  locale: 'nl-NL',
  unit: (code) => ({ ZAK_ZWERFVUIL: 'Zakken zwerfvuil', GROFVUIL: 'Grofvuil (stuks)', TEGEL_30X30: 'Tegel 30×30' })[code as string] ?? code,
  ofTarget: (quantity, target) => `${quantity} van ${target}`,
  percentOfTarget: (percent) => `${percent}% van het doel`,
  noTarget: 'Geen doel',
  done: 'gedaan',
  notYet: 'nog niet',
  notPlanned: 'gedaan, niet gepland',
  plannedDone: (done, planned) => `${done} van ${planned} geplande straten gedaan.`,
  noStreets: 'Geen straten gepland.',
  dayStreets: (day) => `Straten van ${day}`,
  nothingYet: 'Nog niets geteld.',
};
const text = (html: string) => html.replace(/<!--[^>]*-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

const units: UnitFigure[] = [
  { unit: { code: 'ZAK_ZWERFVUIL', measured: false, target: 40 }, quantity: 12, areaCm2: 0, entries: 4, progressPercent: 30 },
  { unit: { code: 'GROFVUIL', measured: false, target: null }, quantity: 3, areaCm2: 0, entries: 2, progressPercent: null },
];

describe('the per-unit cards', () => {
  it('write each figure and its progress in text, with a named progressbar only where there is a target', () => {
    const { body } = render(UnitProgressCards, { props: { units, words, testid: 'cards' } });
    expect(text(body)).toBe('Zakken zwerfvuil 12 van 40 30% van het doel Grofvuil (stuks) 3 Geen doel');
    expect(body.match(/role="progressbar"/g)).toHaveLength(1);
    expect(body).toMatch(/role="progressbar" aria-label="Zakken zwerfvuil"[^>]*aria-valuenow="30"[^>]*aria-valuetext="30% van het doel"/);
    expect(body).toContain('<h3 class="unit-name');
  });

  it('writes the m² that tiles counted in pieces stand for', () => {
    const tiles: UnitFigure = { unit: { code: 'TEGEL_30X30', areaCm2PerPiece: 900, measured: false, target: null }, quantity: 12, areaCm2: 10_800, entries: 2, progressPercent: null };
    const { body } = render(UnitProgressCards, { props: { units: [tiles], words } });
    expect(text(body)).toBe('Tegel 30×30 12 1,08 m² Geen doel');
  });

  it('keeps a full bar past the target', () => {
    const { body } = render(UnitProgressCards, { props: { units: [{ ...units[0]!, quantity: 60, progressPercent: 150 }], words, headingLevel: 2 } });
    expect(body).toContain('aria-valuenow="100"');
    expect(text(body)).toContain('60 van 40 150% van het doel');
    expect(body).toContain('<h2 class="unit-name');
  });
});

describe('the streets of a day', () => {
  it('say done or not yet in words, planned ones first as given, the icon hidden from screen readers', () => {
    const { body } = render(DayStreetList, {
      props: {
        label: 'Straten van zaterdag',
        words,
        streets: [
          { streetId: 'a', streetName: 'Troelstrastraat', planned: true, counted: true },
          { streetId: 'b', streetName: 'Johan de Wittstraat', planned: true, counted: false },
          { streetId: 'c', streetName: 'Van Hoogendorpweg', planned: false, counted: true },
        ],
      },
    });
    expect(body).toContain('aria-label="Straten van zaterdag"');
    expect(body.match(/class="icon[^"]*" aria-hidden="true"/g)).toHaveLength(3);
    expect(text(body.replace(/<span class="icon[^>]*>[^<]*<\/span>/g, ''))).toBe('Troelstrastraat gedaan Johan de Wittstraat nog niet Van Hoogendorpweg gedaan, niet gepland');
  });
});

describe('the table per street', () => {
  it('has a column per unit of the campaign, in its order, and 0 where a unit was not counted', () => {
    const { body } = render(StreetUnitTable, {
      props: {
        caption: 'Geteld per straat',
        words,
        units: units.map((u) => u.unit),
        streets: [{ streetId: 'a', streetName: 'Troelstrastraat', units: [{ unit: units[1]!.unit, quantity: 2 }] }],
      },
    });
    expect(text(body)).toBe('Geteld per straat Straat Zakken zwerfvuil Grofvuil (stuks) Troelstrastraat 0 2');
  });
});

describe('the summary of an action day', () => {
  const streets = [
    { streetId: 'a', streetName: 'Troelstrastraat', planned: true, counted: true },
    { streetId: 'b', streetName: 'Johan de Wittstraat', planned: true, counted: false },
  ];
  const withoutIcons = (html: string) => text(html.replace(/<span class="icon[^>]*>[^<]*<\/span>/g, ''));

  it('says the units counted that day, the planned streets done, and names the day by its date, not YYYY-MM-DD', () => {
    const { body } = render(DaySummary, {
      props: { day: { id: 'd1', date: '2027-04-17', label: null }, units: [units[0]!, { ...units[1]!, quantity: 0 }], streets, words, testid: 'day' },
    });
    expect(withoutIcons(body)).toBe('17 april 2027 Zakken zwerfvuil: 12 1 van 2 geplande straten gedaan. Troelstrastraat gedaan Johan de Wittstraat nog niet');
    expect(body).toContain('aria-label="Straten van 17 april 2027"');
    expect(body).toContain('data-testid="day-streets"');
    expect(body).toContain('<h3 id="day-d1"');
  });

  it('adds the day’s m² for tiles, and says when nothing was counted or planned', () => {
    const { body } = render(DaySummary, { props: { day: { id: 'd2', date: '2027-05-01', label: 'Wipdag' }, units: [], streets: [], words: { ...words, locale: 'en-GB' }, area: '0,0 m²' } });
    expect(text(body)).toBe('Wipdag (1 May 2027) 0,0 m² Nog niets geteld. Geen straten gepland.');
  });
});

/**
 * What the per-unit totals say, for the console's dashboard and big screen and for the
 * public progress page alike (the components beside this file). The server computes every
 * figure (tallyDashboard, publicProgress), places and order included; this only turns them
 * into words and bar lengths. Words come in from the screen (TallyWords): the console
 * speaks Dutch, the public page the visitor's language. Unit codes are the protocol's, the
 * same set as the schema's TallyUnit.
 */
import type { UnitCode } from '@buurtkracht/protocol/tally-units';
import { formatM2 } from '../counter/tile-sizes';
import { formatDate, formatNumber } from '../i18n/intl-format';

/** One unit of a campaign as the API describes it (CampaignUnit). */
export interface UnitInfo {
  code: UnitCode;
  /** The paving one piece stands for: 0 for units that are not paving, 1 for a measured AREA. */
  areaCm2PerPiece?: number;
  /** The count is a measured area in cm² (AREA), shown in m². */
  measured: boolean;
  target: number | null;
}

/** A unit's total (UnitTally): net quantity after corrections, its area, entries, progress. */
export interface UnitFigure {
  unit: UnitInfo;
  quantity: number;
  areaCm2: number;
  entries: number;
  /** Null without a target. */
  progressPercent: number | null;
}

/** One street of a day (DayStreetTally): planned by the coordinators, counted by the counters (net more than nothing). */
export interface DayStreetFigure {
  streetId: string;
  streetName: string;
  planned: boolean;
  counted: boolean;
}

/** The words a screen gives the tally components, in its language. */
export interface TallyWords {
  /** For numbers: "nl-NL" or "en-GB". */
  locale: string;
  /** A unit's name as a heading: "Zakken zwerfvuil", "Tegel 30×30". */
  unit: (code: UnitCode) => string;
  /** "{quantity} van {target}". */
  ofTarget: (quantity: string, target: string) => string;
  /** "{percent}% van het doel". */
  percentOfTarget: (percent: string) => string;
  /** Said where a unit has no target. */
  noTarget: string;
  /** A street of the day that has counts. */
  done: string;
  /** A planned street without counts yet. */
  notYet: string;
  /** A street counted on the day that was not planned for it. */
  notPlanned: string;
  /** "{done} van {planned} geplande straten gedaan." */
  plannedDone: (done: number, planned: number) => string;
  /** A day without planned streets and without counts. */
  noStreets: string;
  /** The name of a day's list of streets: "Straten van {day}". */
  dayStreets: (day: string) => string;
  /** Said of a day, or a street, where nothing is counted yet. */
  nothingYet: string;
}

/** A quantity as people read it: a number of things, or for a measured area its m² ("3,5 m²"). */
export function quantityText(unit: Pick<UnitInfo, 'measured'>, quantity: number, locale: string): string {
  return unit.measured ? `${formatM2(quantity, locale)} m²` : formatNumber(quantity, locale, { maximumFractionDigits: 0 });
}

/** "12 van 40" against a target, else only "12". */
export function figureText(figure: Pick<UnitFigure, 'unit' | 'quantity'>, words: Pick<TallyWords, 'locale' | 'ofTarget'>): string {
  const quantity = quantityText(figure.unit, figure.quantity, words.locale);
  return figure.unit.target === null ? quantity : words.ofTarget(quantity, quantityText(figure.unit, figure.unit.target, words.locale));
}

/** The m² that pieces of paving stand for ("1,1 m²"); null for units that are no paving, and for a measured area (its figure is already m²). */
export const areaText = (figure: Pick<UnitFigure, 'unit' | 'areaCm2'>, locale: string): string | null =>
  !figure.unit.measured && (figure.unit.areaCm2PerPiece ?? 0) > 0 ? quantityText({ measured: true }, figure.areaCm2, locale) : null;

/** "30% van het doel", or the words for no target. */
export function progressText(figure: Pick<UnitFigure, 'progressPercent'>, words: Pick<TallyWords, 'locale' | 'percentOfTarget' | 'noTarget'>): string {
  if (figure.progressPercent === null) return words.noTarget;
  return words.percentOfTarget(formatNumber(figure.progressPercent, words.locale, { maximumFractionDigits: 1 }));
}

/** How much of a progress bar is filled, 0–100: past the target it stays full, a negative total (corrections) shows empty. */
export const barShare = (percent: number | null): number => Math.min(100, Math.max(0, percent ?? 0));

/** A bar's length next to the largest of its list, 0–100. */
export const shareOfLargest = (value: number, largest: number): number => (largest > 0 ? (Math.max(0, value) / largest) * 100 : 0);

export type DayStreetState = 'done' | 'notYet' | 'notPlanned';

/**
 * Where a street of a day stands: counted (done), planned and not counted yet, or counted
 * without being planned. A day that names no streets has no plan to stray from: its
 * counted streets are simply done.
 */
export const dayStreetState = (street: Pick<DayStreetFigure, 'planned' | 'counted'>, dayHasPlan: boolean): DayStreetState =>
  street.counted ? (street.planned || !dayHasPlan ? 'done' : 'notPlanned') : 'notYet';

/** "2 van 3 straten gedaan"-style counts: how many planned streets of a day have counts. */
export function plannedDone(streets: readonly Pick<DayStreetFigure, 'planned' | 'counted'>[]): { planned: number; done: number } {
  const planned = streets.filter((s) => s.planned);
  return { planned: planned.length, done: planned.filter((s) => s.counted).length };
}

/** A street's quantities per unit in the campaign's unit order, for a row of a table; units missing from the street count 0. */
export function quantitiesInOrder(units: readonly UnitInfo[], figures: readonly Pick<UnitFigure, 'unit' | 'quantity'>[]): number[] {
  return units.map((unit) => figures.find((f) => f.unit.code === unit.code)?.quantity ?? 0);
}

/** An action day as the API describes it (CampaignDay). */
export interface DayInfo {
  id: string;
  /** YYYY-MM-DD. */
  date: string;
  label: string | null;
}

/** A day's date for people in the reader's language ("17 april 2027", "17 April 2027"), never the ISO form. */
export const dateText = (ymd: string, locale: string): string => formatDate(new Date(`${ymd}T00:00:00Z`), locale, { dateStyle: 'long', timeZone: 'UTC' });

/** A day as a heading: "Opruimdag (17 april 2027)", or its date alone when it has no label. */
export const dayTitle = (day: Omit<DayInfo, 'id'>, locale: string): string => (day.label ? `${day.label} (${dateText(day.date, locale)})` : dateText(day.date, locale));

/** What a street or a participant is ranked by (the server's places follow it): tiles by area, other units by everything counted. */
export interface RankedTotal {
  areaCm2: number;
  /** All units together, net; absent in standings kept by an app version from before it. */
  quantity?: number | null;
}

/** The figure behind a place: cm² when the campaign's totals are an area, else the net count of all units. */
export const rankingFigure = (total: RankedTotal, inArea: boolean): number => (inArea ? total.areaCm2 : (total.quantity ?? 0));

/** That figure as a number for people: m² ("3,6") or the count ("12"); the screen says which (a column heading, "m²", "geteld"). */
export const rankingText = (total: RankedTotal, inArea: boolean, locale: string): string => (inArea ? formatM2(total.areaCm2, locale) : formatNumber(rankingFigure(total, false), locale));

/**
 * A stable key for a participant in a ranking: the id where the API gives it (coordinators,
 * or the participant's own line), else the place and name together with the line's index,
 * since two people may share a place and even a name.
 */
export const participantKey = (p: { participantId?: string | null; rank: number; name: string }, index: number): string => p.participantId ?? JSON.stringify([index, p.rank, p.name]);

/** The units of a day (or a street) with something counted, in the campaign's order: a day's short summary leaves the rest out. */
export const countedUnits = <F extends Pick<UnitFigure, 'quantity'>>(figures: readonly F[]): F[] => figures.filter((f) => f.quantity !== 0);

/**
 * Makes the formatters of these figures ahead of them, each in a task of its own: a screen
 * calls this while it waits for its figures. A page's first Intl formatter starts ICU, the
 * browser's locale data (10–30 ms on a desktop, several times that on a slow phone); made
 * inside the render that shows the figures, it would make that render one long task,
 * holding up the figures and any tap. ICU's start goes in two tasks: a third of it is
 * reading the locale's likely subtags, which `Intl.Locale.maximize` does on its own.
 */
export function prepareFigureFormats(locale: string): void {
  const words = { locale, percentOfTarget: String, noTarget: '' };
  const steps = [
    () => new Intl.Locale(locale).maximize(),
    () => formatNumber(0, locale),
    () => quantityText({ measured: false }, 0, locale),
    () => quantityText({ measured: true }, 0, locale),
    () => progressText({ progressPercent: 0 }, words),
    () => dateText('2000-01-01', locale),
  ];
  for (const step of steps) setTimeout(step);
}

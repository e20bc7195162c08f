/**
 * The sentences of the planning and the pickup list: places against capacity, tools against
 * stock, who a person is or where they live. Every shortage is said in words, so a
 * coordinator who prints the page in black and white, or cannot tell red from green, reads
 * the same as anyone else.
 */
import { dutchNumber, oneDecimal } from '$lib/console/dutch-number';

const plural = (n: number, one: string, more: string) => `${dutchNumber(n)} ${n === 1 ? one : more}`;

/** "18 van 20 plekken bezet"; without a maximum only the count; over it, by how many. */
export function placesText(confirmed: number, capacity: number | null): string {
  if (capacity === null) return `${plural(confirmed, 'aanmelding', 'aanmeldingen')} (geen maximum)`;
  const text = `${dutchNumber(confirmed)} van ${plural(capacity, 'plek', 'plekken')} bezet`;
  return confirmed > capacity ? `${text}, ${dutchNumber(confirmed - capacity)} meer dan het maximum` : text;
}

/** The tool's name as a heading word: "kruiwagen" → "Kruiwagen". */
export const toolName = (name: string): string => name.charAt(0).toLocaleUpperCase('nl-NL') + name.slice(1);

export interface ToolLine {
  /** "Kruiwagen: 9 gevraagd, 6 beschikbaar" */
  text: string;
  /** "3 te kort", "genoeg" or "voorraad niet ingevuld". */
  verdict: string;
  short: boolean;
}

/** One tool asked for on a date against the stock the coordinator entered (null: not entered). */
export function toolLine(demand: { tool: { name: string; stock: number | null }; requested: number; short: number }): ToolLine {
  const { tool, requested, short } = demand;
  const asked = `${toolName(tool.name)}: ${dutchNumber(requested)} gevraagd`;
  if (tool.stock === null) return { text: asked, verdict: 'voorraad niet ingevuld', short: false };
  const text = `${asked}, ${dutchNumber(tool.stock)} beschikbaar`;
  return short > 0 ? { text, verdict: `${dutchNumber(short)} te kort`, short: true } : { text, verdict: 'genoeg', short: false };
}

/** "2× kruiwagen, 1× tegellichter", or "–" when nothing was asked for. */
export const toolsText = (tools: readonly { tool: { name: string }; quantity: number }[]): string =>
  tools.length === 0 ? '–' : tools.map((t) => `${dutchNumber(t.quantity)}× ${t.tool.name}`).join(', ');

interface Person {
  walkerKind: 'RESIDENT' | 'PROFESSIONAL' | null;
  organisation: string | null;
  street: { name: string } | null;
  houseNumber: string | null;
}

/** Where a tegelwipper lives ("Dorpsstraat 12"), or who a schouw walker is ("Bewoner", "Namens Woonvisie"). */
export function whoOrWhere(person: Person): string {
  if (person.street) return [person.street.name, person.houseNumber].filter(Boolean).join(' ');
  if (person.walkerKind === 'PROFESSIONAL') return person.organisation ? `Namens ${person.organisation}` : 'Namens een organisatie';
  if (person.walkerKind === 'RESIDENT') return 'Bewoner';
  return '–';
}

/** The garden's estimate as the person gave it: m² or a number of tiles. */
export function estimateText(signup: { estimateM2: number | null; estimateTiles: number | null }): string {
  const parts = [signup.estimateM2 !== null ? `${dutchNumber(signup.estimateM2)} m²` : null, signup.estimateTiles !== null ? plural(signup.estimateTiles, 'tegel', 'tegels') : null];
  return parts.filter(Boolean).join(' of ') || '–';
}

/** An area in m² with one decimal, "12,5 m²"; null: not known (yet). */
export const areaText = (m2: number | null, unknown: string): string =>
  m2 === null ? unknown : `${oneDecimal(m2)} m²`;

/** Rows grouped by street in the order they come (the server sorts by street, then number). */
export function byStreet<Row extends { street: { id: string; name: string } }>(rows: readonly Row[]): { street: Row['street']; rows: Row[] }[] {
  const groups = new Map<string, { street: Row['street']; rows: Row[] }>();
  for (const row of rows) {
    const group = groups.get(row.street.id) ?? { street: row.street, rows: [] as Row[] };
    group.rows.push(row);
    groups.set(row.street.id, group);
  }
  return [...groups.values()];
}

const weekdayDate = new Intl.DateTimeFormat('nl-NL', { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A calendar date (YYYY-MM-DD) with its weekday, as a date tab says it: "za 21 maart 2027". */
export const dayText = (ymd: string): string => weekdayDate.format(new Date(`${ymd}T00:00:00Z`));

const weekdayDateThisYear = new Intl.DateTimeFormat('nl-NL', { weekday: 'short', day: 'numeric', month: 'long', timeZone: 'UTC' });

/** "za 21 maart", with the year only when it is not the year of `sameYearAs` (also a YYYY-MM-DD). */
const shortDayText = (ymd: string, sameYearAs: string): string =>
  ymd.slice(0, 4) === sameYearAs.slice(0, 4) ? weekdayDateThisYear.format(new Date(`${ymd}T00:00:00Z`)) : dayText(ymd);

/** "a", "a en b", "a, b en c". */
const inWords = (items: readonly string[]): string => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} en ${items.at(-1)}`);

interface Listed {
  id: string;
  displayName: string;
  status: 'CONFIRMED' | 'WAITING';
}
interface Removable extends Listed {
  /** The other dates the person holds, in date order: removing takes them off those too. */
  otherDates: readonly { date: string }[];
}
interface Places {
  capacity: number | null;
  confirmedCount: number;
  waitingCount: number;
  waiting: readonly Listed[];
  confirmed: readonly Listed[];
}

/**
 * The question before a coordinator takes someone off the list, in plain words: where the
 * place goes, that the person's data is erased, and that it cannot be undone. A date over
 * its maximum frees no place; the server moves up the first waiting person otherwise. The
 * person's other dates are named, so the coordinator knows what else goes.
 */
export function removeQuestion(signup: Removable, planning: Places & { day: { date: string } }): string {
  const name = signup.displayName;
  const sentences = [signup.status === 'WAITING' ? `${name} van de wachtlijst halen?` : `${name} van de lijst halen?`];
  if (signup.status === 'CONFIRMED') {
    const over = planning.capacity !== null && planning.confirmedCount > planning.capacity;
    if (!over) sentences.push(planning.waitingCount > 0 ? 'De plek gaat naar de eerste op de wachtlijst.' : 'Er komt een plek vrij.');
  }
  if (signup.otherDates.length > 0) sentences.push(`Ook op ${inWords(signup.otherDates.map((d) => shortDayText(d.date, planning.day.date)))} haal je ${name} weg.`);
  sentences.push(`De gegevens van ${name} worden gewist. Dat kun je niet terugdraaien.`);
  return sentences.join(' ');
}

/** What the coordinator reads once it is done: who is off the list and who moved up in their place. */
export function removedText(name: string, before: Places, after: Places | null): string {
  const nowConfirmed = new Set(after?.confirmed.map((s) => s.id) ?? []);
  const movedUp = before.waiting.filter((s) => nowConfirmed.has(s.id)).map((s) => s.displayName);
  const moved = movedUp.length === 0 ? '' : ` ${movedUp.join(' en ')} ${movedUp.length === 1 ? 'staat' : 'staan'} nu bij wie er komt.`;
  return `${name} staat niet meer op de lijst en de gegevens zijn gewist.${moved}`;
}

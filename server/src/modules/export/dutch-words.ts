/**
 * How the server writes the API's codes and times for people: in the words the field app
 * and the console use (web/src/lib/i18n/nl.ts with the units' words of nl-units.ts, read
 * here so the three never drift), and times in the Netherlands' local time. The exports
 * for people use it, and so do messages that name a unit (campaign-units.service.ts): the
 * server reads those words here only. The machine-readable exports (?format=raw) keep
 * codes and UTC instead.
 */
import { nl } from '../../../../web/src/lib/i18n/nl.js';
import { scaleLabel } from '../../../../web/src/lib/questionnaire/scale.js';

const word = (key: string, code: string): string => (nl as Record<string, string>)[key] ?? code;

export const statusWord = (status: string): string => word(`status.${status}`, status);
export const themeWord = (theme: string): string => word(`theme.${theme}`, theme);
export const ratingWord = (rating: string | null): string | null => (rating === null ? null : word(`rating.${rating}`, rating));
export const spotTypeWord = (type: string | null): string | null => (type === null ? null : word(`spotType.${type}`, type));

/** "Ja"/"Nee" for a yes/no answer; other answers as they were given. */
export const answerWord = (answer: string | null): string | null =>
  answer === 'JA' ? word('answer.yes', answer) : answer === 'NEE' ? word('answer.no', answer) : answer;

/** A questionnaire's 1–5 answer as "4 – Tevreden". */
export const scaleWord = (value: string): string => scaleLabel(value);

/** "Tuin" or "Openbare ruimte", as the counter offers them; nothing when the entry did not say. */
export const originWord = (origin: string | null): string | null => (origin === null ? null : word(`count.origin.${origin}`, origin));

/** A unit as a heading, a column or a message names it: "Tegel 30×30", "Zakken zwerfvuil". */
export const unitWord = (code: string): string => word(`unit.${code}`, code);

// sv-SE writes 2027-04-01 14:03:05, which Excel (Dutch or not) reads as a date and time.
const amsterdam = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** An ISO-8601 instant as local time in the Netherlands (summer and winter time), or the text as given when it is no time. */
export function amsterdamTime(iso: string | null): string | null {
  if (iso === null) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : amsterdam.format(date);
}

/**
 * The sentences of the teams screen: who a walker is (said in a word, not only a colour),
 * the repeated pairs in plain Dutch, and the date a screen opens on.
 */

const nl = (n: number) => n.toLocaleString('nl-NL');

/** "Bewoner" or "Professional (Woonvisie)": the word the card shows next to a name. */
export function walkerKindText(member: { walkerKind: 'RESIDENT' | 'PROFESSIONAL' | null; organisation: string | null }): string {
  if (member.walkerKind === 'PROFESSIONAL') return member.organisation ? `Professional (${member.organisation})` : 'Professional';
  return 'Bewoner';
}

/** What the number of repeated pairs means, and what a coordinator can do about it. */
export function repeatedPairsText(pairs: number): string {
  if (pairs === 0) return 'Niemand loopt met iemand met wie hij of zij bij een eerdere schouw in deze buurt al in een team zat. Iedereen leert nieuwe mensen kennen.';
  const who = pairs === 1 ? '1 tweetal loopt' : `${nl(pairs)} tweetallen lopen`;
  return `${who} opnieuw samen: zij zaten bij een eerdere schouw in deze buurt ook al in één team. De indeling houdt dit zo laag als het kan. Wil je het lager, verplaats dan iemand naar een ander team.`;
}

/** "3 plekken", "1 plek". */
export const spotsText = (n: number): string => `${nl(n)} ${n === 1 ? 'plek' : 'plekken'}`;

/** "4 lopers", "1 loper". */
export const walkersText = (n: number): string => `${nl(n)} ${n === 1 ? 'loper' : 'lopers'}`;

/** The walk date a screen opens on: the first one today or later, else the last one. `today` is a local YYYY-MM-DD. */
export function nextWalkDayId(days: readonly { id: string; date: string }[], today: string): string | null {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  return (sorted.find((d) => d.date >= today) ?? sorted.at(-1))?.id ?? null;
}

/** Today as a local YYYY-MM-DD (the days' dates are local dates). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const weekdayDate = new Intl.DateTimeFormat('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "zaterdag 21 maart 2027". */
export const walkDateText = (ymd: string): string => weekdayDate.format(new Date(`${ymd}T00:00:00Z`));

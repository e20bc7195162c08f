/**
 * The sentences of the teams screen: who a walker is (said in a word, not only a colour),
 * the repeated pairs in plain Dutch, and the walk date in words.
 */
import { dutchNumber } from '$lib/console/dutch-number';

/** "Bewoner" or "Professional (Woonvisie)": the word the card shows next to a name. */
export function walkerKindText(member: { walkerKind: 'RESIDENT' | 'PROFESSIONAL' | null; organisation: string | null }): string {
  if (member.walkerKind === 'PROFESSIONAL') return member.organisation ? `Professional (${member.organisation})` : 'Professional';
  return 'Bewoner';
}

/** What the number of repeated pairs means, and what a coordinator can do about it. */
export function repeatedPairsText(pairs: number): string {
  if (pairs === 0) return 'Niemand loopt met iemand met wie hij of zij bij een eerdere schouw in deze buurt al in een team zat. Iedereen leert nieuwe mensen kennen.';
  const who = pairs === 1 ? '1 tweetal loopt' : `${dutchNumber(pairs)} tweetallen lopen`;
  return `${who} opnieuw samen: zij zaten bij een eerdere schouw in deze buurt ook al in één team. De indeling houdt dit zo laag als het kan. Wil je het lager, verplaats dan iemand naar een ander team.`;
}

/** "3 plekken", "1 plek". */
export const spotsText = (n: number): string => `${dutchNumber(n)} ${n === 1 ? 'plek' : 'plekken'}`;

/** "4 lopers", "1 loper". */
export const walkersText = (n: number): string => `${dutchNumber(n)} ${n === 1 ? 'loper' : 'lopers'}`;

const weekdayDate = new Intl.DateTimeFormat('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "zaterdag 21 maart 2027". */
export const walkDateText = (ymd: string): string => weekdayDate.format(new Date(`${ymd}T00:00:00Z`));

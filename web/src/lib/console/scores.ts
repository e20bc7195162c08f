/**
 * How the console shows schouw scores: the level as a short letter and in words, the
 * change since last time in a sign and in words, a colour per level (always beside the
 * letter, never alone), and the orders of the spot list. The levels themselves come from
 * the server (Campaign.scores); nothing here computes one.
 */
import { LEVELS } from '@buurtkracht/protocol/rating-scale';
import { ratingLabel } from './labels';
import type { Score } from '$lib/graphql/console/score-operations';
import type { ScoreChange } from '$lib/graphql/schema-types';

/** "A+", "A" … "D"; a dash without a score. */
export const levelShort = (level: string | null): string => (level === 'A_PLUS' ? 'A+' : level === 'NVT' ? 'n.v.t.' : (level ?? '–'));

/** "Voldoende (B)", or "Geen score" without ratings. */
export const levelWords = (level: string | null): string => (level ? ratingLabel(level) : 'Geen score');

/** The CSS class that colours a level (console.css: .level-A_PLUS … .level-none). */
export const levelClass = (level: string | null): string => `level-${level ?? 'none'}`;

const CHANGE_SIGNS: Record<ScoreChange, string> = { UP: '↑', DOWN: '↓', SAME: '=' };
const CHANGE_WORDS: Record<ScoreChange, string> = { UP: 'beter', DOWN: 'slechter', SAME: 'gelijk' };

export const changeSign = (change: ScoreChange | null): string => (change ? CHANGE_SIGNS[change] : '–');
/** "beter", "slechter", "gelijk"; without a comparison: "niet te vergelijken". */
export const changeWord = (change: ScoreChange | null): string => (change ? CHANGE_WORDS[change] : 'niet te vergelijken');

/** A whole sentence for screen readers and tooltips: "Voldoende (B), 12 oordelen, vorige keer Matig (C): beter". */
export function scoreSentence(score: Score): string {
  if (!score.level) return score.previousLevel ? `Nog geen score, vorige keer ${levelWords(score.previousLevel)}` : 'Geen oordelen';
  const parts = [levelWords(score.level), `${score.observationCount} ${score.observationCount === 1 ? 'oordeel' : 'oordelen'}`];
  if (score.previousLevel) parts.push(`vorige keer ${levelWords(score.previousLevel)}: ${changeWord(score.change)}`);
  return parts.join(', ');
}

export type SpotOrder = 'name' | 'street' | 'score' | 'change';
export type Direction = 'ascending' | 'descending';

/**
 * The key a spot is sorted on; null sorts last in either direction. Score: best (A+) first
 * when ascending. Change: worse first when ascending, as that is what needs a look.
 */
function sortKey(item: { spot: { name: string; street: { name: string } }; score: Score }, order: SpotOrder): string | number | null {
  switch (order) {
    case 'name':
      return item.spot.name;
    case 'street':
      return item.spot.street.name;
    case 'score':
      return item.score.level ? (LEVELS as readonly string[]).indexOf(item.score.level) : null;
    case 'change':
      return item.score.change ? ['DOWN', 'SAME', 'UP'].indexOf(item.score.change) : null;
  }
}

export function sortSpots<T extends { spot: { name: string; street: { name: string } }; score: Score }>(items: readonly T[], order: SpotOrder, direction: Direction): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...items].sort((a, b) => {
    const [x, y] = [sortKey(a, order), sortKey(b, order)];
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (x !== y) {
      return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'nl'));
    }
    return a.spot.name.localeCompare(b.spot.name, 'nl');
  });
}

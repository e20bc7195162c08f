/**
 * The scores view's helpers: the spot list sorts by score and by change with spots
 * without one last, and every level and change is said in words, not only in a colour or
 * a sign. (Its operations are checked against the schema in operations.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { Score } from '$lib/graphql/console/score-operations';
import { changeSign, changeWord, levelShort, levelWords, scoreSentence, sortSpots } from '$lib/console/scores';

const spot = (name: string, level: Score['level'], change: Score['change']) => ({
  spot: { name, street: { name: 'Troelstrastraat' } },
  score: { level, change, observationCount: 3, previousLevel: change ? 'B' : null } as Score,
});

describe('scores view', () => {
  it('sorts spots by score and by change, spots without one last in either direction', () => {
    const spots = [spot('Bank', 'C', 'DOWN'), spot('Park', null, null), spot('Wadi', 'A_PLUS', 'UP'), spot('Boom', 'B', 'SAME')];
    const names = (order: 'score' | 'change', direction: 'ascending' | 'descending') => sortSpots(spots, order, direction).map((s) => s.spot.name);
    expect(names('score', 'ascending')).toEqual(['Wadi', 'Boom', 'Bank', 'Park']);
    expect(names('score', 'descending')).toEqual(['Bank', 'Boom', 'Wadi', 'Park']);
    expect(names('change', 'ascending')).toEqual(['Bank', 'Boom', 'Wadi', 'Park']);
    expect(names('change', 'descending')).toEqual(['Wadi', 'Boom', 'Bank', 'Park']);
  });

  it('says each level and change in words', () => {
    expect([levelShort('A_PLUS'), levelShort(null), levelWords('C'), levelWords(null)]).toEqual(['A+', '–', 'Matig (C)', 'Geen score']);
    expect([changeSign('UP'), changeWord('UP'), changeWord('DOWN'), changeWord(null)]).toEqual(['↑', 'beter', 'slechter', 'niet te vergelijken']);
    expect(scoreSentence({ level: 'B', observationCount: 12, previousLevel: 'C', change: 'UP' })).toBe('Voldoende (B), 12 oordelen, vorige keer Matig (C): beter');
  });
});

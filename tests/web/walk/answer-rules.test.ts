/** Rules of a checklist answer on the phone: counts, texts, which answers ask for follow-up. */
import { beforeAll, describe, expect, it } from 'vitest';
import { i18n } from '$lib/i18n/i18n.svelte';
import { walkSection } from '$lib/i18n/nl-walk';
import { MAX_TEXT } from '@buurtkracht/protocol/input-limits';
import { answerWords, asksFollowUp, checkCount, checkText } from '$lib/walk/answer-rules';

// The schouw's words load with its routes (lib/i18n/sections.ts), as the app does.
beforeAll(() => i18n.need(walkSection));

describe('a count (NUMBER question)', () => {
  it('takes a whole number from 0 to 100000, as digits without leading zeros', () => {
    expect(checkCount('0')).toEqual({ ok: true, answer: '0' });
    expect(checkCount(' 12 ')).toEqual({ ok: true, answer: '12' });
    expect(checkCount('007')).toEqual({ ok: true, answer: '7' });
    expect(checkCount('100000')).toEqual({ ok: true, answer: '100000' });
  });

  it('says in Dutch what is wrong with a negative, decimal, non-numeric, empty or too high count', () => {
    for (const bad of ['-1', '2,5', '2.5', '1e3', 'drie', '+3', '3 4', '１２']) {
      expect(checkCount(bad), bad).toEqual({ ok: false, problem: 'spot.countWhole' });
    }
    expect(checkCount('   ')).toEqual({ ok: false, problem: 'spot.countEmpty' });
    expect(checkCount('100001')).toEqual({ ok: false, problem: 'spot.countTooHigh' });
    expect(checkCount('99999999999999999999')).toEqual({ ok: false, problem: 'spot.countTooHigh' });
    expect(i18n.t('spot.countWhole')).toBe('Vul een heel getal in, 0 of meer.');
  });
});

describe('a text answer (TEXT question)', () => {
  it('takes up to 2000 characters, trimmed as the server counts them', () => {
    expect(checkText('  Auto’s op de stoep ')).toEqual({ ok: true, answer: 'Auto’s op de stoep' });
    expect(checkText(`  ${'a'.repeat(MAX_TEXT)}  `)).toEqual({ ok: true, answer: 'a'.repeat(MAX_TEXT) });
  });

  it('refuses an empty or too long text with a Dutch message', () => {
    expect(checkText(' \n ')).toEqual({ ok: false, problem: 'spot.textEmpty' });
    expect(checkText('a'.repeat(MAX_TEXT + 1))).toEqual({ ok: false, problem: 'spot.textTooLong' });
    expect(i18n.t('spot.textTooLong')).toContain('2000 tekens');
  });
});

describe('the follow-up question (Moet hier iemand iets aan doen?)', () => {
  const water = { signalAnswers: ['JA'] };
  it('asks after a C or D rating, whatever the item lists', () => {
    for (const rating of ['C', 'D']) expect(asksFollowUp({ signalAnswers: [] }, { rating })).toBe(true);
    for (const rating of ['A_PLUS', 'A', 'B', 'NVT']) expect(asksFollowUp({ signalAnswers: [] }, { rating })).toBe(false);
  });

  it("asks after an answer the item lists as signalling, and not after another", () => {
    expect(asksFollowUp(water, { answer: 'JA' })).toBe(true);
    expect(asksFollowUp(water, { answer: 'NEE' })).toBe(false);
    expect(asksFollowUp({ signalAnswers: ['NEE'] }, { answer: 'NEE' })).toBe(true);
    expect(asksFollowUp({ signalAnswers: ['Bijna nooit'] }, { answer: 'Bijna nooit' })).toBe(true);
    expect(asksFollowUp(water, null)).toBe(false);
  });

  it('asks only after ratings for an item kept by an older app version (no signalAnswers)', () => {
    expect(asksFollowUp({}, { answer: 'JA' })).toBe(false);
    expect(asksFollowUp({ signalAnswers: null }, { rating: 'D' })).toBe(true);
  });
});

describe('an answer in the walker’s words', () => {
  it('reads ratings, yes/no, counts, choices and texts back', () => {
    expect(answerWords({ rating: 'C' }, i18n.t)).toBe('Matig (C)');
    expect(answerWords({ answer: 'JA' }, i18n.t)).toBe('Ja');
    expect(answerWords({ answer: 'NEE' }, i18n.t)).toBe('Nee');
    expect(answerWords({ answer: '3' }, i18n.t)).toBe('3');
    expect(answerWords({ answer: 'Vogels' }, i18n.t)).toBe('Vogels');
    expect(answerWords(null, i18n.t)).toBeNull();
  });
});

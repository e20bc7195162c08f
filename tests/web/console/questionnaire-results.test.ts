/** How the console words a questionnaire's results: response rate, answers with their share, the scale's words. */
import { describe, expect, it } from 'vitest';
import { answerRows, percent, responseRateText, scaleMiddle } from '$lib/console/questionnaire/questionnaire-results';
import { scaleLabel, SCALE_WORDS } from '$lib/questionnaire/scale';
import { SCALE_VALUES } from '@buurtkracht/protocol/questionnaire';

describe('questionnaire results in words', () => {
  it('says the response rate against participants, and the public link beside it', () => {
    expect(responseRateText({ participants: 40, appResponses: 12, linkResponses: 3 })).toEqual({ app: '12 van 40 deelnemers (30%)', link: '3 via de openbare link' });
    expect(responseRateText({ participants: 1, appResponses: 1, linkResponses: 0 })).toEqual({ app: '1 van 1 deelnemer (100%)', link: null });
    expect(responseRateText({ participants: 3, appResponses: 2, linkResponses: 1 }).app).toBe('2 van 3 deelnemers (67%)');
    expect(responseRateText({ participants: 0, appResponses: 0, linkResponses: 1 })).toEqual({ app: 'Nog geen deelnemers in de app', link: '1 via de openbare link' });
  });

  it('gives every answer of the scale its face step and words, with its share of those who answered', () => {
    const rows = answerRows(
      { type: 'SCALE' },
      { answered: 4, distribution: [{ value: '1', count: 0 }, { value: '2', count: 1 }, { value: '3', count: 0 }, { value: '4', count: 2 }, { value: '5', count: 1 }] },
    );
    expect(rows.map((r) => [r.label, r.scale, r.count, r.share])).toEqual([
      ['1 – Heel ontevreden', 1, 0, 0],
      ['2 – Ontevreden', 2, 1, 25],
      ['3 – Neutraal', 3, 0, 0],
      ['4 – Tevreden', 4, 2, 50],
      ['5 – Heel tevreden', 5, 1, 25],
    ]);
  });

  it('words yes/no answers and keeps choices as typed, in the order given', () => {
    expect(answerRows({ type: 'YES_NO' }, { answered: 3, distribution: [{ value: 'JA', count: 2 }, { value: 'NEE', count: 1 }] }).map((r) => [r.label, r.share, r.scale])).toEqual([
      ['Ja', 67, null],
      ['Nee', 33, null],
    ]);
    expect(answerRows({ type: 'CHOICE' }, { answered: 0, distribution: [{ value: 'Flyer', count: 0 }, { value: '3', count: 0 }] }).map((r) => [r.label, r.share, r.scale])).toEqual([
      ['Flyer', 0, null],
      ['3', 0, null],
    ]);
  });

  it('finds the middle step of the scale (the lower middle for an even count)', () => {
    const d = (...counts: number[]) => counts.map((count, i) => ({ value: String(i + 1), count }));
    expect(scaleMiddle(d(0, 0, 0, 0, 0))).toBeNull();
    expect(scaleMiddle(d(0, 0, 0, 1, 0))).toBe(4);
    expect(scaleMiddle(d(1, 0, 0, 0, 1))).toBe(1);
    expect(scaleMiddle(d(0, 1, 1, 1, 0))).toBe(3);
    expect(scaleMiddle(d(5, 0, 0, 0, 6))).toBe(5);
  });

  it('has words for every step of the shared scale, in Dutch and English', () => {
    for (const value of SCALE_VALUES) {
      expect(SCALE_WORDS.nl[value]).toBeTruthy();
      expect(SCALE_WORDS.en[value]).toBeTruthy();
    }
    expect(SCALE_WORDS.nl[1]).toBe('Heel ontevreden');
    expect(SCALE_WORDS.nl[5]).toBe('Heel tevreden');
    expect(scaleLabel(3)).toBe('3 – Neutraal');
    expect(scaleLabel('5', 'en')).toBe('5 – Very satisfied');
    expect(scaleLabel(7)).toBe('7');
    expect(percent(1, 0)).toBe(0);
  });
});

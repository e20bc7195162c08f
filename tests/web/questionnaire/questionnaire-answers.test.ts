/** Filling in a questionnaire: what is sent, what is caught before, and when the app offers it. */
import { describe, expect, it } from 'vitest';
import { collectAnswers, offersQuestionnaire } from '$lib/questionnaire/questionnaire-answers';

const QUESTIONS = [
  { id: 'scale', type: 'SCALE', choices: [] },
  { id: 'yes', type: 'YES_NO', choices: [] },
  { id: 'choice', type: 'CHOICE', choices: ['Flyer', 'Buren'] },
  { id: 'number', type: 'NUMBER', choices: [] },
  { id: 'text', type: 'TEXT', choices: [] },
] as const;

describe('collectAnswers', () => {
  it('sends what was filled in, typed per question, and leaves skipped questions out', () => {
    expect(collectAnswers(QUESTIONS, { scale: 4, yes: 'NEE', choice: 'Buren', number: ' 12 ', text: '  Meer bakken  ' })).toEqual({
      answers: [
        { questionId: 'scale', value: 4 },
        { questionId: 'yes', value: 'NEE' },
        { questionId: 'choice', value: 'Buren' },
        { questionId: 'number', value: 12 },
        { questionId: 'text', value: 'Meer bakken' },
      ],
      problems: {},
    });
    expect(collectAnswers(QUESTIONS, { number: '', text: '   ', scale: null })).toEqual({ answers: [], problems: {} });
  });

  it('names the problem of each wrong answer, and sends none of them', () => {
    const { answers, problems } = collectAnswers(QUESTIONS, { scale: 4, number: '1,5', choice: 'Krant' });
    expect(answers).toEqual([{ questionId: 'scale', value: 4 }]);
    expect(problems).toEqual({ number: 'WHOLE_NUMBER', choice: 'PICK_CHOICE' });
    expect(collectAnswers(QUESTIONS, { number: '100001' }).problems.number).toBe('WHOLE_NUMBER');
    expect(collectAnswers(QUESTIONS, { text: 'x'.repeat(2001) }).problems.text).toBe('TOO_LONG');
    expect(collectAnswers(QUESTIONS, { scale: 6, yes: 'Misschien' }).problems).toEqual({ scale: 'PICK_FACE', yes: 'YES_OR_NO' });
  });
});

describe('offersQuestionnaire', () => {
  const open = { status: 'OPEN', questionnaire: { id: 'q' }, questionnaireOpensOn: '2026-12-01', myQuestionnaireAnswered: false };
  it('offers it from the first day while the campaign is open, until it is answered here or anywhere', () => {
    expect(offersQuestionnaire(open, '2026-12-01', false)).toBe(true);
    expect(offersQuestionnaire(open, '2026-11-30', false)).toBe(false);
    expect(offersQuestionnaire(open, '2026-12-01', true)).toBe(false);
    expect(offersQuestionnaire({ ...open, myQuestionnaireAnswered: true }, '2026-12-02', false)).toBe(false);
    expect(offersQuestionnaire({ ...open, status: 'CLOSED' }, '2026-12-02', false)).toBe(false);
    expect(offersQuestionnaire({ ...open, questionnaire: null }, '2026-12-02', false)).toBe(false);
  });

  it('does not offer it to staff (who have no answered-or-not) nor from a campaign kept by an older app', () => {
    expect(offersQuestionnaire({ ...open, myQuestionnaireAnswered: null }, '2026-12-02', false)).toBe(false);
    expect(offersQuestionnaire({ status: 'OPEN' }, '2026-12-02', false)).toBe(false);
  });
});

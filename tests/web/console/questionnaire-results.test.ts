/** How the console words a questionnaire's results: response rate, answers with their share, the scale's words. */
import { describe, expect, it } from 'vitest';
import { answerLabel, answerRows, dutchToday, hasOpened, moreOpenAnswersText, openAnswers, percent, questionnaireCsvHref, responseRateText, shownOfMatches } from '$lib/console/questionnaire/questionnaire-results';
import { YES_NO_WORDS } from '$lib/console/checklist-draft';
import { scaleLabel, SCALE_WORDS } from '$lib/questionnaire/scale';
import { SCALE_VALUES } from '@buurtkracht/protocol/questionnaire';

describe('questionnaire results in words', () => {
  it('says the response rate against participants, and the public link beside it', () => {
    expect(responseRateText({ participants: 40, appResponses: 12, linkResponses: 3, responseRate: 0.3 })).toEqual({ app: '12 van 40 deelnemers (30%)', link: '3 via de openbare link' });
    expect(responseRateText({ participants: 1, appResponses: 1, linkResponses: 0, responseRate: 1 })).toEqual({ app: '1 van 1 deelnemer (100%)', link: null });
    expect(responseRateText({ participants: 3, appResponses: 2, linkResponses: 1, responseRate: 2 / 3 }).app).toBe('2 van 3 deelnemers (67%)');
    expect(responseRateText({ participants: 0, appResponses: 0, linkResponses: 1, responseRate: null })).toEqual({ app: 'Nog geen deelnemers in de app', link: '1 via de openbare link' });
    // The share is the server's responseRate, not divided again here.
    expect(responseRateText({ participants: 10, appResponses: 1, linkResponses: 0, responseRate: 0.5 }).app).toBe('1 van 10 deelnemers (50%)');
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

  it('words a scale answer as scaleLabel does, and yes/no as the editor does', () => {
    for (const value of SCALE_VALUES) expect(answerLabel({ type: 'SCALE' }, value)).toBe(scaleLabel(value));
    expect(answerLabel({ type: 'YES_NO' }, 'JA')).toBe(YES_NO_WORDS.JA);
    expect(answerLabel({ type: 'YES_NO' }, 'NEE')).toBe(YES_NO_WORDS.NEE);
    expect(answerLabel({ type: 'CHOICE' }, 'Flyer')).toBe('Flyer');
  });

  it('says how many open answers are shown when the server lists only the newest 500', () => {
    const texts = (n: number) => Array.from({ length: n }, (_, i) => ({ text: `Antwoord ${i}`, receivedOn: '2027-05-16' }));
    expect(shownOfMatches({ texts: texts(3), textMatches: 3 })).toBeNull();
    expect(shownOfMatches({ texts: texts(500), textMatches: 812 })).toBe('500 van 812 getoond');
    expect(shownOfMatches({ texts: texts(500), textMatches: 1812 })).toBe('500 van 1.812 getoond');
  });

  it('counts open answers in the singular and plural', () => {
    expect(openAnswers(1)).toBe('1 open antwoord');
    expect(openAnswers(2)).toBe('2 open antwoorden');
    expect(openAnswers(0)).toBe('0 open antwoorden');
  });

  it("the report says where the open answers it leaves out are, truthfully past the page's 500", () => {
    const texts = (n: number) => Array.from({ length: n }, (_, i) => ({ text: `Antwoord ${i}`, receivedOn: '2027-05-16' }));
    expect(moreOpenAnswersText({ texts: texts(5), textMatches: 5 }, 5)).toBeNull();
    expect(moreOpenAnswersText({ texts: texts(6), textMatches: 6 }, 5)).toBe('En nog 1 open antwoord; dat staat op de pagina Vragenlijst van de campagne.');
    expect(moreOpenAnswersText({ texts: texts(8), textMatches: 8 }, 5)).toBe('En nog 3 open antwoorden; ze staan allemaal op de pagina Vragenlijst van de campagne.');
    expect(moreOpenAnswersText({ texts: texts(500), textMatches: 812 }, 5)).toBe(
      'En nog 807 open antwoorden. De pagina Vragenlijst van de campagne toont de nieuwste 500; alle 812 staan in de CSV van de vragenlijst.',
    );
  });

  it("knows whether the questionnaire's first day came, by the Dutch calendar", () => {
    // 23:30 UTC on 15 May is already 16 May in the Netherlands (summer time).
    expect(dutchToday(new Date('2027-05-15T23:30:00Z'))).toBe('2027-05-16');
    expect(hasOpened('2027-05-16', '2027-05-16')).toBe(true);
    expect(hasOpened('2027-05-17', '2027-05-16')).toBe(false);
    expect(hasOpened('2027-05-01', '2027-05-16')).toBe(true);
  });

  it('links the CSV with ; for Dutch Excel and with commas', () => {
    expect(questionnaireCsvHref('c1', 'semicolon')).toBe('/exports/campaigns/c1/questionnaire.csv?separator=semicolon');
    expect(questionnaireCsvHref('c1', 'comma')).toBe('/exports/campaigns/c1/questionnaire.csv');
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

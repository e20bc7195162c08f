/**
 * The prizes' words in the console: every category the API knows has a title and an
 * explanation (the type check holds that), and a winner's figure reads as people say it,
 * also for what a clean-up counted (all units together) and gardens helped.
 */
import { describe, expect, it } from 'vitest';
import { figureText, nobodyYetText, PRIZE_WORDS } from '$lib/console/prizes';

describe('the prizes in words', () => {
  it('says a winner’s figure in its unit, one or many', () => {
    expect(figureText('COUNTED', { figure: 14, areaM2: null })).toBe('14 geteld');
    expect(figureText('COUNTED', { figure: 1_250, areaM2: null })).toBe('1.250 geteld');
    expect(figureText('GARDENS_HELPED', { figure: 3, areaM2: null })).toBe('3 tuinen geholpen');
    expect(figureText('GARDENS_HELPED', { figure: 1, areaM2: null })).toBe('1 tuin geholpen');
    expect(figureText('AREA_CM2', { figure: 120_000, areaM2: 12 })).toBe('12,0 m²');
  });

  it('has the clean-up’s prizes, for a participant and for a street', () => {
    expect(PRIZE_WORDS.MOST_COUNTED_BY_PARTICIPANT).toMatchObject({ title: 'Meeste geteld', who: 'Deelnemer' });
    expect(PRIZE_WORDS.MOST_COUNTED_BY_PARTICIPANT.explanation).toContain('bij elkaar opgeteld, met correcties meegerekend');
    expect(PRIZE_WORDS.MOST_GARDENS_HELPED_BY_STREET).toMatchObject({ title: 'Straat met de meeste tuinen geholpen', who: 'Straat' });
    expect(nobodyYetText('MOST_COUNTED_BY_PARTICIPANT')).toBe('Nog niemand: er is nog niets geteld.');
  });
});

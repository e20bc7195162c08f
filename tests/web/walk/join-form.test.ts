import { describe, expect, it } from 'vitest';
import { asksAboutRanking, joinProblems } from '../../../web/src/routes/(field)/meedoen/[code]/join-form';
import { nlJoin } from '$lib/i18n/nl-join';

describe('join form rules', () => {
  it('asks about the ranking only for a counting activity (tegelwippen, clean-up)', () => {
    expect(asksAboutRanking('TEGELWIPPEN')).toBe(true);
    expect(asksAboutRanking('OPRUIMEN')).toBe(true);
    expect(asksAboutRanking('SCHOUW')).toBe(false);
  });

  it('needs a name, and a contact detail only when the person wants to hear back', () => {
    expect(joinProblems({ displayName: ' ', contactConsent: false, contact: '' })).toEqual({ displayName: 'join.nameMissing' });
    expect(joinProblems({ displayName: 'Anna', contactConsent: false, contact: '' })).toEqual({});
    expect(joinProblems({ displayName: 'Anna', contactConsent: true, contact: '  ' })).toEqual({ contact: 'join.contactMissing' });
    expect(joinProblems({ displayName: 'Anna', contactConsent: true, contact: 'anna' })).toEqual({ contact: 'join.contactInvalid' });
    expect(joinProblems({ displayName: 'Anna', contactConsent: true, contact: 'anna@example.nl' })).toEqual({});
  });

  it('has a code hint that looks like a real code: 10 characters from the invite alphabet', () => {
    const example = nlJoin['join.codeHelp'].match(/\b[A-Z0-9]{6,}\b/)?.[0] ?? '';
    expect(example).toMatch(/^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{10}$/);
  });
});

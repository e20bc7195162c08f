import { describe, expect, it } from 'vitest';
import { asksAboutRanking, joinProblems, looksLikeContact } from '../../../web/src/routes/(field)/meedoen/[code]/join-form';
import { nlJoin } from '$lib/i18n/nl-join';

describe('join form rules', () => {
  it('asks about the ranking only for a tegelwip action', () => {
    expect(asksAboutRanking('TEGELWIPPEN')).toBe(true);
    expect(asksAboutRanking('SCHOUW')).toBe(false);
  });

  it('needs a name, and a contact detail only when the person wants to hear back', () => {
    expect(joinProblems({ displayName: ' ', contactConsent: false, contact: '' })).toEqual({ displayName: 'join.nameMissing' });
    expect(joinProblems({ displayName: 'Anna', contactConsent: false, contact: '' })).toEqual({});
    expect(joinProblems({ displayName: 'Anna', contactConsent: true, contact: '  ' })).toEqual({ contact: 'join.contactMissing' });
    expect(joinProblems({ displayName: 'Anna', contactConsent: true, contact: 'anna' })).toEqual({ contact: 'join.contactInvalid' });
    expect(joinProblems({ displayName: 'Anna', contactConsent: true, contact: 'anna@example.nl' })).toEqual({});
  });

  it('takes an e-mail address or a Dutch or international phone number', () => {
    for (const ok of ['anna@example.nl', '06-12345678', '0612345678', '+31 6 1234 5678', '078 691 2345']) expect(looksLikeContact(ok), ok).toBe(true);
    for (const bad of ['anna', '12345', 'anna@', '06-1234', 'bel me']) expect(looksLikeContact(bad), bad).toBe(false);
  });

  it('has a code hint that looks like a real code: 10 characters from the invite alphabet', () => {
    const example = nlJoin['join.codeHelp'].match(/\b[A-Z0-9]{6,}\b/)?.[0] ?? '';
    expect(example).toMatch(/^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{10}$/);
  });
});

import { describe, expect, it } from 'vitest';
import { looksLikeContact } from '$lib/contact';

describe('a contact detail', () => {
  it('takes an e-mail address or a Dutch or international phone number', () => {
    for (const ok of ['anna@example.nl', '06-12345678', '0612345678', '+31 6 1234 5678', '078 691 2345', ' anna@example.nl ']) expect(looksLikeContact(ok), ok).toBe(true);
    for (const bad of ['anna', '12345', 'anna@', '06-1234', 'bel me', '', '+31 6 1234 5678 9012 3']) expect(looksLikeContact(bad), bad).toBe(false);
  });
});

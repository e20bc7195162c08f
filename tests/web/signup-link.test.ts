/**
 * The personal link's secret lives in the URL fragment (/aanmelding#…), so it never
 * reaches a server log or a Referer header; the page reads it back from the fragment.
 */
import { describe, expect, it } from 'vitest';
import { personalLink, secretFromFragment } from '$lib/signup/personal-link';

const secret = 'q3Xv9_kP-2mN8rT4wY6zA1bC5dE7fG0h';

describe('the personal link', () => {
  it('puts the secret in the fragment, never in the path or query', () => {
    const link = new URL(personalLink('https://buurtkracht.example', secret));
    expect(link.pathname).toBe('/aanmelding');
    expect(link.search).toBe('');
    expect(link.hash).toBe(`#${secret}`);
  });

  it('reads the secret back from the fragment, with or without #', () => {
    expect(secretFromFragment(new URL(personalLink('https://x.example', secret)).hash)).toBe(secret);
    expect(secretFromFragment(secret)).toBe(secret);
  });

  it('forgives what a messenger app glues on (a full stop, a space, percent-encoding)', () => {
    expect(secretFromFragment(`#${secret}.`)).toBe(secret);
    expect(secretFromFragment(`#${secret}%20`)).toBe(secret);
    expect(secretFromFragment(`#%20${secret}`)).toBe(secret);
  });

  it('sends nothing for a fragment that cannot be a secret', () => {
    for (const hash of ['', '#', '#kort', '#inhoud-met-spaties erin-en-meer', `#${secret}/extra`, '#%E0%A4%A', `#${'a'.repeat(201)}`]) {
      expect(secretFromFragment(hash), hash).toBeNull();
    }
  });
});

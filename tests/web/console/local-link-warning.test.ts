/**
 * The invite and poster pages warn when invite links start with a localhost address
 * (PUBLIC_URL not set), which a phone scanning the QR code cannot open; the rule is the
 * one the server's start-up text uses.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import LocalLinkWarning from '../../../web/src/routes/beheer/campagnes/[id]/uitnodigingen/LocalLinkWarning.svelte';
import { isLocalOnlyLink } from '../../../web/src/routes/beheer/campagnes/[id]/uitnodigingen/local-link';
import { isLocalOnlyUrl } from '../../../server/src/start-text';

const local = ['http://localhost:3000/meedoen/ABC', 'http://127.0.0.1:3000/meedoen/ABC', 'http://[::1]:3000/meedoen/ABC', 'http://0.0.0.0:3000/meedoen/ABC', 'http://app.localhost/meedoen/ABC'];
const reachable = ['http://192.168.1.20:3000/meedoen/ABC', 'https://buurtkracht.example.org/meedoen/ABC', 'http://localhost.example.org/meedoen/ABC'];

describe('warning about invite links phones cannot open', () => {
  it('tells local-only links from reachable ones, as the server does', () => {
    for (const link of local) expect([link, isLocalOnlyLink(link), isLocalOnlyUrl(link)]).toEqual([link, true, true]);
    for (const link of reachable) expect([link, isLocalOnlyLink(link), isLocalOnlyUrl(link)]).toEqual([link, false, false]);
  });

  it('says so in Dutch, with how to set PUBLIC_URL, only for a local link', () => {
    const { body } = render(LocalLinkWarning, { props: { link: 'http://localhost:3000/meedoen/ABCDEFGHJK' } });
    expect(body).toContain('telefoons kunnen deze link niet openen');
    expect(body).toContain('http://localhost:3000');
    expect(body).toContain('PUBLIC_URL=');
    expect(render(LocalLinkWarning, { props: { link: 'https://buurtkracht.example.org/meedoen/ABCDEFGHJK' } }).body).not.toContain('PUBLIC_URL');
  });
});

import { describe, expect, it } from 'vitest';
import { OnlineStatus } from '$lib/offline/online-status.svelte';

describe('OnlineStatus', () => {
  it('follows online and offline events until stopped', () => {
    const nav = { onLine: true };
    const target = new EventTarget() as unknown as Window;
    const status = new OnlineStatus(nav);
    status.start(target);
    expect(status.online).toBe(true);

    nav.onLine = false;
    target.dispatchEvent(new Event('offline'));
    expect(status.online).toBe(false);

    nav.onLine = true;
    target.dispatchEvent(new Event('online'));
    expect(status.online).toBe(true);

    status.stop();
    nav.onLine = false;
    target.dispatchEvent(new Event('offline'));
    expect(status.online).toBe(true);
  });

  it('reads the current state when it starts', () => {
    const status = new OnlineStatus({ onLine: false });
    status.start(new EventTarget() as unknown as Window);
    expect(status.online).toBe(false);
  });

  it('shows no connection while the server is not reached on a network, until it is or a network returns', () => {
    const nav = { onLine: true };
    const target = new EventTarget() as unknown as Window;
    const status = new OnlineStatus(nav);
    status.start(target);
    expect(status.connected).toBe(true);
    status.serverReached(false); // a weak signal: the browser still says online
    expect([status.online, status.connected]).toEqual([true, false]);
    status.serverReached(true);
    expect(status.connected).toBe(true);

    status.serverReached(false);
    nav.onLine = false;
    target.dispatchEvent(new Event('offline'));
    nav.onLine = true;
    target.dispatchEvent(new Event('online')); // a network again: worth showing and trying
    expect(status.connected).toBe(true);
    status.stop();
  });
});

/** The update prompt's logic against a fake ServiceWorker container (no browser here). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppUpdate } from '$lib/pwa/app-update.svelte';

class FakeWorker extends EventTarget {
  state = 'installing';
  messages: unknown[] = [];
  postMessage(message: unknown) {
    this.messages.push(message);
  }
  become(state: string) {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

class FakeRegistration extends EventTarget {
  installing: FakeWorker | null = null;
  waiting: FakeWorker | null = null;
}

class FakeContainer extends EventTarget {
  controller: object | null = null;
  registration = new FakeRegistration();
  register = vi.fn(async () => this.registration);
}

describe('app update prompt', () => {
  let container: FakeContainer;
  const reload = vi.fn();

  beforeEach(() => {
    container = new FakeContainer();
    vi.stubGlobal('navigator', { serviceWorker: container });
    vi.stubGlobal('window', { location: { reload } });
    reload.mockReset();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('offers nothing on the first visit, when the first service worker takes over', async () => {
    const update = new AppUpdate();
    await update.register();
    const worker = new FakeWorker();
    container.registration.installing = worker;
    container.registration.dispatchEvent(new Event('updatefound'));
    worker.become('installed');
    expect(update.available).toBe(false);
    container.controller = worker;
    container.dispatchEvent(new Event('controllerchange'));
    expect(update.ready).toBe(true);
    expect(reload).not.toHaveBeenCalled();
  });

  it('offers a new version that installs while the page runs, and reloads only after "update now"', async () => {
    container.controller = {};
    const update = new AppUpdate();
    await update.register();
    expect(update.ready).toBe(true);
    const next = new FakeWorker();
    container.registration.installing = next;
    container.registration.dispatchEvent(new Event('updatefound'));
    next.become('installed');
    container.registration.waiting = next;
    expect(update.available).toBe(true);

    update.apply();
    expect(next.messages).toEqual([{ type: 'SKIP_WAITING' }]);
    expect(reload).not.toHaveBeenCalled();
    container.dispatchEvent(new Event('controllerchange'));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('offers a version that was already waiting when the page opened; "later" hides the offer', async () => {
    container.controller = {};
    container.registration.waiting = new FakeWorker();
    const update = new AppUpdate();
    await update.register();
    expect(update.available).toBe(true);
    update.dismiss();
    expect(update.available).toBe(false);
  });
});

/**
 * Registers the service worker and offers a new version when one is waiting. Nothing
 * reloads by itself: the page reloads only after the person chose "update now" (and the
 * prompt offers that only when nothing is unsent).
 *
 * This is the part of workbox-window the app used, written against the browser's own
 * ServiceWorker API: the library cost 2.4 KB gzip on every field screen, which the
 * console's routes needed to stay within the field app's size budget. The service worker
 * itself is still Workbox (service-worker.ts), and it answers the same SKIP_WAITING message.
 */
export class AppUpdate {
  /** A new version is installed and waiting for the person's consent. */
  available = $state(false);
  /** The service worker controls this page, so it opens offline next time. */
  ready = $state(false);
  #registration: ServiceWorkerRegistration | undefined;

  async register(scriptUrl = '/service-worker.js'): Promise<void> {
    if (!('serviceWorker' in navigator)) return;
    const container = navigator.serviceWorker;
    container.addEventListener('controllerchange', () => {
      this.ready = true;
    });
    const registration = await container.register(scriptUrl, { scope: '/', type: 'classic' });
    this.#registration = registration;
    // Only a page that already runs under a service worker has something to update from;
    // on the very first visit the new worker simply takes over.
    if (registration.waiting && container.controller) this.available = true;
    registration.addEventListener('updatefound', () => {
      const installing = registration.installing;
      installing?.addEventListener('statechange', () => {
        if (installing.state === 'installed' && container.controller) this.available = true;
      });
    });
    if (container.controller) this.ready = true;
  }

  /** Activates the waiting version and reloads once it has taken control. */
  apply(): void {
    const waiting = this.#registration?.waiting;
    if (!waiting) return;
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
    waiting.postMessage({ type: 'SKIP_WAITING' });
  }

  dismiss(): void {
    this.available = false;
  }
}

export const appUpdate = new AppUpdate();

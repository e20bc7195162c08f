/**
 * Registers the service worker through workbox-window and offers a new version when one
 * is waiting. Nothing reloads by itself: the page reloads only after the person chose
 * "update now" (a later feature adds: and nothing is unsent or half-typed).
 */
import { Workbox } from 'workbox-window';

export class AppUpdate {
  /** A new version is installed and waiting for the person's consent. */
  available = $state(false);
  /** The service worker controls this page, so it opens offline next time. */
  ready = $state(false);
  #workbox: Workbox | undefined;

  async register(scriptUrl = '/service-worker.js'): Promise<void> {
    if (!('serviceWorker' in navigator)) return;
    const workbox = new Workbox(scriptUrl, { scope: '/', type: 'classic' });
    this.#workbox = workbox;
    workbox.addEventListener('waiting', () => {
      this.available = true;
    });
    workbox.addEventListener('controlling', () => {
      this.ready = true;
    });
    await workbox.register();
    if (navigator.serviceWorker.controller) this.ready = true;
  }

  /** Activates the waiting version and reloads once it has taken control. */
  apply(): void {
    const workbox = this.#workbox;
    if (!workbox) return;
    workbox.addEventListener('controlling', () => window.location.reload());
    workbox.messageSkipWaiting();
  }

  dismiss(): void {
    this.available = false;
  }
}

export const appUpdate = new AppUpdate();

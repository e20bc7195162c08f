/**
 * Whether the browser has a network connection, as a reactive value. `navigator.onLine`
 * false is reliable (definitely offline); true only means "a network", which is why sync
 * decides on real request results and this value only drives what the person sees.
 */
export class OnlineStatus {
  online = $state(true);
  /**
   * Whether the app's last request to send or fetch its data reached the server. A phone
   * with a weak signal (or on a wifi that goes nowhere) has a network but no server, while
   * the browser says online.
   */
  #serverReached = $state(true);
  #target: Window | undefined;
  #update = () => {
    this.online = this.#navigator.onLine;
    if (this.online) this.#serverReached = true; // a network again: a new chance
  };

  /** What the person is shown: a network, and the server reached through it. */
  get connected(): boolean {
    return this.online && this.#serverReached;
  }

  /** Told by the sync transport after each request. */
  serverReached(reached: boolean): void {
    this.#serverReached = reached;
  }

  constructor(private readonly nav: Pick<Navigator, 'onLine'> | undefined = globalThis.navigator) {}

  get #navigator(): Pick<Navigator, 'onLine'> {
    return this.nav ?? { onLine: true };
  }

  /** Starts listening to online/offline events; returns a function that stops it. */
  start(target: Window = window): () => void {
    this.#target = target;
    this.#update();
    target.addEventListener('online', this.#update);
    target.addEventListener('offline', this.#update);
    return () => this.stop();
  }

  stop(): void {
    this.#target?.removeEventListener('online', this.#update);
    this.#target?.removeEventListener('offline', this.#update);
    this.#target = undefined;
  }
}

export const onlineStatus = new OnlineStatus();

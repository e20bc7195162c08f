/**
 * Data that keeps itself fresh: asked again every few seconds while the page is open
 * (a dashboard, the big screen, the public progress page behind a poster QR code), so
 * new counts appear without a reload. A failed refresh keeps the last value on screen
 * and says since when it is; a hidden tab asks nothing and catches up when shown again.
 */
export const REFRESH_MS = 5_000;

export class LiveData<T> {
  value = $state.raw<T | null>(null);
  updatedAt = $state<Date | null>(null);
  /** What the last refresh failed with, or null when it worked. */
  error = $state.raw<unknown>(null);
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly load: () => Promise<T>) {}

  get failing(): boolean {
    return this.error !== null;
  }

  /** Asks again, or takes an answer already asked for (`pending`). */
  async refresh(pending: Promise<T> = this.load()): Promise<void> {
    try {
      this.value = await pending;
      this.updatedAt = new Date();
      this.error = null;
    } catch (error) {
      this.error = error;
    }
  }

  /**
   * Starts refreshing, from `first` when the page asked for it already (while it loaded);
   * returns the function that stops it (for onMount).
   */
  start(first?: Promise<T>): () => void {
    void this.refresh(first);
    this.#timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') void this.refresh();
    }, REFRESH_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void this.refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(this.#timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }
}

/** "14:05:09", the time a value was last confirmed. */
export const clock = (d: Date): string => d.toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

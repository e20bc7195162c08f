/**
 * Data that keeps itself fresh: asked again every few seconds while the page is open
 * (a dashboard, the big screen, the public progress page behind a poster QR code), so
 * new counts appear without a reload. A failed refresh keeps the last value on screen
 * and says since when it is; a hidden tab asks nothing and catches up when shown again.
 */
export const REFRESH_MS = 5_000;

/** An answer and the moment it came in. */
export interface Answer<T> {
  value: T;
  at: Date;
}

/** Asks with `load` and notes when the answer came. */
export const ask = async <T>(load: () => Promise<T>): Promise<Answer<T>> => ({ value: await load(), at: new Date() });

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
  async refresh(pending: Promise<Answer<T>> = ask(this.load)): Promise<void> {
    try {
      const answer = await pending;
      this.value = answer.value;
      this.updatedAt = answer.at;
      this.error = null;
    } catch (error) {
      this.error = error;
    }
  }

  /**
   * Starts refreshing, from `first` when the page asked for it while it loaded; returns the
   * function that stops it (for onMount). SvelteKit loads a link's data as soon as it is
   * pointed at, so `first` may be minutes old by the time the page shows: then, or when it
   * failed, the page asks again at once.
   */
  start(first?: Promise<Answer<T>>): () => void {
    if (first) {
      void this.refresh(first).then(() => {
        if (this.failing || (this.updatedAt && Date.now() - this.updatedAt.getTime() >= REFRESH_MS)) void this.refresh();
      });
    } else {
      void this.refresh();
    }
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

/**
 * What a field screen shows from the server, kept fresh: first what the phone kept, then
 * asked again when the screen opens, after sync rounds (at most every so often), when the
 * phone comes back online and, if asked for, on a timer while the screen is visible. A
 * failed or impossible refresh keeps the last answer and says why. The team on the walk
 * screen and the standings on the counter screen build on it.
 */

export type RefreshProblem = 'offline' | 'failed';

export interface FreshSource {
  /** The activity's token, or null when the phone has none that works for it. */
  token: () => string | null;
  online: () => boolean;
  now?: () => number;
}

export interface FreshTiming {
  /** Sync rounds come often; the answer need not follow each one. */
  atMostEveryMs: number;
  /** Also refresh on a timer while the screen is visible, or not at all when null. */
  everyMs: number | null;
}

export abstract class KeptFresh<Kept> {
  kept = $state.raw<Kept | null>(null);
  /** Why the answer shown is not the server's latest, or null when it is. */
  problem = $state<RefreshProblem | null>(null);
  #lastTry = -Infinity;
  #running: Promise<void> | null = null;
  #later: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly source: FreshSource,
    private readonly timing: FreshTiming,
  ) {}

  protected now = () => (this.source.now ?? Date.now)();

  /** What the phone kept, if anything. */
  protected abstract loadKept(): Promise<Kept | undefined>;
  /** Asks the server with the token and keeps the answer on the phone. */
  protected abstract fetchAndKeep(token: string): Promise<Kept>;

  /** Shows what the phone kept. */
  async load(): Promise<void> {
    this.kept = (await this.loadKept()) ?? null;
  }

  /** Asks the server now (one request at a time) and keeps the answer on the phone. */
  refresh(): Promise<void> {
    this.#running ??= this.#refresh().finally(() => (this.#running = null));
    return this.#running;
  }

  async #refresh(): Promise<void> {
    this.#lastTry = this.now();
    const token = this.source.token();
    if (!this.source.online() || !token) {
      this.problem = this.source.online() ? 'failed' : 'offline';
      return;
    }
    try {
      this.kept = await this.fetchAndKeep(token);
      this.problem = null;
    } catch (error) {
      // Read by its code: the GraphQL client may load only when the answer is asked for.
      this.problem = (error as { code?: unknown } | null)?.code === 'OFFLINE' ? 'offline' : 'failed';
    }
  }

  /** After a sync round: refresh, but not more often than the timing allows. */
  nudge(): void {
    if (this.#later) return;
    const wait = this.#lastTry + this.timing.atMostEveryMs - this.now();
    if (wait <= 0) void this.refresh();
    else
      this.#later = setTimeout(() => {
        this.#later = undefined;
        void this.refresh();
      }, wait);
  }

  /** Shows what was kept and refreshes it now, on the timer and whenever the phone comes online; returns the stop function. */
  start(): () => void {
    void this.load().then(() => this.refresh());
    const every = this.timing.everyMs;
    const timer =
      every === null
        ? undefined
        : setInterval(() => {
            if (document.visibilityState !== 'hidden') void this.refresh();
          }, every);
    const onOnline = () => void this.refresh();
    // Said at once: what is shown will not be brought up to date for now.
    const onOffline = () => (this.problem = 'offline');
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    return () => {
      clearInterval(timer);
      clearTimeout(this.#later);
      this.#later = undefined;
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    };
  }
}

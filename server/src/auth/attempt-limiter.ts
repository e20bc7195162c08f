/**
 * Counts attempts per key (an IP address, an email address) in a fixed window and says
 * when a key must wait: the sign-in throttles and the other guessing limits of
 * auth-settings.ts. Two stores behind one interface: this process's memory (one app
 * instance; a restart forgetting the counts is acceptable for a throttle) and Redis
 * (redis-attempt-limiter.ts), which several instances share when REDIS_URL is set.
 *
 * There is no separate check() and record(): checking, awaiting the outcome, then
 * recording lets every parallel attempt pass the check first, and with several instances
 * and a network round trip in between that window is wide. Callers count first with
 * attempt() and take the count back with forgive() when it turns out no failure.
 */
export interface LimitVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

export interface AttemptLimiter {
  /**
   * Counts one attempt when the key is under its maximum, in one atomic step, before its
   * outcome is known; a refused attempt is not counted.
   */
  attempt(key: string): Promise<LimitVerdict>;
  /** Takes back one counted attempt that turned out not to be a failure; the key's other failures still count. */
  forgive(key: string): Promise<void>;
  /** Forgets the key's window altogether (a successful sign-in clears its account's failures). */
  reset(key: string): Promise<void>;
}

/** The in-memory store: one process, synchronous inside, so every method is atomic. */
export class MemoryAttemptLimiter implements AttemptLimiter {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly maxAttempts: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async attempt(key: string): Promise<LimitVerdict> {
    const entry = this.#current(key);
    if (entry && entry.count >= this.maxAttempts) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((entry.resetAt - this.now()) / 1000)) };
    }
    if (entry) entry.count++;
    else this.#windows.set(key, { count: 1, resetAt: this.now() + this.windowMs });
    if (this.#windows.size > 100_000) this.#sweep();
    return { allowed: true, retryAfterSeconds: 0 };
  }

  async forgive(key: string): Promise<void> {
    const entry = this.#current(key);
    if (entry && entry.count > 0) entry.count--;
  }

  async reset(key: string): Promise<void> {
    this.#windows.delete(key);
  }

  #current(key: string) {
    const entry = this.#windows.get(key);
    if (entry && entry.resetAt <= this.now()) {
      this.#windows.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Bounds memory under a flood of distinct keys. */
  #sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.#windows) if (entry.resetAt <= now) this.#windows.delete(key);
  }
}

/**
 * Counts failed attempts per key (an IP address, an email address) in a fixed window and
 * says when a key must wait. In memory: one server process serves the app, and a restart
 * forgetting the counts is acceptable for a throttle.
 */
export interface LimitVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

export class AttemptLimiter {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly maxAttempts: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  check(key: string): LimitVerdict {
    const entry = this.#current(key);
    if (!entry || entry.count < this.maxAttempts) return { allowed: true, retryAfterSeconds: 0 };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((entry.resetAt - this.now()) / 1000)) };
  }

  record(key: string): void {
    const entry = this.#current(key);
    if (entry) entry.count++;
    else this.#windows.set(key, { count: 1, resetAt: this.now() + this.windowMs });
    if (this.#windows.size > 100_000) this.#sweep();
  }

  /**
   * check() and record() in one step: counts the attempt when it is allowed, before its
   * outcome is known, so that parallel attempts (or aliases in one request) cannot all pass
   * before any of them is counted. Call forgive() when it turns out not to be a failure.
   */
  attempt(key: string): LimitVerdict {
    const verdict = this.check(key);
    if (verdict.allowed) this.record(key);
    return verdict;
  }

  /**
   * Takes back one recorded attempt, for callers that record before they know the outcome
   * (so that parallel attempts cannot all pass check() first) and then learn it succeeded.
   * Unlike reset(), the key's other failures still count.
   */
  forgive(key: string): void {
    const entry = this.#current(key);
    if (entry && entry.count > 0) entry.count--;
  }

  reset(key: string): void {
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

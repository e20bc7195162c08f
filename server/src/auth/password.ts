/**
 * Password hashing with argon2id (OWASP minimum: 19 MiB, 2 iterations, 1 lane). Each
 * hash takes tens of milliseconds of CPU, so at most `maxConcurrent` run at once and a
 * bounded queue waits; beyond it callers are told to try again, which keeps a flood of
 * logins from starving everything else on a two-core machine.
 */
import { hash, verify } from '@node-rs/argon2';
import { DomainError, ErrorCode } from '../domain-error.js';

// algorithm 2 is Argon2id (the package's Algorithm enum is a const enum, unusable here).
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export class PasswordHasher {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(
    private readonly maxConcurrent: number,
    private readonly maxQueued = 32,
  ) {}

  hash(password: string): Promise<string> {
    return this.#limited(() => hash(password, ARGON2_OPTIONS));
  }

  /** False for a wrong password or a malformed stored hash. */
  verify(storedHash: string, password: string): Promise<boolean> {
    return this.#limited(() => verify(storedHash, password).catch(() => false));
  }

  async #limited<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running < this.maxConcurrent) {
      this.#running++;
    } else {
      if (this.#waiting.length >= this.maxQueued) {
        throw new DomainError(ErrorCode.RATE_LIMITED, 'Het is even erg druk. Probeer het over een minuut opnieuw.', { retryAfterSeconds: 60 });
      }
      // A finishing hash hands its slot straight to the next in line (see finally).
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}

/** Rules for a new password: long enough to resist guessing, short enough to hash. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * Which operation names get a metrics label of their own. A client chooses the name of
 * its operation, so a label per name would let anyone add time series without end (each
 * costs memory here and in Prometheus), and a fixed number of slots would let anyone fill
 * them, after which every real operation counts as "other". So:
 * - Only a signed-in caller (staff, or a participant's device token) admits a new name,
 *   once its operation has parsed and validated against the schema (the caller's part),
 *   and at most MAX_OPERATION_NAMES of them per process: the web app sends about 80, which
 *   leaves room for a new release while an old one is still in use; beyond that, "other".
 * - A caller who is not signed in gets the label of a name already admitted, else
 *   NOT_SIGNED_IN_OPERATION: however many names such a caller makes up, they add one label
 *   and take no slot. The price: a public operation (sign-in, joining, the public
 *   results) has its own label only once a signed-in caller has used its name too.
 */
export const MAX_OPERATION_NAMES = 200;

/** Longer names are counted as "other": every label value is sent on every scrape. */
const MAX_NAME_LENGTH = 64;

export const UNNAMED_OPERATION = 'anonymous';
/** A request that did not parse or validate: its name is whatever the client sent. */
export const INVALID_OPERATION = 'invalid';
export const OTHER_OPERATION = 'other';
/** A name no signed-in caller used, from a caller who is not signed in. */
export const NOT_SIGNED_IN_OPERATION = 'not_signed_in';

export class OperationNames {
  readonly #admitted = new Set<string>();
  readonly #max: number;
  readonly #onFull: () => void;
  #full = false;

  /** `onFull` runs once, when the first name is turned away for lack of room. */
  constructor(max = MAX_OPERATION_NAMES, onFull: () => void = () => {}) {
    this.#max = max;
    this.#onFull = onFull;
  }

  /** The label for a valid operation's name (null or empty: an unnamed operation). */
  labelOf(name: string | null | undefined, caller: { signedIn: boolean }): string {
    if (!name) return UNNAMED_OPERATION;
    if (this.#admitted.has(name)) return name;
    if (!caller.signedIn) return NOT_SIGNED_IN_OPERATION;
    if (name.length > MAX_NAME_LENGTH) return OTHER_OPERATION;
    if (this.#admitted.size >= this.#max) {
      if (!this.#full) this.#onFull();
      this.#full = true;
      return OTHER_OPERATION;
    }
    this.#admitted.add(name);
    return name;
  }
}

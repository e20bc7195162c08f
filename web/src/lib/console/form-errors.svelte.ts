/**
 * The one place where the API's validation errors meet a console form. The API names the
 * input field of each problem (extensions.fields: a path such as ["input", "targetAreaM2"]
 * or ["input", "days", "1", "label"], and a plain Dutch sentence); a form says which of its
 * fields it shows, and each problem then stands next to its field (FieldError.svelte, with
 * aria-invalid and aria-describedby on the input). Only what belongs to no field of the form
 * goes to the banner. Checks a form makes before sending use the same fields.
 */
import { tick } from 'svelte';
import { GraphQLRequestError, type FieldProblem } from '$lib/graphql/client';

const fallback = 'Er ging iets mis. Probeer het opnieuw.';

/** A path as a form names its fields: "targetAreaM2", "days.1.label"; the variable `input` is left out. */
export function fieldKey(path: readonly string[]): string {
  return (path[0] === 'input' ? path.slice(1) : path).join('.');
}

/**
 * The form's field a key belongs to: the same key, or a pattern with `*` for a list index
 * ("days.*.date"). A problem inside a field (one line of a list typed in a textarea,
 * "sections.0.items.1.choices.3") belongs to the longest field that holds it.
 */
export function matchField(key: string, fields: readonly string[]): string | null {
  if (fields.includes(key)) return key;
  const parts = key.split('.');
  let best: string[] | null = null;
  for (const pattern of fields) {
    const want = pattern.split('.');
    if (want.length > parts.length || (best && want.length <= best.length)) continue;
    if (want.every((part, i) => part === parts[i] || (part === '*' && /^\d+$/.test(parts[i]!)))) best = parts.slice(0, want.length);
  }
  return best ? best.join('.') : null;
}

/**
 * Splits a failed request into messages per field of the form and what is left for the
 * banner (null when every problem has its field). A problem for a field the form does not
 * show keeps the API's whole message, so nothing is lost; anything that is not an API
 * answer gets a general sentence, never a library's text.
 */
export function sortProblems(error: unknown, fields: readonly string[]): { fields: Record<string, string>; general: string | null } {
  if (!(error instanceof GraphQLRequestError)) return { fields: {}, general: fallback };
  const byField: Record<string, string> = {};
  const left: FieldProblem[] = [];
  for (const problem of error.fields) {
    const key = matchField(fieldKey(problem.path), fields);
    if (key && !byField[key]) byField[key] = problem.message;
    else if (!key) left.push(problem);
  }
  const placed = Object.keys(byField).length > 0;
  const general = !placed ? error.message : left.length > 0 ? left.map((p) => p.message).join(' ') : null;
  return { fields: byField, general };
}

/** Field errors of one form. Its fields are written only through set, take and clear. */
export class FormErrors {
  #messages = $state<Record<string, string>>({});
  readonly #fields: readonly string[];
  readonly #idPrefix: string;

  /** `fields`: the keys of the form's fields (API names, `*` for a list index); `idPrefix` keeps ids unique on a page. */
  constructor(fields: readonly string[], idPrefix = 'fout') {
    this.#fields = fields;
    this.#idPrefix = idPrefix;
  }

  message(key: string): string | undefined {
    return this.#messages[key];
  }

  get any(): boolean {
    return Object.keys(this.#messages).length > 0;
  }

  /** The id of the message element of a field. */
  id(key: string): string {
    return `${this.#idPrefix}-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  }

  /** Spread on the input of a field: marks it invalid and points at its message while it has one. */
  attrs(key: string, describedBy?: string): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string } {
    if (!this.#messages[key]) return describedBy ? { 'aria-describedby': describedBy } : {};
    return { 'aria-invalid': 'true', 'aria-describedby': [this.id(key), describedBy].filter(Boolean).join(' ') };
  }

  /** A problem found before sending (a field left empty, say). */
  set(key: string, message: string): void {
    this.#messages = { ...this.#messages, [key]: message };
  }

  clear(key?: string): void {
    if (key === undefined) this.#messages = {};
    else if (this.#messages[key]) this.#messages = Object.fromEntries(Object.entries(this.#messages).filter(([k]) => k !== key));
  }

  /** Takes a failed request: its field problems stand next to their fields; answers what is left for the banner. */
  take(error: unknown): string | null {
    const sorted = sortProblems(error, this.#fields);
    this.#messages = sorted.fields;
    return sorted.general;
  }

  /** Puts the cursor in the first field with a problem, so a keyboard or screen reader user lands on it. */
  async focusFirst(): Promise<void> {
    await tick();
    if (typeof document === 'undefined') return;
    const first = document.querySelector<HTMLElement>(Object.keys(this.#messages).map((key) => `[aria-describedby~="${this.id(key)}"]`).join(', ') || ':not(*)');
    first?.focus();
  }
}

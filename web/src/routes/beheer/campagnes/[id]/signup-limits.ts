/**
 * The limits of the sign-up settings as the coordinator types them, checked before sending
 * with the server's words: a date holds 1 to 500 people (a date takes at most 500 sign-ups
 * in all), a tool's name is 1 to 40 characters and its stock 0 to 10,000. Empty means "no
 * maximum" or "stock not known".
 */

export const MAX_CAPACITY = 500;
export const MAX_STOCK = 10_000;
export const MAX_TOOL_NAME = 40;

type Parsed = { value: number | null; problem?: undefined } | { value?: undefined; problem: string };

/** A number field's value (number inputs give a number, or null/undefined/'' when empty). */
function wholeNumber(raw: unknown, min: number, max: number, problem: string): Parsed {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return { value: null };
  const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
  return Number.isInteger(n) && n >= min && n <= max ? { value: n } : { problem };
}

export const parseCapacity = (raw: unknown): Parsed =>
  wholeNumber(raw, 1, MAX_CAPACITY, `Vul een heel aantal plekken in, van 1 tot en met ${MAX_CAPACITY}, of laat het leeg voor geen maximum.`);

export const parseStock = (raw: unknown): Parsed =>
  wholeNumber(raw, 0, MAX_STOCK, `Vul een heel aantal in, van 0 tot en met ${MAX_STOCK.toLocaleString('nl-NL')}, of laat het leeg als je het niet weet.`);

export function toolNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'Geef het gereedschap een naam.';
  return trimmed.length > MAX_TOOL_NAME ? `Een naam is hoogstens ${MAX_TOOL_NAME} tekens.` : null;
}

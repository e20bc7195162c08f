/**
 * The limits of the sign-up settings as the coordinator types them, checked before sending
 * so the message stands next to the field: a date's capacity, a tool's name and its stock.
 * The numbers are the server's (@buurtkracht/protocol/input-limits). Empty means "no
 * maximum" or "stock not known".
 */
import { dutchNumber } from '$lib/console/dutch-number';
import { DAY_CAPACITY_MAX, TOOL_NAME_MAX, TOOL_STOCK_MAX } from '@buurtkracht/protocol/input-limits';

type Parsed = { value: number | null; problem?: undefined } | { value?: undefined; problem: string };

/** A number field's value (number inputs give a number, or null/undefined/'' when empty). */
function wholeNumber(raw: unknown, min: number, max: number, problem: string): Parsed {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return { value: null };
  const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
  return Number.isInteger(n) && n >= min && n <= max ? { value: n } : { problem };
}

export const parseCapacity = (raw: unknown): Parsed =>
  wholeNumber(raw, 1, DAY_CAPACITY_MAX, `Vul een heel aantal plekken in, van 1 tot en met ${DAY_CAPACITY_MAX}, of laat het leeg voor geen maximum.`);

export const parseStock = (raw: unknown): Parsed =>
  wholeNumber(raw, 0, TOOL_STOCK_MAX, `Vul een heel aantal in, van 0 tot en met ${dutchNumber(TOOL_STOCK_MAX)}, of laat het leeg als je het niet weet.`);

export function toolNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'Geef het gereedschap een naam.';
  return trimmed.length > TOOL_NAME_MAX ? `Een naam is hoogstens ${TOOL_NAME_MAX} tekens.` : null;
}

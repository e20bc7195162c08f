/**
 * Calendar dates as Dutch people type and read them: 16-05-2026 (day first). A native
 * date input shows the browser's own order (05/16/2026 in an English browser), whatever
 * the page's language, so the console uses a text field with these two functions.
 */
const pad = (n: number) => String(n).padStart(2, '0');

function real(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** "16-5-2026", "16/05/2026", "16.05.2026" or "2026-05-16" → "2026-05-16"; null when it is no real date. */
export function parseDutchDate(text: string): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  if (iso) return real(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dutch = /^(\d{1,2})[-/.\s](\d{1,2})[-/.\s](\d{4})$/.exec(trimmed);
  if (dutch) return real(Number(dutch[3]), Number(dutch[2]), Number(dutch[1]));
  return null;
}

/** "2026-05-16" → "16-05-2026"; anything else is given back as it is. */
export function formatDutchDate(ymd: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  return match ? `${match[3]}-${match[2]}-${match[1]}` : ymd;
}

/** True for a value a DateInput holds when what was typed is no date (see DateInput.svelte). */
export const isUnreadableDate = (value: string): boolean => value !== '' && parseDutchDate(value) === null;

export const DATE_HINT = 'Vul een datum in als 16-05-2026 (dag-maand-jaar).';

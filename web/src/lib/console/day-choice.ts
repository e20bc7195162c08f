/**
 * Which date a console page with date tabs (DayTabs.svelte) opens on when the address names
 * none: the planning, the pickup list and the teams screen all choose the same way.
 */

/**
 * The first date today or later (the next action or walk day), else the last one; null when
 * there are no dates. `today` is a local YYYY-MM-DD, as the days' dates are.
 */
export function nextDayId(days: readonly { id: string; date: string }[], today: string): string | null {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  return (sorted.find((d) => d.date >= today) ?? sorted.at(-1))?.id ?? null;
}

/** Today as a local YYYY-MM-DD (the days' dates are local dates, not UTC ones). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

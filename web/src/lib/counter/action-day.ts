/**
 * Which action day the counter starts on, and how a day is written for people. An action
 * day's date is a calendar date (YYYY-MM-DD) in the neighbourhood; "today" is the phone's
 * own calendar date, never UTC, so a count at 00:30 belongs to the day people call today.
 */

export interface ActionDay {
  id: string;
  date: string;
  label: string | null;
  /** The streets planned for this day, in order; absent in a campaign kept before planned streets. */
  streets?: readonly { id: string }[] | null;
}

/** The phone's calendar date as YYYY-MM-DD. */
export function localDateIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Today's action day when there is one (a day remembered from earlier is most likely
 * yesterday's); else the remembered day if it still exists; else the next day to come;
 * else the most recent one.
 */
export function defaultDayId(days: readonly ActionDay[], today: string, savedId: string | null): string {
  const todays = days.find((d) => d.date === today);
  if (todays) return todays.id;
  if (savedId && days.some((d) => d.id === savedId)) return savedId;
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  return (sorted.find((d) => d.date > today) ?? sorted.at(-1))?.id ?? '';
}

/** "za 21 maart", with the year only when it is not this year: "za 21 maart 2027". */
export function formatDay(date: string, locale: string, today: string): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const sameYear = today.slice(0, 4) === date.slice(0, 4);
  // Noon keeps the date the same in every time zone the phone may be set to.
  return new Date(y, m - 1, d, 12).toLocaleDateString(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
}

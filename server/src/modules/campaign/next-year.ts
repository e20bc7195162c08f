/**
 * How a campaign's dates and name move to the next year when it is copied. Dates keep their
 * weekday (an action day on a Saturday stays on a Saturday): 52 weeks later, which is the
 * same weekday one or two days before the calendar date a year on; any other choice (the
 * next same weekday after it) would be five or six days further away.
 */
const DAYS_IN_52_WEEKS = 364;

/** YYYY-MM-DD, 52 weeks later. */
export function dateNextYear(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + DAYS_IN_52_WEEKS);
  return day.toISOString().slice(0, 10);
}

/**
 * The copy's name: "Tegelwippen 2026" becomes "Tegelwippen 2027"; a name without the year
 * gets the new year behind it, so the two are told apart in every list.
 */
export function nameNextYear(name: string, year: number, maxLength: number): string {
  const pattern = new RegExp(`(?<!\\d)${year}(?!\\d)`, 'g');
  const renamed = name.replace(pattern, String(year + 1));
  if (renamed !== name) return renamed.slice(0, maxLength);
  const suffix = ` ${year + 1}`;
  return name.slice(0, maxLength - suffix.length).trimEnd() + suffix;
}

/**
 * Campaign dates are local dates in the Netherlands (YYYY-MM-DD), whatever the server's own
 * time zone: around midnight UTC and Dutch time fall on different days.
 */
const amsterdamDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in the Netherlands as YYYY-MM-DD. */
export const todayInNetherlands = (now: Date): string => amsterdamDate.format(now);

/**
 * The year a campaign is for: that of its first day (a date in the Netherlands), or without
 * days, the year it was created in (Dutch time). Not the year it closed: a schouw in May
 * whose follow-up runs into January is still that year's. The programme's figures count a
 * campaign in this year, and "Kopieer voor volgend jaar" moves it to the next.
 */
import { todayInNetherlands } from './local-date.js';

export function campaignYear(firstDay: string | null | undefined, createdAt: string): number {
  return Number((firstDay ?? todayInNetherlands(new Date(createdAt))).slice(0, 4));
}

/**
 * Which devices may still hold field work: a device that has not synced on or after the
 * latest walk or action day so far. The field app syncs shortly after every write when it
 * has signal, so a device used that day and online at any point has synced since.
 */
import type { CampaignDay } from '$lib/graphql/console/campaign-operations';
import type { SyncDevice } from '$lib/graphql/console/participant-operations';

/** Midnight at the start of a calendar date, in the console's own (Dutch) time zone. */
const startOfDay = (ymd: string): Date => new Date(`${ymd}T00:00:00`);

/** The latest campaign day that has begun by `now`, or null before the first one. */
export function latestDayBegun(days: CampaignDay[], now: Date): CampaignDay | null {
  let latest: CampaignDay | null = null;
  for (const day of days) if (startOfDay(day.date) <= now && (!latest || day.date > latest.date)) latest = day;
  return latest;
}

export function isBehind(device: Pick<SyncDevice, 'lastSyncAt'>, day: CampaignDay | null): boolean {
  return day !== null && new Date(device.lastSyncAt) < startOfDay(day.date);
}

/**
 * SQL of the coordinator's side of sign-ups: opening the form, a date's capacity, the
 * streets' positions for the map, and what was counted at the sign-ups' addresses.
 */
import type { DbOrTrx } from '../../db/database.js';

export async function setSignupOpen(db: DbOrTrx, campaignId: string, open: boolean): Promise<void> {
  await db.updateTable('campaign').set({ signup_open: open ? 1 : 0 }).where('id', '=', campaignId).execute();
}

export async function setDayCapacity(db: DbOrTrx, dayId: string, capacity: number | null): Promise<void> {
  await db.updateTable('campaign_day').set({ capacity }).where('id', '=', dayId).execute();
}

/** Per street, the middle of its spots' positions (streets have none of their own). */
export async function streetCentroids(db: DbOrTrx, streetIds: readonly string[]): Promise<Map<string, { lat: number; lon: number }>> {
  if (streetIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('spot')
    .select((eb) => ['street_id', eb.fn.avg<number>('lat').as('lat'), eb.fn.avg<number>('lon').as('lon')])
    .where('street_id', 'in', streetIds)
    .where('lat', 'is not', null)
    .where('lon', 'is not', null)
    .groupBy('street_id')
    .execute();
  return new Map(rows.map((r) => [r.street_id, { lat: Number(r.lat), lon: Number(r.lon) }]));
}

/**
 * Net counted area (corrections included) per street and house number as typed, on one
 * action day; the caller folds the typed numbers into gardens.
 */
export async function countedAreaOnDay(db: DbOrTrx, dayId: string): Promise<{ street_id: string; house_number: string; area_cm2: number }[]> {
  const rows = await db
    .selectFrom('tally_event')
    .select((eb) => ['street_id', 'house_number', eb.fn.sum<number | string>('area_cm2').as('area_cm2')])
    .where('action_day_id', '=', dayId)
    .where('house_number', 'is not', null)
    .groupBy(['street_id', 'house_number'])
    .execute();
  return rows.map((r) => ({ street_id: r.street_id, house_number: r.house_number!, area_cm2: Number(r.area_cm2) }));
}

/** Every SQL statement of the campaign module. */
import type { DbOrTrx } from '../../db/database.js';
import { keysetPage, type KeysetPage } from '../../db/keyset.js';
import type { CampaignDayRow, CampaignRow, CampaignStatus } from './campaign.table.js';

export async function insertCampaign(db: DbOrTrx, row: CampaignRow): Promise<void> {
  await db.insertInto('campaign').values(row).execute();
}

export async function findCampaign(db: DbOrTrx, id: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Newest first; `neighbourhoodIds` null means every neighbourhood. */
export async function listCampaigns(db: DbOrTrx, neighbourhoodIds: readonly string[] | null, page: KeysetPage): Promise<CampaignRow[]> {
  if (neighbourhoodIds && neighbourhoodIds.length === 0) return [];
  let query = db.selectFrom('campaign').selectAll();
  if (neighbourhoodIds) query = query.where('neighbourhood_id', 'in', neighbourhoodIds);
  return query.$call(keysetPage(['created_at', 'id'], page, { newestFirst: true })).execute();
}

export async function setCampaignStatus(db: DbOrTrx, id: string, status: CampaignStatus, at: string): Promise<void> {
  await db
    .updateTable('campaign')
    .set(status === 'OPEN' ? { status, opened_at: at } : status === 'CLOSED' ? { status, closed_at: at } : { status })
    .where('id', '=', id)
    .execute();
}

/** Closed campaigns whose personal data is due for erasure. */
export async function campaignsClosedBefore(db: DbOrTrx, cutoff: string): Promise<CampaignRow[]> {
  return db
    .selectFrom('campaign')
    .selectAll()
    .where('status', '=', 'CLOSED')
    .where('closed_at', '<=', cutoff)
    .where('personal_data_erased_at', 'is', null)
    .execute();
}

export async function markPersonalDataErased(db: DbOrTrx, id: string, at: string): Promise<void> {
  await db.updateTable('campaign').set({ personal_data_erased_at: at }).where('id', '=', id).execute();
}

export async function updateCampaignSettings(
  db: DbOrTrx,
  id: string,
  set: Partial<Pick<CampaignRow, 'name' | 'target_area_cm2' | 'public_progress' | 'public_results' | 'checklist_version_id'>>,
): Promise<void> {
  if (Object.keys(set).length > 0) await db.updateTable('campaign').set(set).where('id', '=', id).execute();
}

export async function insertDays(db: DbOrTrx, rows: CampaignDayRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('campaign_day').values(rows).execute();
}

export async function findDay(db: DbOrTrx, id: string): Promise<CampaignDayRow | undefined> {
  return db.selectFrom('campaign_day').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteDay(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('campaign_day').where('id', '=', id).execute();
}

/** Whether anything was counted on a day (the ledger keeps its day; such a day stays). */
export async function dayHasTallyEvents(db: DbOrTrx, dayId: string): Promise<boolean> {
  return (await db.selectFrom('tally_event').select('id').where('action_day_id', '=', dayId).limit(1).executeTakeFirst()) !== undefined;
}

export async function daysOfCampaigns(db: DbOrTrx, campaignIds: readonly string[]): Promise<CampaignDayRow[]> {
  if (campaignIds.length === 0) return [];
  return db.selectFrom('campaign_day').selectAll().where('campaign_id', 'in', campaignIds).orderBy('date').execute();
}

/** The campaign copied from this one for a new year, if there is one (at most one: unique index). */
export async function findCopyOf(db: DbOrTrx, id: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('campaign').selectAll().where('copied_from_id', '=', id).executeTakeFirst();
}

/**
 * Every SQL statement about what a campaign counts (campaign_unit) and which streets each
 * of its days is for (campaign_day_street).
 */
import type { UnitCode } from '@buurtkracht/protocol/tally-units';
import type { DbOrTrx } from '../../db/database.js';
import type { CampaignDayStreetRow, CampaignUnitRow } from './campaign.table.js';

/** The units of these campaigns, each campaign's in the order the counter offers them. */
export async function unitsOfCampaigns(db: DbOrTrx, campaignIds: readonly string[]): Promise<CampaignUnitRow[]> {
  if (campaignIds.length === 0) return [];
  return db.selectFrom('campaign_unit').selectAll().where('campaign_id', 'in', campaignIds).orderBy('campaign_id').orderBy('position').execute();
}

/** The planned streets of these days, each day's in the order the coordinator gave them. */
export async function streetsOfDays(db: DbOrTrx, dayIds: readonly string[]): Promise<CampaignDayStreetRow[]> {
  if (dayIds.length === 0) return [];
  return db.selectFrom('campaign_day_street').selectAll().where('day_id', 'in', dayIds).orderBy('day_id').orderBy('position').execute();
}

/** Makes these the campaign's units, in this order (the position is the index). */
export async function replaceUnits(db: DbOrTrx, campaignId: string, units: readonly { code: UnitCode; target: number | null }[]): Promise<void> {
  await db.deleteFrom('campaign_unit').where('campaign_id', '=', campaignId).execute();
  if (units.length === 0) return;
  await db
    .insertInto('campaign_unit')
    .values(units.map((u, position) => ({ campaign_id: campaignId, unit_code: u.code, position, target: u.target })))
    .execute();
}

/** Makes these the day's planned streets, in this order. */
export async function replaceDayStreets(db: DbOrTrx, dayId: string, streetIds: readonly string[]): Promise<void> {
  await db.deleteFrom('campaign_day_street').where('day_id', '=', dayId).execute();
  if (streetIds.length === 0) return;
  await db
    .insertInto('campaign_day_street')
    .values(streetIds.map((street_id, position) => ({ day_id: dayId, street_id, position })))
    .execute();
}

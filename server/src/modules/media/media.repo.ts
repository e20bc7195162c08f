/** Every SQL statement of the media module. */
import type { DbOrTrx } from '../../db/database.js';
import type { MediaRow } from './media.table.js';

export async function findMedia(db: DbOrTrx, id: string): Promise<MediaRow | undefined> {
  return db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertMedia(db: DbOrTrx, row: MediaRow): Promise<void> {
  await db.insertInto('media').values(row).onConflict((oc) => oc.column('id').doNothing()).execute();
}

/** The findings that show this photo, for deciding who may see it. */
export async function findingsShowing(db: DbOrTrx, photoId: string) {
  return db
    .selectFrom('finding_photo')
    .innerJoin('finding', 'finding.id', 'finding_photo.finding_id')
    .innerJoin('campaign', 'campaign.id', 'finding.campaign_id')
    .select(['finding.id', 'finding.campaign_id', 'finding.spot_id', 'finding.participant_id', 'finding.staff_account_id', 'finding.routed_organisation_id', 'campaign.neighbourhood_id'])
    .where('finding_photo.photo_id', '=', photoId)
    .execute();
}

/** Who uploaded each of these photos (only those uploaded so far). */
export async function ownersOf(db: DbOrTrx, ids: readonly string[]): Promise<{ id: string; owner: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('media').select(['id', 'owner']).where('id', 'in', ids).execute();
}

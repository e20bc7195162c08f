/**
 * SQL of the public schouw results: findings counted per status, the action plan with
 * organisation names, and the photos a coordinator marked public.
 */
import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import type { Theme } from '../checklist/checklist.table.js';
import type { ActionItemStatus, FindingStatus } from '../finding/finding.table.js';

export async function findingCountsByStatus(db: DbOrTrx, campaignId: string): Promise<{ status: FindingStatus; count: number }[]> {
  const rows = await db
    .selectFrom('finding')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('count')])
    .where('campaign_id', '=', campaignId)
    .groupBy('status')
    .execute();
  return rows.map((r) => ({ status: r.status, count: Number(r.count) }));
}

export interface PublicActionItemRow {
  id: string;
  title: string;
  status: ActionItemStatus;
  public_message: string | null;
  due_date: string | null;
  updated_at: string | null;
  created_at: string;
  organisation_name: string | null;
}

/** The action plan without its owners (people): the owning organisation's name only. */
export async function actionItemsForPublic(db: DbOrTrx, campaignId: string): Promise<PublicActionItemRow[]> {
  return db
    .selectFrom('action_item')
    .leftJoin('organisation', 'organisation.id', 'action_item.owner_organisation_id')
    .select([
      'action_item.id',
      'action_item.title',
      'action_item.status',
      'action_item.public_message',
      'action_item.due_date',
      'action_item.updated_at',
      'action_item.created_at',
      'organisation.name as organisation_name',
    ])
    .where('action_item.campaign_id', '=', campaignId)
    // Items with a due date first, soonest first; those without one after them.
    .orderBy(sql`case when action_item.due_date is null then 1 else 0 end`)
    .orderBy('action_item.due_date')
    .orderBy('action_item.created_at')
    .orderBy('action_item.id')
    .execute();
}

export interface PublicPhotoRow {
  photo_id: string;
  finding_id: string;
  theme: Theme;
  status: FindingStatus;
  street_name: string | null;
  participant_id: string | null;
  staff_account_id: string | null;
  /** Who uploaded it; null while it has not arrived. */
  owner: string | null;
}

/** The photos of a campaign's findings marked for the public results, in the order they were marked. */
export async function markedPhotosOfCampaign(db: DbOrTrx, campaignId: string): Promise<PublicPhotoRow[]> {
  return db
    .selectFrom('finding_photo')
    .innerJoin('finding', 'finding.id', 'finding_photo.finding_id')
    .leftJoin('street', 'street.id', 'finding.street_id')
    .leftJoin('media', 'media.id', 'finding_photo.photo_id')
    .select([
      'finding_photo.photo_id',
      'finding.id as finding_id',
      'finding.category as theme',
      'finding.status',
      'street.name as street_name',
      'finding.participant_id',
      'finding.staff_account_id',
      'media.owner',
    ])
    .where('finding.campaign_id', '=', campaignId)
    .where('finding_photo.public_at', 'is not', null)
    .orderBy('finding_photo.public_at')
    .orderBy('finding_photo.photo_id')
    .execute();
}

/** The marked findings showing this photo whose schouw has its public results on now. */
export async function publicShowingsOfPhoto(db: DbOrTrx, photoId: string) {
  return db
    .selectFrom('finding_photo')
    .innerJoin('finding', 'finding.id', 'finding_photo.finding_id')
    .innerJoin('campaign', 'campaign.id', 'finding.campaign_id')
    .select(['finding.participant_id', 'finding.staff_account_id'])
    .where('finding_photo.photo_id', '=', photoId)
    .where('finding_photo.public_at', 'is not', null)
    .where('campaign.kind', '=', 'SCHOUW')
    .where('campaign.public_results', '=', 1)
    .where('campaign.status', '!=', 'DRAFT')
    .execute();
}

export async function findingPhoto(db: DbOrTrx, findingId: string, photoId: string) {
  return db.selectFrom('finding_photo').selectAll().where('finding_id', '=', findingId).where('photo_id', '=', photoId).executeTakeFirst();
}

export async function setPhotoPublicAt(db: DbOrTrx, findingId: string, photoId: string, publicAt: string | null): Promise<void> {
  await db.updateTable('finding_photo').set({ public_at: publicAt }).where('finding_id', '=', findingId).where('photo_id', '=', photoId).execute();
}

export async function markedPhotosOf(db: DbOrTrx, findingIds: readonly string[]): Promise<{ finding_id: string; photo_id: string }[]> {
  if (findingIds.length === 0) return [];
  return db.selectFrom('finding_photo').select(['finding_id', 'photo_id']).where('finding_id', 'in', findingIds).where('public_at', 'is not', null).orderBy('position').execute();
}

export async function mediaOwner(db: DbOrTrx, photoId: string): Promise<string | null> {
  return (await db.selectFrom('media').select('owner').where('id', '=', photoId).executeTakeFirst())?.owner ?? null;
}

export async function recorderOf(db: DbOrTrx, findingId: string) {
  return db.selectFrom('finding').select(['participant_id', 'staff_account_id']).where('id', '=', findingId).executeTakeFirst();
}

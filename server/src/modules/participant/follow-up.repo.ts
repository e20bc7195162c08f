/**
 * Every SQL statement about follow-up keys: the keys themselves, which participant rows
 * link to one, and the page of findings those rows recorded, with what residents see of
 * each (campaign name, street and spot names, the question it answers).
 */
import type { DbOrTrx } from '../../db/database.js';
import { keysetPage, type KeysetPage } from '../../db/keyset.js';
import type { Theme } from '../checklist/checklist.table.js';
import type { FindingStatus, Rating } from '../finding/finding.table.js';
import type { FollowUpKeyRow } from './follow-up.table.js';

export async function insertKey(db: DbOrTrx, row: FollowUpKeyRow): Promise<void> {
  await db.insertInto('follow_up_key').values(row).execute();
}

/** The key with this hash, if it was not revoked. */
export async function findValidKey(db: DbOrTrx, keyHash: string): Promise<FollowUpKeyRow | undefined> {
  return db.selectFrom('follow_up_key').selectAll().where('key_hash', '=', keyHash).where('revoked_at', 'is', null).executeTakeFirst();
}

export async function findKey(db: DbOrTrx, id: string): Promise<FollowUpKeyRow | undefined> {
  return db.selectFrom('follow_up_key').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Revokes a key that is still valid; false when it was revoked already (by a concurrent transfer). */
export async function revokeKey(db: DbOrTrx, id: string, at: string): Promise<boolean> {
  const result = await db.updateTable('follow_up_key').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function linkParticipant(db: DbOrTrx, participantId: string, keyId: string | null): Promise<void> {
  await db.updateTable('participant').set({ follow_up_key_id: keyId }).where('id', '=', participantId).execute();
}

/** Moves every participant row of one key to another. */
export async function relinkParticipants(db: DbOrTrx, fromKeyId: string, toKeyId: string): Promise<void> {
  await db.updateTable('participant').set({ follow_up_key_id: toKeyId }).where('follow_up_key_id', '=', fromKeyId).execute();
}

/** How many rows of a key still have working device access (not revoked, not erased). */
export async function countActiveParticipantsOfKey(db: DbOrTrx, keyId: string): Promise<number> {
  const row = await db
    .selectFrom('participant')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('follow_up_key_id', '=', keyId)
    .where('revoked_at', 'is', null)
    .where('erased_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface FollowUpFindingRow {
  id: string;
  campaign_id: string;
  campaign_name: string;
  category: Theme;
  rating: Rating | null;
  answer: string | null;
  text: string | null;
  suggestion: string | null;
  question: string | null;
  spot_name: string | null;
  street_name: string | null;
  device_time: string;
  server_time: string;
  status: FindingStatus;
}

/** A page of the findings recorded by the participant rows of one key, newest first (server time, id). */
export async function followUpFindings(db: DbOrTrx, keyId: string, page: KeysetPage): Promise<FollowUpFindingRow[]> {
  return db
    .selectFrom('finding')
    .innerJoin('participant', 'participant.id', 'finding.participant_id')
    .innerJoin('campaign', 'campaign.id', 'finding.campaign_id')
    .leftJoin('spot', 'spot.id', 'finding.spot_id')
    // A finding at a spot names no street of its own: the spot's street is where it is.
    .leftJoin('street', (join) => join.on((eb) => eb('street.id', '=', eb.fn.coalesce('finding.street_id', 'spot.street_id'))))
    .leftJoin('checklist_item', 'checklist_item.id', 'finding.checklist_item_id')
    .where('participant.follow_up_key_id', '=', keyId)
    .select([
      'finding.id',
      'finding.campaign_id',
      'campaign.name as campaign_name',
      'finding.category',
      'finding.rating',
      'finding.answer',
      'finding.text',
      'finding.suggestion',
      'checklist_item.prompt as question',
      'spot.name as spot_name',
      'street.name as street_name',
      'finding.device_time',
      'finding.server_time',
      'finding.status',
    ])
    .$call(keysetPage(['finding.server_time', 'finding.id'], page, { newestFirst: true }))
    .execute();
}

/** Every SQL statement of the participant module. */
import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import { keysetPage, type KeysetPage } from '../../db/keyset.js';
import type { ParticipantInviteRow, ParticipantRow } from './participant.table.js';

export async function insertInvite(db: DbOrTrx, row: ParticipantInviteRow): Promise<void> {
  await db.insertInto('participant_invite').values(row).execute();
}

export async function findInviteByCode(db: DbOrTrx, code: string): Promise<ParticipantInviteRow | undefined> {
  return db.selectFrom('participant_invite').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findInvite(db: DbOrTrx, id: string): Promise<ParticipantInviteRow | undefined> {
  return db.selectFrom('participant_invite').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listInvites(db: DbOrTrx, campaignId: string, page: KeysetPage): Promise<ParticipantInviteRow[]> {
  return db
    .selectFrom('participant_invite')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .$call(keysetPage(['created_at', 'id'], page))
    .execute();
}

export async function countInvites(db: DbOrTrx, campaignId: string): Promise<number> {
  const row = await db.selectFrom('participant_invite').select((eb) => eb.fn.countAll<number | string>().as('count')).where('campaign_id', '=', campaignId).executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Counts one use; false when the invite is used up, expired or revoked meanwhile. */
export async function claimInviteUse(db: DbOrTrx, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('participant_invite')
    .set({ use_count: sql`use_count + 1` })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .where((eb) => eb.or([eb('max_uses', 'is', null), eb('use_count', '<', eb.ref('max_uses'))]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function revokeInvite(db: DbOrTrx, id: string, at: string): Promise<void> {
  await db.updateTable('participant_invite').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

/** Rows made without a follow-up key (the demo's history, rows from before keys) leave it null. */
export async function insertParticipant(db: DbOrTrx, row: Omit<ParticipantRow, 'follow_up_key_id'> & { follow_up_key_id?: string | null }): Promise<void> {
  await db.insertInto('participant').values(row).execute();
}

export async function findParticipant(db: DbOrTrx, id: string): Promise<ParticipantRow | undefined> {
  return db.selectFrom('participant').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findParticipantsByIds(db: DbOrTrx, ids: readonly string[]): Promise<ParticipantRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('participant').selectAll().where('id', 'in', ids).execute();
}

export async function findParticipantByTokenHash(db: DbOrTrx, tokenHash: string): Promise<ParticipantRow | undefined> {
  return db.selectFrom('participant').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function listParticipants(db: DbOrTrx, campaignId: string, page: KeysetPage): Promise<ParticipantRow[]> {
  return db
    .selectFrom('participant')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .$call(keysetPage(['joined_at', 'id'], page))
    .execute();
}

export async function countParticipants(db: DbOrTrx, campaignId: string): Promise<number> {
  const row = await db.selectFrom('participant').select((eb) => eb.fn.countAll<number | string>().as('count')).where('campaign_id', '=', campaignId).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function revokeParticipant(db: DbOrTrx, id: string, at: string): Promise<void> {
  await db.updateTable('participant').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

/** Removes the personal fields and ends device access; the pseudonymous row stays for aggregates. */
export async function eraseParticipants(db: DbOrTrx, where: { id?: string; campaignId?: string }, at: string): Promise<number> {
  let query = db
    .updateTable('participant')
    .set({ display_name: null, contact: null, contact_consent_at: null, show_name_in_rankings: 0, erased_at: at, revoked_at: sql`coalesce(revoked_at, ${at})` })
    .where('erased_at', 'is', null);
  if (where.id) query = query.where('id', '=', where.id);
  if (where.campaignId) query = query.where('campaign_id', '=', where.campaignId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

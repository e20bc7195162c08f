/** Every SQL statement of device transfers (moving a device's memberships to a new phone). */
import type { DbOrTrx } from '../../db/database.js';
import type { DeviceTransferRow } from './follow-up.table.js';

export async function insertTransfer(db: DbOrTrx, row: DeviceTransferRow, participantIds: readonly string[]): Promise<void> {
  await db.insertInto('device_transfer').values(row).execute();
  if (participantIds.length === 0) return;
  await db
    .insertInto('device_transfer_participant')
    .values(participantIds.map((participant_id) => ({ transfer_id: row.id, participant_id })))
    .execute();
}

/** Ends the unused transfers of a key now: a new code replaces them. */
export async function voidOpenTransfers(db: DbOrTrx, followUpKeyId: string, at: string): Promise<void> {
  await db
    .updateTable('device_transfer')
    .set({ expires_at: at })
    .where('follow_up_key_id', '=', followUpKeyId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .execute();
}

/** Removes transfers that ended before `before` (used or expired): a code is of no use after. */
export async function deleteEndedTransfers(db: DbOrTrx, before: string): Promise<void> {
  const ended = db
    .selectFrom('device_transfer')
    .select('id')
    .where((eb) => eb.or([eb('expires_at', '<', before), eb('used_at', '<', before)]));
  await db.deleteFrom('device_transfer_participant').where('transfer_id', 'in', ended).execute();
  await db.deleteFrom('device_transfer').where((eb) => eb.or([eb('expires_at', '<', before), eb('used_at', '<', before)])).execute();
}

/**
 * Marks the transfer with this code used, if it is unused and not expired: the one
 * conditional update that lets only one of two concurrent completions through.
 */
export async function claimTransfer(db: DbOrTrx, codeHash: string, now: string): Promise<DeviceTransferRow | undefined> {
  const result = await db
    .updateTable('device_transfer')
    .set({ used_at: now })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  return db.selectFrom('device_transfer').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
}

export async function participantIdsOfTransfer(db: DbOrTrx, transferId: string): Promise<string[]> {
  const rows = await db.selectFrom('device_transfer_participant').select('participant_id').where('transfer_id', '=', transferId).execute();
  return rows.map((r) => r.participant_id);
}

export async function replaceToken(db: DbOrTrx, participantId: string, tokenHash: string): Promise<void> {
  await db.updateTable('participant').set({ token_hash: tokenHash }).where('id', '=', participantId).execute();
}

/** Participant rows of a key whose device access still works. */
export async function activeParticipantIdsOfKey(db: DbOrTrx, followUpKeyId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('participant')
    .select('id')
    .where('follow_up_key_id', '=', followUpKeyId)
    .where('revoked_at', 'is', null)
    .where('erased_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

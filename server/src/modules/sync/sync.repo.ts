/** Every SQL statement of the sync module. */
import { sql } from 'kysely';
import { bulkInsert } from '../../db/bulk-insert.js';
import type { DbOrTrx } from '../../db/database.js';
import type { ChangeLogRow, SyncDeviceRow, SyncMutationRow } from './sync.table.js';

export async function findDevice(db: DbOrTrx, id: string): Promise<SyncDeviceRow | undefined> {
  return db.selectFrom('sync_device').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDevice(db: DbOrTrx, row: SyncDeviceRow): Promise<void> {
  await db.insertInto('sync_device').values(row).execute();
}

export async function updateDevice(db: DbOrTrx, id: string, set: Pick<SyncDeviceRow, 'last_seq' | 'last_sync_at' | 'campaign_id'>): Promise<void> {
  await db.updateTable('sync_device').set(set).where('id', '=', id).execute();
}

export async function devicesOfCampaign(db: DbOrTrx, campaignId: string): Promise<SyncDeviceRow[]> {
  return db.selectFrom('sync_device').selectAll().where('campaign_id', '=', campaignId).orderBy('last_sync_at', 'desc').limit(1000).execute();
}

export async function findMutations(db: DbOrTrx, mutationIds: readonly string[]): Promise<SyncMutationRow[]> {
  if (mutationIds.length === 0) return [];
  return db.selectFrom('sync_mutation').selectAll().where('mutation_id', 'in', mutationIds).execute();
}

const MUTATION_COLUMNS = ['mutation_id', 'device_id', 'seq', 'name', 'status', 'code', 'message', 'entity_id', 'flags', 'processed_at'] as const;

export async function insertMutations(db: DbOrTrx, rows: SyncMutationRow[]): Promise<void> {
  await bulkInsert(db, 'sync_mutation', MUTATION_COLUMNS, rows);
}

export async function savepoint(db: DbOrTrx, name: string): Promise<void> {
  await sql`savepoint ${sql.raw(name)}`.execute(db);
}

export async function rollbackToSavepoint(db: DbOrTrx, name: string): Promise<void> {
  await sql`rollback to savepoint ${sql.raw(name)}`.execute(db);
}

export async function releaseSavepoint(db: DbOrTrx, name: string): Promise<void> {
  await sql`release savepoint ${sql.raw(name)}`.execute(db);
}

export async function latestChange(db: DbOrTrx): Promise<ChangeLogRow | undefined> {
  return db.selectFrom('change_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

export async function changeAt(db: DbOrTrx, seq: number): Promise<ChangeLogRow | undefined> {
  return db.selectFrom('change_log').selectAll().where('seq', '=', seq).executeTakeFirst();
}

/** Changes a device of this campaign may see, after a cursor, oldest first. */
export async function changesSince(db: DbOrTrx, scope: { neighbourhoodId: string; campaignId: string }, after: number, limit: number): Promise<ChangeLogRow[]> {
  return db
    .selectFrom('change_log')
    .selectAll()
    .where('neighbourhood_id', '=', scope.neighbourhoodId)
    .where('seq', '>', after)
    .where((eb) => eb.or([eb('campaign_id', 'is', null), eb('campaign_id', '=', scope.campaignId)]))
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** Which of these photo ids have not been uploaded yet. */
export async function missingMedia(db: DbOrTrx, photoIds: readonly string[]): Promise<string[]> {
  if (photoIds.length === 0) return [];
  const present = new Set((await db.selectFrom('media').select('id').where('id', 'in', photoIds).execute()).map((r) => r.id));
  return photoIds.filter((id) => !present.has(id));
}

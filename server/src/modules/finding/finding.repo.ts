/** Every SQL statement of the finding module (findings, photos, follow-up, action plan). */
import type { DbOrTrx } from '../../db/database.js';
import type { FindingConflictRow, FindingRow, FindingStatus, FindingStatusEventRow } from './finding.table.js';

export async function insertFinding(db: DbOrTrx, row: FindingRow, photoIds: readonly string[]): Promise<void> {
  await db.insertInto('finding').values(row).execute();
  if (photoIds.length > 0) {
    await db.insertInto('finding_photo').values(photoIds.map((photo_id, i) => ({ finding_id: row.id, photo_id, position: i + 1 }))).execute();
  }
}

export async function findFinding(db: DbOrTrx, id: string): Promise<FindingRow | undefined> {
  return db.selectFrom('finding').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function photosOf(db: DbOrTrx, findingIds: readonly string[]) {
  if (findingIds.length === 0) return [];
  return db.selectFrom('finding_photo').selectAll().where('finding_id', 'in', findingIds).orderBy('position').execute();
}

export async function setStatus(db: DbOrTrx, id: string, status: FindingStatus, event: FindingStatusEventRow): Promise<void> {
  await db.updateTable('finding').set((eb) => ({ status, version: eb('version', '+', 1) })).where('id', '=', id).execute();
  await db.insertInto('finding_status_event').values(event).execute();
}

export async function setRouting(db: DbOrTrx, id: string, organisationId: string | null): Promise<void> {
  await db.updateTable('finding').set((eb) => ({ routed_organisation_id: organisationId, version: eb('version', '+', 1) })).where('id', '=', id).execute();
}

export async function statusEventsOf(db: DbOrTrx, findingIds: readonly string[]): Promise<FindingStatusEventRow[]> {
  if (findingIds.length === 0) return [];
  return db.selectFrom('finding_status_event').selectAll().where('finding_id', 'in', findingIds).orderBy('at').orderBy('id').execute();
}

export async function participantNames(db: DbOrTrx, participantIds: readonly string[]) {
  if (participantIds.length === 0) return [];
  return db.selectFrom('participant').select(['id', 'display_name', 'pseudonym']).where('id', 'in', participantIds).execute();
}

/** Of these participants, those who left contact details with consent (and were not erased). */
export async function participantsWithContact(db: DbOrTrx, participantIds: readonly string[]): Promise<string[]> {
  if (participantIds.length === 0) return [];
  const rows = await db
    .selectFrom('participant')
    .select('id')
    .where('id', 'in', participantIds)
    .where('contact', 'is not', null)
    .where('contact_consent_at', 'is not', null)
    .where('erased_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Per spot, the first photo of the earliest finding with a photo at that spot in one
 * campaign (last year's photo of the spot): rows in recording order, the caller takes the
 * first per spot.
 */
export async function firstPhotosAtSpots(db: DbOrTrx, campaignId: string, spotIds: readonly string[]) {
  if (spotIds.length === 0) return [];
  return db
    .selectFrom('finding')
    .innerJoin('finding_photo', (join) => join.onRef('finding_photo.finding_id', '=', 'finding.id').on('finding_photo.position', '=', 1))
    .select(['finding.id', 'finding.spot_id', 'finding_photo.photo_id'])
    .where('finding.campaign_id', '=', campaignId)
    .where('finding.spot_id', 'in', spotIds)
    .orderBy('finding.server_time')
    .orderBy('finding.id')
    .execute();
}

// Edits and conflicts

export async function updateFields(db: DbOrTrx, id: string, set: Partial<Pick<FindingRow, 'text' | 'suggestion' | 'rating' | 'category' | 'version' | 'field_versions'>>): Promise<void> {
  await db.updateTable('finding').set(set).where('id', '=', id).execute();
}

export async function insertConflicts(db: DbOrTrx, rows: FindingConflictRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('finding_conflict').values(rows).execute();
}

export async function openConflictsOf(db: DbOrTrx, findingIds: readonly string[]): Promise<FindingConflictRow[]> {
  if (findingIds.length === 0) return [];
  return db.selectFrom('finding_conflict').selectAll().where('finding_id', 'in', findingIds).where('resolved_at', 'is', null).orderBy('created_at').execute();
}

export async function findConflict(db: DbOrTrx, id: string): Promise<FindingConflictRow | undefined> {
  return db.selectFrom('finding_conflict').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The value the server holds now, recorded on an open conflict for the coordinator to decide on. */
export async function setConflictServerValue(db: DbOrTrx, id: string, serverValue: string | null): Promise<void> {
  await db.updateTable('finding_conflict').set({ server_value: serverValue }).where('id', '=', id).where('resolved_at', 'is', null).execute();
}

export async function resolveConflictRow(db: DbOrTrx, id: string, at: string, resolution: 'USED_DEVICE' | 'KEPT_SERVER'): Promise<void> {
  await db.updateTable('finding_conflict').set({ resolved_at: at, resolution }).where('id', '=', id).execute();
}

export async function organisationExists(db: DbOrTrx, id: string): Promise<boolean> {
  return !!(await db.selectFrom('organisation').select('id').where('id', '=', id).executeTakeFirst());
}

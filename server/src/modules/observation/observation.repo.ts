/** Every SQL statement of the observation module. */
import type { DbOrTrx } from '../../db/database.js';
import { keysetPage, type KeysetPage } from '../../db/keyset.js';
import type { ObservationRow } from './observation.table.js';

export async function insertObservation(db: DbOrTrx, row: ObservationRow): Promise<void> {
  await db.insertInto('observation').values(row).execute();
}

export async function findObservation(db: DbOrTrx, id: string): Promise<ObservationRow | undefined> {
  return db.selectFrom('observation').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Keeps a remark that came with an answer, unless the answer already has one. */
export async function setNoteIfNone(db: DbOrTrx, id: string, note: string): Promise<void> {
  await db.updateTable('observation').set({ note }).where('id', '=', id).where('note', 'is', null).execute();
}

export interface Recorder {
  participantId: string | null;
  staffAccountId: string | null;
}

/** The recorder's answer to this item at this spot that counts now, if any. */
export async function currentAnswer(db: DbOrTrx, at: { campaignId: string; spotId: string; checklistItemId: string }, recorder: Recorder): Promise<ObservationRow | undefined> {
  let query = db
    .selectFrom('observation')
    .selectAll()
    .where('campaign_id', '=', at.campaignId)
    .where('spot_id', '=', at.spotId)
    .where('checklist_item_id', '=', at.checklistItemId)
    .where('superseded_by', 'is', null);
  query = recorder.participantId ? query.where('participant_id', '=', recorder.participantId) : query.where('staff_account_id', '=', recorder.staffAccountId);
  return query.executeTakeFirst();
}

export async function setSupersededBy(db: DbOrTrx, id: string, by: string): Promise<void> {
  await db.updateTable('observation').set({ superseded_by: by }).where('id', '=', id).execute();
}

export interface ObservationScope {
  campaignId: string;
  spotId?: string;
  checklistItemId?: string;
  participantId?: string;
  /** Leave out answers the same walker changed later. */
  currentOnly?: boolean;
}

/** Newest first, by server time and id. */
export async function listObservations(db: DbOrTrx, scope: ObservationScope, page: KeysetPage): Promise<ObservationRow[]> {
  let query = db.selectFrom('observation').selectAll().where('campaign_id', '=', scope.campaignId);
  if (scope.spotId) query = query.where('spot_id', '=', scope.spotId);
  if (scope.checklistItemId) query = query.where('checklist_item_id', '=', scope.checklistItemId);
  if (scope.participantId) query = query.where('participant_id', '=', scope.participantId);
  if (scope.currentOnly) query = query.where('superseded_by', 'is', null);
  return query.$call(keysetPage(['server_time', 'id'], page, { newestFirst: true })).execute();
}

/** The findings made from these observations: observation id → finding id. */
export async function findingsOfObservations(db: DbOrTrx, observationIds: readonly string[]): Promise<{ observation_id: string | null; id: string }[]> {
  if (observationIds.length === 0) return [];
  return db.selectFrom('finding').select(['id', 'observation_id']).where('observation_id', 'in', observationIds).orderBy('server_time').orderBy('id').execute();
}

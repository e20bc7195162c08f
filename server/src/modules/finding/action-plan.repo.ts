/**
 * SQL of the editable action plan: creating, changing, linking and removing items, and
 * reading them by id, per campaign, per finding and per owner organisation.
 */
import { keysetPage, type KeysetPage } from '../../db/keyset.js';
import type { DbOrTrx } from '../../db/database.js';
import type { ActionItemRow } from './finding.table.js';

export async function insertActionItem(db: DbOrTrx, row: ActionItemRow, findingIds: readonly string[]): Promise<void> {
  await db.insertInto('action_item').values(row).execute();
  if (findingIds.length > 0) await db.insertInto('action_item_finding').values(findingIds.map((finding_id) => ({ action_item_id: row.id, finding_id }))).execute();
}

export async function findActionItem(db: DbOrTrx, id: string): Promise<ActionItemRow | undefined> {
  return db.selectFrom('action_item').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A campaign's plan by due date; items without one last (SQLite would sort them first). */
export async function actionItemsOfCampaign(db: DbOrTrx, campaignId: string): Promise<ActionItemRow[]> {
  return db
    .selectFrom('action_item')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('due_date', (ob) => ob.asc().nullsLast())
    .orderBy('created_at')
    .execute();
}

export type ActionItemChanges = Partial<Pick<ActionItemRow, 'title' | 'owner' | 'owner_organisation_id' | 'due_date' | 'status' | 'public_message' | 'updated_at'>>;

export async function updateActionItem(db: DbOrTrx, id: string, set: ActionItemChanges): Promise<void> {
  await db.updateTable('action_item').set(set).where('id', '=', id).execute();
}

export async function linkFindings(db: DbOrTrx, actionItemId: string, findingIds: readonly string[]): Promise<void> {
  if (findingIds.length === 0) return;
  await db
    .insertInto('action_item_finding')
    .values(findingIds.map((finding_id) => ({ action_item_id: actionItemId, finding_id })))
    .onConflict((oc) => oc.columns(['action_item_id', 'finding_id']).doNothing())
    .execute();
}

export async function unlinkFindings(db: DbOrTrx, actionItemId: string, findingIds: readonly string[]): Promise<void> {
  if (findingIds.length === 0) return;
  await db.deleteFrom('action_item_finding').where('action_item_id', '=', actionItemId).where('finding_id', 'in', findingIds).execute();
}

export async function deleteActionItem(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('action_item_finding').where('action_item_id', '=', id).execute();
  await db.deleteFrom('action_item').where('id', '=', id).execute();
}

export async function linkedFindingIds(db: DbOrTrx, actionItemId: string): Promise<string[]> {
  const rows = await db.selectFrom('action_item_finding').select('finding_id').where('action_item_id', '=', actionItemId).execute();
  return rows.map((r) => r.finding_id);
}

/** Of these findings, the ids of those in the campaign. */
export async function findingsOfCampaign(db: DbOrTrx, campaignId: string, findingIds: readonly string[]): Promise<string[]> {
  if (findingIds.length === 0) return [];
  const rows = await db.selectFrom('finding').select('id').where('campaign_id', '=', campaignId).where('id', 'in', findingIds).execute();
  return rows.map((r) => r.id);
}

/** The items these findings are part of, one row per link, in due-date order. */
export async function actionItemsOfFindings(db: DbOrTrx, findingIds: readonly string[]) {
  if (findingIds.length === 0) return [];
  return db
    .selectFrom('action_item_finding')
    .innerJoin('action_item', 'action_item.id', 'action_item_finding.action_item_id')
    .select(['action_item_finding.finding_id', 'action_item.id', 'action_item.title', 'action_item.status', 'action_item.public_message', 'action_item.due_date', 'action_item.created_at'])
    .where('action_item_finding.finding_id', 'in', findingIds)
    .orderBy('action_item.created_at')
    .orderBy('action_item.id')
    .execute();
}

/** A partner organisation's items, newest first, by (created_at, id). */
export async function actionItemsOfOrganisation(db: DbOrTrx, organisationId: string, page: KeysetPage): Promise<ActionItemRow[]> {
  return db
    .selectFrom('action_item')
    .selectAll()
    .where('owner_organisation_id', '=', organisationId)
    .$call(keysetPage(['created_at', 'id'], page, { newestFirst: true }))
    .execute();
}

/** The links of these items; with `routedOrganisationId`, only to findings routed to it. */
export async function findingLinksOfActionItems(db: DbOrTrx, actionItemIds: readonly string[], routedOrganisationId?: string) {
  if (actionItemIds.length === 0) return [];
  let query = db
    .selectFrom('action_item_finding')
    .innerJoin('finding', 'finding.id', 'action_item_finding.finding_id')
    .select(['action_item_finding.action_item_id', 'action_item_finding.finding_id'])
    .where('action_item_finding.action_item_id', 'in', actionItemIds);
  if (routedOrganisationId !== undefined) query = query.where('finding.routed_organisation_id', '=', routedOrganisationId);
  return query.orderBy('finding.server_time').orderBy('finding.id').execute();
}

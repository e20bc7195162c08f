/**
 * The action plan (actiepunten): items with an owner, a due date and a status, made by
 * coordinators from one or more findings of a schouw.
 */
import { v7 as uuidv7 } from 'uuid';
import { managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import type { Db, DbOrTrx } from '../../db/database.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { loadCampaign, requireManagedCampaign } from '../campaign/campaign.service.js';
import * as repo from './finding.repo.js';
import type { ActionItemRow, ActionItemStatus } from './finding.table.js';

export interface ActionItem {
  id: string;
  campaignId: string;
  title: string;
  owner: string;
  ownerOrganisationId: string | null;
  dueDate: string | null;
  status: ActionItemStatus;
  createdAt: string;
}

const toActionItem = (row: ActionItemRow): ActionItem => ({
  id: row.id,
  campaignId: row.campaign_id,
  title: row.title,
  owner: row.owner,
  ownerOrganisationId: row.owner_organisation_id,
  dueDate: row.due_date,
  status: row.status,
  createdAt: row.created_at,
});

export interface NewActionItem {
  campaignId: string;
  title: string;
  owner: string;
  ownerOrganisationId?: string | null;
  dueDate?: string | null;
  findingIds: readonly string[];
  requestId: string;
}

export async function createActionItem(db: Db, viewer: Viewer, input: NewActionItem, now = new Date()): Promise<ActionItem> {
  return db.transaction().execute(async (trx) => {
    const campaign = await requireManagedCampaign(trx, viewer, input.campaignId);
    const findingIds = [...new Set(input.findingIds)];
    for (const id of findingIds) {
      const finding = await repo.findFinding(trx, id);
      if (!finding || finding.campaign_id !== campaign.id) throw badInput('Een van de bevindingen hoort niet bij deze schouw.');
    }
    const row: ActionItemRow = {
      id: uuidv7(),
      campaign_id: campaign.id,
      title: input.title.trim(),
      owner: input.owner.trim(),
      owner_organisation_id: input.ownerOrganisationId ?? null,
      due_date: input.dueDate ?? null,
      status: 'OPEN',
      created_at: now.toISOString(),
      public_message: null,
      updated_at: null,
    };
    await repo.insertActionItem(trx, row, findingIds);
    await recordAudit(trx, { actorAccountId: viewer.kind === 'staff' ? viewer.accountId : null, action: 'action_item.created', subjectType: 'action_item', subjectId: row.id, requestId: input.requestId }, now);
    return toActionItem(row);
  });
}

export async function changeActionItemStatus(db: Db, viewer: Viewer, input: { actionItemId: string; status: ActionItemStatus; requestId: string }, now = new Date()): Promise<ActionItem> {
  return db.transaction().execute(async (trx) => {
    const item = await repo.findActionItem(trx, input.actionItemId);
    const campaign = item && (await loadCampaign(trx, item.campaign_id));
    if (!item || !campaign || !managesNeighbourhood(viewer, campaign.neighbourhoodId)) throw notFound('Dit actiepunt');
    await repo.setActionItemStatus(trx, item.id, input.status);
    await recordAudit(trx, { actorAccountId: viewer.kind === 'staff' ? viewer.accountId : null, action: 'action_item.status_changed', subjectType: 'action_item', subjectId: item.id, detail: { from: item.status, to: input.status }, requestId: input.requestId }, now);
    return toActionItem({ ...item, status: input.status });
  });
}

/** The action plan is part of the public report of a schouw: participants see it too. */
export async function actionPlan(db: DbOrTrx, viewer: Viewer, campaignId: string): Promise<ActionItem[]> {
  const campaign = await loadCampaign(db, campaignId);
  const allowed = campaign && (managesNeighbourhood(viewer, campaign.neighbourhoodId) || (viewer.kind === 'participant' && viewer.campaignId === campaign.id));
  if (!allowed) throw notFound('Deze actie');
  return (await repo.actionItemsOfCampaign(db, campaignId)).map(toActionItem);
}

export async function findingIdsOfActionItems(db: DbOrTrx, actionItemIds: readonly string[]) {
  return (await repo.findingIdsOfActionItems(db, actionItemIds)).map((r) => ({ actionItemId: r.action_item_id, findingId: r.finding_id }));
}

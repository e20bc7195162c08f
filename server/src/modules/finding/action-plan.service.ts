/**
 * The action plan (actiepunten): items with an owner, an owner organisation, a due date,
 * a status and a public message, made by coordinators from one or more findings of a
 * schouw. Coordinators of the neighbourhood change everything; partner staff change the
 * status and public message of the items their organisation owns. Residents whose
 * finding is part of an item see its title, status and public message in the field app,
 * so every change is recorded as a change of each linked finding for phones to pull.
 */
import { v7 as uuidv7 } from 'uuid';
import { managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import type { KeysetPage } from '../../db/keyset.js';
import { inTransaction } from '../../db/transaction.js';
import { badInput, notFound } from '../../domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { loadCampaign, requireManagedCampaign, type Campaign } from '../campaign/campaign.service.js';
import { recordChange } from '../sync/change-log.repo.js';
import * as planRepo from './action-plan.repo.js';
import { PUBLIC_MESSAGE_MAX, PUBLIC_MESSAGE_MIN } from './finding-workflow.js';
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
  /** Plain Dutch for residents and the public results; null until someone writes one. */
  publicMessage: string | null;
  createdAt: string;
  updatedAt: string | null;
}

/** What a resident sees of an item their finding is part of (field app and Finding.actionItems). */
export interface LinkedActionItem {
  id: string;
  title: string;
  status: ActionItemStatus;
  publicMessage: string | null;
}

const toActionItem = (row: ActionItemRow): ActionItem => ({
  id: row.id,
  campaignId: row.campaign_id,
  title: row.title,
  owner: row.owner,
  ownerOrganisationId: row.owner_organisation_id,
  dueDate: row.due_date,
  status: row.status,
  publicMessage: row.public_message,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const MAX_LINKED_FINDINGS = 100;
const actorOf = (viewer: Viewer) => (viewer.kind === 'staff' ? viewer.accountId : null);

/** A problem with one input field, shown next to it in the console. */
const fieldProblem = (field: string, message: string) => badInput(message, { fields: [{ path: ['input', field], message }] });

/** How the viewer may change an item: everything (coordinators of its neighbourhood), status and message (its organisation's partners), or not at all. */
export type ActionItemAccess = 'MANAGER' | 'PARTNER';

export function actionItemAccess(viewer: Viewer, campaign: Pick<Campaign, 'neighbourhoodId'>, item: Pick<ActionItemRow, 'owner_organisation_id'>): ActionItemAccess | null {
  if (managesNeighbourhood(viewer, campaign.neighbourhoodId)) return 'MANAGER';
  if (viewer.kind === 'staff' && viewer.role === 'PARTNER' && viewer.organisationId && item.owner_organisation_id === viewer.organisationId) return 'PARTNER';
  return null;
}

async function requireActionItem(trx: DbOrTrx, viewer: Viewer, id: string) {
  const item = await planRepo.findActionItem(trx, id);
  const campaign = item && (await loadCampaign(trx, item.campaign_id));
  const access = item && campaign && actionItemAccess(viewer, campaign, item);
  if (!item || !campaign || !access) throw notFound('Dit actiepunt');
  return { item, campaign, access };
}

/** The public message as stored: trimmed, null when empty; a Dutch message when too short or long. */
function publicMessageOf(text: string | null | undefined): string | null {
  const message = text?.trim() ?? '';
  if (message === '') return null;
  if (message.length < PUBLIC_MESSAGE_MIN) throw fieldProblem('publicMessage', `Schrijf voor de bewoners in een paar woorden wat er gebeurt (minstens ${PUBLIC_MESSAGE_MIN} tekens), of laat het leeg.`);
  if (message.length > PUBLIC_MESSAGE_MAX) throw fieldProblem('publicMessage', `Houd het bericht korter dan ${PUBLIC_MESSAGE_MAX} tekens.`);
  return message;
}

async function requireOrganisation(trx: DbOrTrx, organisationId: string | null): Promise<void> {
  if (organisationId && !(await repo.organisationExists(trx, organisationId))) throw fieldProblem('ownerOrganisationId', 'Deze organisatie bestaat niet.');
}

async function requireFindingsOfCampaign(trx: DbOrTrx, campaignId: string, findingIds: readonly string[], field: string): Promise<void> {
  if (findingIds.length > MAX_LINKED_FINDINGS) throw fieldProblem(field, `Hoogstens ${MAX_LINKED_FINDINGS} bevindingen per keer.`);
  const found = await planRepo.findingsOfCampaign(trx, campaignId, findingIds);
  if (found.length !== findingIds.length) throw fieldProblem(field, 'Een van de bevindingen hoort niet bij deze schouw.');
}

/** Phones of the campaign pull each of these findings again, with the item as it is now. */
async function recordFindingChanges(trx: DbOrTrx, campaign: Campaign, findingIds: Iterable<string>, now: Date): Promise<void> {
  for (const findingId of new Set(findingIds)) {
    await recordChange(trx, { neighbourhoodId: campaign.neighbourhoodId, campaignId: campaign.id, entityType: 'FINDING', entityId: findingId }, now);
  }
}

export interface NewActionItem {
  campaignId: string;
  title: string;
  owner: string;
  ownerOrganisationId?: string | null;
  dueDate?: string | null;
  publicMessage?: string | null;
  findingIds: readonly string[];
  requestId: string;
}

export async function createActionItem(db: DbOrTrx, viewer: Viewer, input: NewActionItem, now = new Date()): Promise<ActionItem> {
  return inTransaction(db, async (trx) => {
    const campaign = await requireManagedCampaign(trx, viewer, input.campaignId);
    if (campaign.kind !== 'SCHOUW') throw badInput('Alleen een schouw heeft een actieplan.');
    const findingIds = [...new Set(input.findingIds)];
    await requireFindingsOfCampaign(trx, campaign.id, findingIds, 'findingIds');
    await requireOrganisation(trx, input.ownerOrganisationId ?? null);
    const row: ActionItemRow = {
      id: uuidv7(),
      campaign_id: campaign.id,
      title: input.title.trim(),
      owner: input.owner.trim(),
      owner_organisation_id: input.ownerOrganisationId ?? null,
      due_date: input.dueDate ?? null,
      status: 'OPEN',
      created_at: now.toISOString(),
      public_message: publicMessageOf(input.publicMessage),
      updated_at: null,
    };
    await planRepo.insertActionItem(trx, row, findingIds);
    await recordAudit(trx, { actorAccountId: actorOf(viewer), action: 'action_item.created', subjectType: 'action_item', subjectId: row.id, detail: { findings: findingIds.length }, requestId: input.requestId }, now);
    await recordFindingChanges(trx, campaign, findingIds, now);
    return toActionItem(row);
  });
}

export interface ActionItemUpdate {
  actionItemId: string;
  /** Left out (undefined or null): unchanged. */
  title?: string | null;
  owner?: string | null;
  status?: ActionItemStatus | null;
  /** Left out: unchanged; null: no organisation. */
  ownerOrganisationId?: string | null;
  /** Left out: unchanged; null: no due date. */
  dueDate?: string | null;
  /** Left out: unchanged; null or empty: no message. */
  publicMessage?: string | null;
  addFindingIds?: readonly string[] | null;
  removeFindingIds?: readonly string[] | null;
  requestId: string;
}

/** What partner staff may change on their organisation's items. */
const PARTNER_FIELDS = new Set(['actionItemId', 'status', 'publicMessage', 'requestId']);
const CLEARABLE = new Set(['ownerOrganisationId', 'dueDate', 'publicMessage']);

/**
 * Changes an item and its links to findings in one transaction: one audit record for the
 * fields (or for the status alone), one for the links, and a FINDING change for every
 * finding linked before or after. Changing nothing records nothing.
 */
export async function updateActionItem(db: DbOrTrx, viewer: Viewer, input: ActionItemUpdate, now = new Date()): Promise<ActionItem> {
  return inTransaction(db, async (trx) => {
    const { item, campaign, access } = await requireActionItem(trx, viewer, input.actionItemId);
    // null leaves title, owner and status as they are, but clears an organisation or a due date.
    const given = Object.entries(input).filter(([key, value]) => value !== undefined && (value !== null || CLEARABLE.has(key)) && !(Array.isArray(value) && value.length === 0));
    // Not allowed looks like not found, as everywhere; the console asks partners for nothing else.
    if (access === 'PARTNER' && given.some(([key]) => !PARTNER_FIELDS.has(key))) throw notFound('Dit actiepunt');

    const changes: planRepo.ActionItemChanges = {};
    if (input.title != null && input.title.trim() !== item.title) changes.title = input.title.trim();
    if (input.owner != null && input.owner.trim() !== item.owner) changes.owner = input.owner.trim();
    if (input.status != null && input.status !== item.status) changes.status = input.status;
    if (input.ownerOrganisationId !== undefined && input.ownerOrganisationId !== item.owner_organisation_id) {
      await requireOrganisation(trx, input.ownerOrganisationId);
      changes.owner_organisation_id = input.ownerOrganisationId;
    }
    if (input.dueDate !== undefined && input.dueDate !== item.due_date) changes.due_date = input.dueDate;
    if (input.publicMessage !== undefined) {
      const message = publicMessageOf(input.publicMessage);
      if (message !== item.public_message) changes.public_message = message;
    }

    const linked = await planRepo.linkedFindingIds(trx, item.id);
    const added = [...new Set(input.addFindingIds ?? [])].filter((id) => !linked.includes(id));
    const removed = [...new Set(input.removeFindingIds ?? [])].filter((id) => linked.includes(id) && !added.includes(id));
    await requireFindingsOfCampaign(trx, campaign.id, added, 'addFindingIds');

    const fields = Object.keys(changes);
    if (fields.length === 0 && added.length === 0 && removed.length === 0) return toActionItem(item);

    const updatedAt = now.toISOString();
    await planRepo.updateActionItem(trx, item.id, { ...changes, updated_at: updatedAt });
    if (fields.length > 0) {
      const statusDetail: Record<string, string> = changes.status ? { from: item.status, to: changes.status } : {};
      const onlyStatus = fields.length === 1 && changes.status;
      await recordAudit(
        trx,
        {
          actorAccountId: actorOf(viewer),
          action: onlyStatus ? 'action_item.status_changed' : 'action_item.updated',
          subjectType: 'action_item',
          subjectId: item.id,
          detail: onlyStatus ? statusDetail : { fields: fields.join(','), ...statusDetail },
          requestId: input.requestId,
        },
        now,
      );
    }
    if (added.length > 0 || removed.length > 0) {
      await planRepo.linkFindings(trx, item.id, added);
      await planRepo.unlinkFindings(trx, item.id, removed);
      await recordAudit(
        trx,
        { actorAccountId: actorOf(viewer), action: 'action_item.findings_changed', subjectType: 'action_item', subjectId: item.id, detail: { added: added.join(','), removed: removed.join(',') }, requestId: input.requestId },
        now,
      );
    }
    await recordFindingChanges(trx, campaign, [...linked, ...added], now);
    return toActionItem((await planRepo.findActionItem(trx, item.id))!);
  });
}

export async function changeActionItemStatus(db: DbOrTrx, viewer: Viewer, input: { actionItemId: string; status: ActionItemStatus; requestId: string }, now = new Date()): Promise<ActionItem> {
  return updateActionItem(db, viewer, { actionItemId: input.actionItemId, status: input.status, requestId: input.requestId }, now);
}

/** Coordinators remove an item made by mistake; its findings stay, and phones learn it is gone. */
export async function deleteActionItem(db: DbOrTrx, viewer: Viewer, input: { actionItemId: string; requestId: string }, now = new Date()): Promise<string> {
  return inTransaction(db, async (trx) => {
    const { item, campaign, access } = await requireActionItem(trx, viewer, input.actionItemId);
    if (access !== 'MANAGER') throw notFound('Dit actiepunt');
    const linked = await planRepo.linkedFindingIds(trx, item.id);
    await planRepo.deleteActionItem(trx, item.id);
    await recordAudit(
      trx,
      { actorAccountId: actorOf(viewer), action: 'action_item.deleted', subjectType: 'action_item', subjectId: item.id, detail: { campaignId: campaign.id, title: item.title, findings: linked.join(',') }, requestId: input.requestId },
      now,
    );
    await recordFindingChanges(trx, campaign, linked, now);
    return item.id;
  });
}

/** The action plan is part of the report of a schouw: its coordinators and participants see it. */
export async function actionPlan(db: DbOrTrx, viewer: Viewer, campaignId: string): Promise<ActionItem[]> {
  const campaign = await loadCampaign(db, campaignId);
  const allowed = campaign && (managesNeighbourhood(viewer, campaign.neighbourhoodId) || (viewer.kind === 'participant' && viewer.campaignId === campaign.id));
  if (!allowed) throw notFound('Deze actie');
  return (await planRepo.actionItemsOfCampaign(db, campaignId)).map(toActionItem);
}

/** Partner staff: the items their organisation owns, in every campaign, newest first. */
export async function organisationActionItems(db: DbOrTrx, viewer: Viewer, page: KeysetPage): Promise<ActionItem[]> {
  if (viewer.kind !== 'staff' || viewer.role !== 'PARTNER' || !viewer.organisationId) throw notFound();
  return (await planRepo.actionItemsOfOrganisation(db, viewer.organisationId, page)).map(toActionItem);
}

/**
 * The findings of each item. Partners see only those routed to their organisation: the
 * others are not theirs to open, and their ids would only say that they exist.
 */
export async function findingIdsOfActionItems(db: DbOrTrx, viewer: Viewer, actionItemIds: readonly string[]) {
  const partnerOrganisation = viewer.kind === 'staff' && viewer.role === 'PARTNER' ? (viewer.organisationId ?? '') : undefined;
  return (await planRepo.findingLinksOfActionItems(db, actionItemIds, partnerOrganisation)).map((r) => ({ actionItemId: r.action_item_id, findingId: r.finding_id }));
}

/** The items each finding is part of, for those who may see the finding (the caller checked). */
export async function actionItemsOfFindings(db: DbOrTrx, findingIds: readonly string[]): Promise<(LinkedActionItem & { findingId: string })[]> {
  return (await planRepo.actionItemsOfFindings(db, findingIds)).map((r) => ({ findingId: r.finding_id, id: r.id, title: r.title, status: r.status, publicMessage: r.public_message }));
}

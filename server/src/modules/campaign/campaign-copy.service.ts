/**
 * "Kopieer voor volgend jaar": next year's campaign in one step. The copy is a DRAFT in the
 * same neighbourhood with the same settings (target, public pages, checklist — the same
 * version or the newest of that checklist —, questionnaire, tools and their stock, what it
 * counts with its targets) and the same days a year on (next-year.ts), each for the same
 * streets, and nothing personal: no participants, invites, sign-ups,
 * teams, counts, findings or action plan. Streets and spots belong to the neighbourhood,
 * so the copy walks the same places, and a copied schouw compares with this one (the
 * previous schouw of the neighbourhood, scores.service.ts) once this one was walked.
 *
 * The sign-up form starts closed: a copy must not take sign-ups for dates nobody checked
 * yet. One copy per campaign: a second copy is refused with the name of the first.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import { DomainError, ErrorCode, notFound } from '../../domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { latestVersionIds, loadVersion } from '../checklist/checklist.service.js';
import { insertTool, toolsOfCampaigns } from '../signup/campaign-tools.repo.js';
import * as repo from './campaign.repo.js';
import { findCampaign, requireManagedCampaign, toCampaign, type Campaign } from './campaign.service.js';
import { CAMPAIGN_NAME_MAX_LENGTH, type CampaignRow } from './campaign.table.js';
import { campaignYear } from './campaign-year.js';
import { copyUnitsAndDayStreets } from './campaign-units.service.js';
import { dateNextYear, nameNextYear } from './next-year.js';

/** SAME: the checklist version this campaign walked with; NEWEST: the newest version of that checklist. */
export type ChecklistChoice = 'SAME' | 'NEWEST';

/** The newest version of the checklist a schouw walks with, or null when it already walks with it (or has none). */
export async function newerChecklistVersionId(db: DbOrTrx, campaign: Pick<Campaign, 'checklistVersionId'>): Promise<string | null> {
  if (!campaign.checklistVersionId) return null;
  const current = await loadVersion(db, campaign.checklistVersionId);
  const newest = current && (await latestVersionIds(db, [current.templateId])).get(current.templateId);
  return newest && newest !== campaign.checklistVersionId ? newest : null;
}

export async function copyCampaignForNextYear(
  db: DbOrTrx,
  viewer: Viewer,
  input: { campaignId: string; checklist: ChecklistChoice; requestId: string },
  now = new Date(),
): Promise<Campaign> {
  if (viewer.kind !== 'staff') throw notFound('Deze actie');
  return inTransaction(db, async (trx) => {
    const source = await requireManagedCampaign(trx, viewer, input.campaignId);
    const existing = await repo.findCopyOf(trx, source.id);
    if (existing) throw new DomainError(ErrorCode.CONFLICT, `Deze actie is al gekopieerd voor volgend jaar: "${existing.name}". Werk die kopie bij.`);
    const days = await repo.daysOfCampaigns(trx, [source.id]);
    // Days come in date order: the first is the earliest.
    const year = campaignYear(days[0]?.date, source.createdAt);
    const checklistVersionId = input.checklist === 'NEWEST' ? ((await newerChecklistVersionId(trx, source)) ?? source.checklistVersionId) : source.checklistVersionId;
    const row: CampaignRow = {
      id: uuidv7(),
      neighbourhood_id: source.neighbourhoodId,
      kind: source.kind,
      name: nameNextYear(source.name, year, CAMPAIGN_NAME_MAX_LENGTH),
      status: 'DRAFT',
      created_at: now.toISOString(),
      opened_at: null,
      closed_at: null,
      personal_data_erased_at: null,
      target_area_cm2: source.targetAreaCm2,
      public_progress: source.publicProgress ? 1 : 0,
      public_results: source.publicResults ? 1 : 0,
      checklist_version_id: checklistVersionId,
      signup_open: 0,
      copied_from_id: source.id,
      questionnaire_version_id: source.questionnaireVersionId,
    };
    await repo.insertCampaign(trx, row);
    const copiedDays = days.map((d) => ({ id: uuidv7(), campaign_id: row.id, date: dateNextYear(d.date), label: d.label, capacity: d.capacity }));
    await repo.insertDays(trx, copiedDays);
    await copyUnitsAndDayStreets(trx, source.id, row.id, new Map(days.map((d, i) => [d.id, copiedDays[i]!.id])));
    for (const tool of await toolsOfCampaigns(trx, [source.id])) await insertTool(trx, { ...tool, id: uuidv7(), campaign_id: row.id });
    await recordAudit(trx, { actorAccountId: viewer.accountId, action: 'campaign.copied', subjectType: 'campaign', subjectId: row.id, detail: { from: source.id }, requestId: input.requestId }, now);
    return toCampaign(row);
  });
}

/** The campaign copied from this one, when the viewer may see it. */
export async function nextYearCopyOf(db: DbOrTrx, viewer: Viewer, campaign: Pick<Campaign, 'id'>): Promise<Campaign | null> {
  const row = await repo.findCopyOf(db, campaign.id);
  return row ? findCampaign(db, viewer, row.id) : null;
}

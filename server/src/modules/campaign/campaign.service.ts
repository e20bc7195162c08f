/**
 * Campaigns (a schouw, a tegelwip action or a clean-up action): who may see and manage
 * them, and the status workflow DRAFT → OPEN → CLOSED.
 * Coordinators manage the campaigns of their own neighbourhoods; participants see only
 * the campaign they joined; partners see campaigns (names and status, nothing personal).
 */
import { CM2_PER_M2, DEFAULT_TARGET_M2 } from '@buurtkracht/protocol/tile-sizes';
import { v7 as uuidv7 } from 'uuid';
import { managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import type { Db, DbOrTrx } from '../../db/database.js';
import type { KeysetPage } from '../../db/keyset.js';
import { inTransaction } from '../../db/transaction.js';
import { badInput, DomainError, ErrorCode, notFound } from '../../domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { requireVersionFor } from '../checklist/checklist.service.js';
import { insertDefaultTools } from '../signup/campaign-tools.repo.js';
import { signupCountOfDay } from '../signup/signup.repo.js';
import { recordChange } from '../sync/change-log.repo.js';
import { deleteTeamsAndPlanOfDay } from '../team/team.repo.js';
import { unitsForKind, type UnitChoice } from './campaign-unit-rules.js';
import { replaceDayStreets, replaceUnits } from './campaign-units.repo.js';
import * as repo from './campaign.repo.js';
import type { CampaignDayRow, CampaignKind, CampaignRow, CampaignStatus } from './campaign.table.js';

export type { CampaignKind, CampaignStatus };

export interface Campaign {
  id: string;
  neighbourhoodId: string;
  kind: CampaignKind;
  name: string;
  status: CampaignStatus;
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
  targetAreaCm2: number | null;
  publicProgress: boolean;
  /** Schouw: whether the public results page is on. */
  publicResults: boolean;
  checklistVersionId: string | null;
  /** Whether the public sign-up form takes sign-ups. */
  signupOpen: boolean;
  /** The campaign this one was copied from for a new year. */
  copiedFromId: string | null;
  /** The questionnaire version participants are asked after their activity. */
  questionnaireVersionId: string | null;
}

export interface CampaignDay {
  id: string;
  campaignId: string;
  date: string;
  label: string | null;
  /** How many people the date takes (sign-ups); null = no limit. */
  capacity: number | null;
}

export const toCampaignDay = (row: CampaignDayRow): CampaignDay => ({ id: row.id, campaignId: row.campaign_id, date: row.date, label: row.label, capacity: row.capacity });

export const toCampaign = (row: CampaignRow): Campaign => ({
  id: row.id,
  neighbourhoodId: row.neighbourhood_id,
  kind: row.kind,
  name: row.name,
  status: row.status,
  createdAt: row.created_at,
  openedAt: row.opened_at,
  closedAt: row.closed_at,
  targetAreaCm2: row.target_area_cm2,
  publicProgress: row.public_progress === 1,
  publicResults: row.public_results === 1,
  checklistVersionId: row.checklist_version_id,
  signupOpen: row.signup_open === 1,
  copiedFromId: row.copied_from_id,
  questionnaireVersionId: row.questionnaire_version_id,
});

export function canSeeCampaign(viewer: Viewer, campaign: Pick<Campaign, 'id' | 'neighbourhoodId'>): boolean {
  switch (viewer.kind) {
    case 'staff':
      return viewer.role === 'PARTNER' || managesNeighbourhood(viewer, campaign.neighbourhoodId);
    case 'participant':
      return viewer.campaignId === campaign.id;
    default:
      return false;
  }
}

export async function findCampaign(db: DbOrTrx, viewer: Viewer, id: string): Promise<Campaign | null> {
  const row = await repo.findCampaign(db, id);
  return row && canSeeCampaign(viewer, toCampaign(row)) ? toCampaign(row) : null;
}

/** The campaign if the viewer manages it; otherwise NOT_FOUND, whether it exists or not. */
export async function requireManagedCampaign(db: DbOrTrx, viewer: Viewer, id: string): Promise<Campaign> {
  const row = await repo.findCampaign(db, id);
  if (!row || !managesNeighbourhood(viewer, row.neighbourhood_id)) throw notFound('Deze actie');
  return toCampaign(row);
}

export async function listCampaigns(db: DbOrTrx, viewer: Viewer, page: KeysetPage): Promise<Campaign[]> {
  if (viewer.kind === 'participant') {
    const own = await repo.findCampaign(db, viewer.campaignId);
    return own && !page.after && !page.before ? [toCampaign(own)] : [];
  }
  if (viewer.kind !== 'staff') throw notFound();
  const scope = viewer.role === 'COORDINATOR' ? viewer.neighbourhoodIds : null;
  return (await repo.listCampaigns(db, scope, page)).map(toCampaign);
}

export interface NewCampaign {
  neighbourhoodId: string;
  kind: CampaignKind;
  name: string;
  /** Walk dates or action days, YYYY-MM-DD. */
  days?: { date: string; label?: string | null }[] | null;
  /** Tegelwippen only; defaults to 500 m². */
  targetAreaM2?: number | null;
  /** What it counts (campaign-unit-rules.ts): a clean-up's choice, or a tegelwip action's targets; absent for the defaults. */
  units?: readonly UnitChoice[] | null;
  publicProgress?: boolean | null;
  checklistVersionId?: string | null;
  requestId: string;
}

export async function createCampaign(db: DbOrTrx, viewer: Viewer, input: NewCampaign, now = new Date()): Promise<Campaign> {
  if (viewer.kind !== 'staff' || !managesNeighbourhood(viewer, input.neighbourhoodId)) throw notFound('Deze buurt');
  if (input.kind !== 'TEGELWIPPEN' && input.targetAreaM2 != null) throw badInput(input.kind === 'SCHOUW' ? 'Een schouw heeft geen doel in m².' : 'Een opruimactie heeft geen doel in m²; geef een doel per ding dat je telt.');
  const units = unitsForKind(input.kind, input.units, ['input', 'units']);
  const dates = (input.days ?? []).map((d) => d.date);
  if (new Set(dates).size !== dates.length) throw badInput('Elke datum mag maar één keer voorkomen.');
  if (input.kind === 'SCHOUW' && input.checklistVersionId) await requireVersionFor(db, input.checklistVersionId, 'CHECKLIST');
  const row: CampaignRow = {
    id: uuidv7(),
    neighbourhood_id: input.neighbourhoodId,
    kind: input.kind,
    name: input.name.trim(),
    status: 'DRAFT',
    created_at: now.toISOString(),
    opened_at: null,
    closed_at: null,
    personal_data_erased_at: null,
    target_area_cm2: input.kind === 'TEGELWIPPEN' ? (input.targetAreaM2 ?? DEFAULT_TARGET_M2) * CM2_PER_M2 : null,
    public_progress: input.publicProgress ? 1 : 0,
    public_results: 0,
    checklist_version_id: input.kind === 'SCHOUW' ? (input.checklistVersionId ?? null) : null,
    signup_open: 0,
    copied_from_id: null,
    questionnaire_version_id: null,
  };
  await inTransaction(db, async (trx) => {
    await repo.insertCampaign(trx, row);
    await repo.insertDays(trx, (input.days ?? []).map((d) => ({ id: uuidv7(), campaign_id: row.id, date: d.date, label: d.label?.trim() || null, capacity: null })));
    await replaceUnits(trx, row.id, units);
    await insertDefaultTools(trx, row.id, row.kind);
    await recordAudit(trx, { actorAccountId: viewer.accountId, action: 'campaign.created', subjectType: 'campaign', subjectId: row.id, requestId: input.requestId }, now);
  });
  return toCampaign(row);
}

const allowedTransitions: Record<CampaignStatus, CampaignStatus[]> = {
  DRAFT: ['OPEN'],
  OPEN: ['CLOSED'],
  CLOSED: [],
};

const statusLabel: Record<CampaignStatus, string> = { DRAFT: 'concept', OPEN: 'open', CLOSED: 'gesloten' };

export async function changeCampaignStatus(
  db: DbOrTrx,
  viewer: Viewer,
  input: { campaignId: string; status: CampaignStatus; requestId: string },
  now = new Date(),
): Promise<Campaign> {
  return inTransaction(db, async (trx) => {
    const campaign = await requireManagedCampaign(trx, viewer, input.campaignId);
    if (!allowedTransitions[campaign.status].includes(input.status)) {
      throw new DomainError(
        ErrorCode.CONFLICT,
        `Een actie die ${statusLabel[campaign.status]} is, kan niet ${statusLabel[input.status]} worden.`,
      );
    }
    await repo.setCampaignStatus(trx, campaign.id, input.status, now.toISOString());
    await recordChange(trx, { neighbourhoodId: campaign.neighbourhoodId, campaignId: campaign.id, entityType: 'CAMPAIGN', entityId: campaign.id }, now);
    await recordAudit(
      trx,
      {
        actorAccountId: viewer.kind === 'staff' ? viewer.accountId : null,
        action: 'campaign.status_changed',
        subjectType: 'campaign',
        subjectId: campaign.id,
        detail: { from: campaign.status, to: input.status },
        requestId: input.requestId,
      },
      now,
    );
    return toCampaign((await repo.findCampaign(trx, campaign.id))!);
  });
}

export async function updateCampaignSettings(
  db: Db,
  viewer: Viewer,
  input: { campaignId: string; name?: string | null; targetAreaM2?: number | null; publicProgress?: boolean | null; publicResults?: boolean | null; checklistVersionId?: string | null },
): Promise<Campaign> {
  return inTransaction(db, async (trx) => {
    const campaign = await requireManagedCampaign(trx, viewer, input.campaignId);
    // The results of a schouw are usually shared after it closed: that switch stays free.
    const onlyResults = Object.entries(input).every(([key, value]) => key === 'campaignId' || key === 'publicResults' || value == null);
    if (campaign.status === 'CLOSED' && !onlyResults) throw new DomainError(ErrorCode.CONFLICT, 'Een gesloten actie kan niet meer veranderen.');
    if (input.publicResults != null && campaign.kind !== 'SCHOUW') throw badInput('Alleen een schouw heeft een openbare uitslag.');
    if (input.checklistVersionId != null && (campaign.kind !== 'SCHOUW' || campaign.status !== 'DRAFT')) {
      throw new DomainError(ErrorCode.CONFLICT, 'De checklist ligt vast zodra de schouw open is.');
    }
    if (input.targetAreaM2 != null && campaign.kind !== 'TEGELWIPPEN') throw badInput('Alleen tegelwippen heeft een doel in m².');
    if (input.checklistVersionId != null) await requireVersionFor(trx, input.checklistVersionId, 'CHECKLIST');
    await repo.updateCampaignSettings(trx, campaign.id, {
      ...(input.name != null ? { name: input.name.trim() } : {}),
      ...(input.targetAreaM2 != null ? { target_area_cm2: input.targetAreaM2 * CM2_PER_M2 } : {}),
      ...(input.publicProgress != null ? { public_progress: input.publicProgress ? 1 : 0 } : {}),
      ...(input.publicResults != null ? { public_results: input.publicResults ? 1 : 0 } : {}),
      ...(input.checklistVersionId != null ? { checklist_version_id: input.checklistVersionId } : {}),
    });
    await recordChange(trx, { neighbourhoodId: campaign.neighbourhoodId, campaignId: campaign.id, entityType: 'CAMPAIGN', entityId: campaign.id });
    return toCampaign((await repo.findCampaign(trx, campaign.id))!);
  });
}

export async function addCampaignDay(db: Db, viewer: Viewer, input: { campaignId: string; date: string; label?: string | null }): Promise<CampaignDay> {
  return inTransaction(db, async (trx) => {
    const campaign = await requireManagedCampaign(trx, viewer, input.campaignId);
    if (campaign.status === 'CLOSED') throw new DomainError(ErrorCode.CONFLICT, 'Een gesloten actie kan niet meer veranderen.');
    const existing = await repo.daysOfCampaigns(trx, [campaign.id]);
    if (existing.some((d) => d.date === input.date)) throw badInput('Deze datum staat er al in.');
    const row = { id: uuidv7(), campaign_id: campaign.id, date: input.date, label: input.label?.trim() || null, capacity: null };
    await repo.insertDays(trx, [row]);
    await recordChange(trx, { neighbourhoodId: campaign.neighbourhoodId, campaignId: campaign.id, entityType: 'CAMPAIGN', entityId: campaign.id });
    return toCampaignDay(row);
  });
}

/** Takes out a walk date or action day entered by mistake; not one on which anything was counted. */
const signupsFirstMessage = (count: number) =>
  count === 1
    ? 'Voor deze dag is nog 1 persoon aangemeld. Haal eerst die aanmelding weg in de planning; daarna kun je de dag verwijderen.'
    : `Voor deze dag zijn nog ${count} mensen aangemeld. Haal eerst hun aanmeldingen weg in de planning; daarna kun je de dag verwijderen.`;

export async function removeCampaignDay(db: Db, viewer: Viewer, dayId: string): Promise<Campaign> {
  return inTransaction(db, async (trx) => {
    const day = await repo.findDay(trx, dayId);
    if (!day) throw notFound('Deze dag');
    const campaign = await requireManagedCampaign(trx, viewer, day.campaign_id);
    if (campaign.status === 'CLOSED') throw new DomainError(ErrorCode.CONFLICT, 'Een gesloten actie kan niet meer veranderen.');
    if ((await repo.daysOfCampaigns(trx, [campaign.id])).length === 1) throw new DomainError(ErrorCode.CONFLICT, 'Een actie heeft minstens één dag. Voeg eerst de goede datum toe.');
    if (await repo.dayHasTallyEvents(trx, day.id)) throw new DomainError(ErrorCode.CONFLICT, 'Op deze dag is al geteld; die tellingen horen bij deze dag, dus hij blijft staan.');
    const signups = await signupCountOfDay(trx, day.id);
    if (signups > 0) throw new DomainError(ErrorCode.CONFLICT, signupsFirstMessage(signups));
    // Teams of a called-off walk go with it; their members left when their sign-ups were removed.
    await deleteTeamsAndPlanOfDay(trx, day.id);
    await replaceDayStreets(trx, day.id, []);
    await repo.deleteDay(trx, day.id);
    await recordChange(trx, { neighbourhoodId: campaign.neighbourhoodId, campaignId: campaign.id, entityType: 'CAMPAIGN', entityId: campaign.id });
    return campaign;
  });
}

export async function daysOfCampaigns(db: DbOrTrx, campaignIds: readonly string[]): Promise<CampaignDay[]> {
  return (await repo.daysOfCampaigns(db, campaignIds)).map(toCampaignDay);
}

/** A campaign by id without access checks: for services that check access themselves. */
export async function loadCampaign(db: DbOrTrx, id: string): Promise<Campaign | null> {
  const row = await repo.findCampaign(db, id);
  return row ? toCampaign(row) : null;
}

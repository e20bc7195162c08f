/**
 * Findings (bevindingen): what needs follow-up (a problem or a kans), recorded in the
 * field, often from an answer to a checklist item (an observation, see
 * observation.service.ts), and followed up by coordinators and partners with public
 * messages that the residents see. Field commands take a transaction so the sync protocol
 * can apply them.
 */
import { MAX_TEXT } from '@buurtkracht/protocol/input-limits';
import { managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import type { Db, DbOrTrx } from '../../db/database.js';
import { badInput, DomainError, ErrorCode, idAlreadyUsed, notFound } from '../../domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { loadCampaign, type Campaign } from '../campaign/campaign.service.js';
import type { Theme } from '../checklist/checklist.table.js';
import { findStreetInNeighbourhood } from '../neighbourhood/neighbourhood.repo.js';
import { photosOfOthers } from '../media/media.service.js';
import { findSpot } from '../spot/spot.service.js';
import { findObservation } from '../observation/observation.repo.js';
import { queueFindingStatusMail } from '../mail/mail-outbox.service.js';
import { canTransition, PUBLIC_MESSAGE_MAX, PUBLIC_MESSAGE_MIN, statusLabels } from './finding-workflow.js';
import { recordChange } from '../sync/change-log.repo.js';
import * as repo from './finding.repo.js';
import type { FindingRow, FindingStatus, Rating } from './finding.table.js';
import { v7 as uuidv7 } from 'uuid';

export interface Finding {
  id: string;
  campaignId: string;
  spotId: string | null;
  streetId: string | null;
  checklistItemId: string | null;
  category: Theme;
  rating: Rating | null;
  answer: string | null;
  text: string | null;
  suggestion: string | null;
  location: { lat: number; lon: number; accuracyM: number | null } | null;
  participantId: string | null;
  deviceTime: string;
  serverTime: string;
  status: FindingStatus;
  routedOrganisationId: string | null;
  version: number;
  observationId: string | null;
}

export const toFinding = (row: FindingRow): Finding => ({
  id: row.id,
  campaignId: row.campaign_id,
  spotId: row.spot_id,
  streetId: row.street_id,
  checklistItemId: row.checklist_item_id,
  category: row.category,
  rating: row.rating,
  answer: row.answer,
  text: row.text,
  suggestion: row.suggestion,
  location: row.lat !== null && row.lon !== null ? { lat: row.lat, lon: row.lon, accuracyM: row.accuracy_m } : null,
  participantId: row.participant_id,
  deviceTime: row.device_time,
  serverTime: row.server_time,
  status: row.status,
  routedOrganisationId: row.routed_organisation_id,
  version: row.version,
  observationId: row.observation_id,
});

export type FindingAccess = 'MANAGER' | 'PARTNER' | 'PARTICIPANT';

/** How the viewer may see a finding, or null when not at all. */
export function findingAccess(viewer: Viewer, campaign: Pick<Campaign, 'id' | 'neighbourhoodId'>, finding: Pick<Finding, 'routedOrganisationId'>): FindingAccess | null {
  if (managesNeighbourhood(viewer, campaign.neighbourhoodId)) return 'MANAGER';
  if (viewer.kind === 'staff' && viewer.role === 'PARTNER' && viewer.organisationId && finding.routedOrganisationId === viewer.organisationId) return 'PARTNER';
  if (viewer.kind === 'participant' && viewer.campaignId === campaign.id) return 'PARTICIPANT';
  return null;
}

export const MAX_PHOTOS = 10;

interface CommonFieldInput {
  id: string;
  campaignId: string;
  text?: string | null;
  suggestion?: string | null;
  location?: { lat: number; lon: number; accuracyM?: number | null } | null;
  photoIds?: readonly string[] | null;
  deviceTime: string;
}

export interface RecordFindingInput extends CommonFieldInput {
  category: Theme;
  spotId?: string | null;
  streetId?: string | null;
  rating?: Rating | null;
  /** The walker's answer this finding follows up; its spot and item carry over. */
  observationId?: string | null;
}

/** The campaign, if the viewer may record observations and findings in it now. */
export async function requireSchouwRecorder(trx: DbOrTrx, viewer: Viewer, campaignId: string, deviceTime: string): Promise<Campaign> {
  const campaign = await loadCampaign(trx, campaignId);
  const allowed = campaign && (viewer.kind === 'participant' ? viewer.campaignId === campaign.id : managesNeighbourhood(viewer, campaign.neighbourhoodId));
  if (!campaign || !allowed) throw notFound('Deze actie');
  if (campaign.kind !== 'SCHOUW') throw badInput('In deze actie worden geen bevindingen vastgelegd.');
  const acceptsLate = campaign.status === 'CLOSED' && !!campaign.closedAt && deviceTime <= campaign.closedAt;
  if (campaign.status !== 'OPEN' && !acceptsLate) {
    throw new DomainError(ErrorCode.CONFLICT, campaign.status === 'DRAFT' ? 'Deze schouw is nog niet begonnen.' : 'Deze schouw is gesloten.');
  }
  return campaign;
}

export function checkCommon(input: CommonFieldInput): void {
  const photos = input.photoIds ?? [];
  if (photos.length > MAX_PHOTOS) throw badInput(`Hoogstens ${MAX_PHOTOS} foto's per bevinding.`);
  if (new Set(photos).size !== photos.length) throw badInput('Dezelfde foto staat er twee keer in.');
  for (const [field, value] of [['text', input.text], ['suggestion', input.suggestion]] as const) {
    if (value && value.length > MAX_TEXT) throw badInput(`Gebruik hoogstens ${MAX_TEXT} tekens (${field === 'text' ? 'beschrijving' : 'kans'}).`);
  }
}

/**
 * A finding cites only photos its recorder uploaded; otherwise citing would be a way to see
 * someone else's photo. An id not uploaded yet is accepted (offline, a finding can arrive
 * before its photo); media-access.service.ts then shows it only if its recorder uploads it.
 */
export async function requireOwnPhotos(trx: DbOrTrx, viewer: Viewer, photoIds: readonly string[] | null | undefined): Promise<void> {
  if ((await photosOfOthers(trx, viewer, photoIds ?? [])).length > 0) throw badInput("Je kunt alleen je eigen foto's toevoegen.");
}

type FindingFields = Pick<FindingRow, 'spot_id' | 'street_id' | 'checklist_item_id' | 'category' | 'rating' | 'answer' | 'observation_id' | 'participant_id' | 'staff_account_id'>;

/** Who recorded something, as the finding and observation rows store it. */
export const recorderColumns = (viewer: Viewer) => ({
  participant_id: viewer.kind === 'participant' ? viewer.participantId : null,
  staff_account_id: viewer.kind === 'staff' ? viewer.accountId : null,
});

export async function insertFinding(trx: DbOrTrx, campaign: Campaign, input: CommonFieldInput, fields: FindingFields, now: Date): Promise<Finding> {
  const row: FindingRow = {
    id: input.id,
    campaign_id: campaign.id,
    ...fields,
    text: input.text?.trim() || null,
    suggestion: input.suggestion?.trim() || null,
    lat: input.location?.lat ?? null,
    lon: input.location?.lon ?? null,
    accuracy_m: input.location?.accuracyM ?? null,
    device_time: input.deviceTime,
    server_time: now.toISOString(),
    status: 'NIEUW',
    routed_organisation_id: null,
    version: 1,
    field_versions: '{}',
  };
  await repo.insertFinding(trx, row, input.photoIds ?? []);
  await recordChange(trx, { neighbourhoodId: campaign.neighbourhoodId, campaignId: campaign.id, entityType: 'FINDING', entityId: row.id }, now);
  return toFinding(row);
}

export const recordedBy = (row: Pick<FindingRow, 'participant_id' | 'staff_account_id'>, viewer: Viewer): boolean =>
  viewer.kind === 'participant' ? row.participant_id === viewer.participantId : viewer.kind === 'staff' && row.staff_account_id === viewer.accountId;

/** An id already recorded: the recorder's own resend gets its finding; for anyone else the id is taken. */
async function alreadyRecorded(trx: DbOrTrx, viewer: Viewer, id: string, campaignId: string): Promise<Finding | null> {
  const existing = await repo.findFinding(trx, id);
  if (!existing) return null;
  if (existing.campaign_id !== campaignId || !recordedBy(existing, viewer)) throw idAlreadyUsed();
  return toFinding(existing);
}

/**
 * A finding anywhere in the neighbourhood, or following up one of the walker's answers.
 * Sending the same id twice records it once.
 */
export async function recordFinding(trx: DbOrTrx, viewer: Viewer, input: RecordFindingInput, now = new Date()): Promise<Finding> {
  const campaign = await requireSchouwRecorder(trx, viewer, input.campaignId, input.deviceTime);
  const existing = await alreadyRecorded(trx, viewer, input.id, campaign.id);
  if (existing) return existing;
  checkCommon(input);
  await requireOwnPhotos(trx, viewer, input.photoIds);
  if (!input.rating && !input.text?.trim() && !input.suggestion?.trim() && !(input.photoIds ?? []).length) {
    throw badInput('Beschrijf wat je ziet, geef een oordeel of voeg een foto toe.');
  }
  // A finding that follows up the walker's own answer takes its spot and item. An answer
  // that never arrived (refused), or is not the walker's own answer in this schouw, leaves
  // the finding unlinked rather than losing it; both look the same, so the answer does not
  // tell whether someone else's answer has that id.
  const found = input.observationId ? await findObservation(trx, input.observationId) : undefined;
  const observation = found && found.campaign_id === campaign.id && recordedBy(found, viewer) ? found : undefined;
  if (observation) {
    return insertFinding(trx, campaign, input, {
      ...recorderColumns(viewer),
      spot_id: observation.spot_id,
      street_id: observation.street_id,
      checklist_item_id: observation.checklist_item_id,
      category: input.category,
      rating: input.rating ?? observation.rating,
      answer: observation.answer,
      observation_id: observation.id,
    }, now);
  }
  let streetId = input.streetId ?? null;
  if (input.spotId) {
    const spot = await findSpot(trx, input.spotId);
    if (!spot || spot.neighbourhoodId !== campaign.neighbourhoodId) throw badInput('Deze plek hoort niet bij deze buurt.');
    streetId = spot.streetId;
  } else if (streetId && !(await findStreetInNeighbourhood(trx, campaign.neighbourhoodId, streetId))) {
    throw badInput('Deze straat hoort niet bij deze buurt.');
  }
  return insertFinding(
    trx,
    campaign,
    input,
    { ...recorderColumns(viewer), spot_id: input.spotId ?? null, street_id: streetId, checklist_item_id: null, category: input.category, rating: input.rating ?? null, answer: null, observation_id: null },
    now,
  );
}

/** A finding the viewer may see, with how; null when not at all. */
export async function findFinding(db: DbOrTrx, viewer: Viewer, id: string): Promise<{ finding: Finding; access: FindingAccess; campaign: Campaign } | null> {
  const row = await repo.findFinding(db, id);
  const campaign = row && (await loadCampaign(db, row.campaign_id));
  if (!row || !campaign) return null;
  const finding = toFinding(row);
  const access = findingAccess(viewer, campaign, finding);
  return access ? { finding, access, campaign } : null;
}

/** Coordinators, and partners for what is routed to them, move a finding on with a public message. */
export async function changeFindingStatus(
  db: Db,
  viewer: Viewer,
  input: { findingId: string; status: FindingStatus; publicMessage: string; requestId: string },
  now = new Date(),
): Promise<Finding> {
  return db.transaction().execute(async (trx) => {
    const found = await findFinding(trx, viewer, input.findingId);
    if (!found || found.access === 'PARTICIPANT' || viewer.kind !== 'staff') throw notFound('Deze bevinding');
    const { finding } = found;
    if (!canTransition(finding.status, input.status)) {
      throw new DomainError(ErrorCode.CONFLICT, `Een bevinding die ${statusLabels[finding.status]} is, kan niet ${statusLabels[input.status]} worden.`);
    }
    const message = input.publicMessage.trim();
    if (message.length < PUBLIC_MESSAGE_MIN) {
      throw badInput('Schrijf voor de bewoners in een paar woorden wat er gebeurt (minstens 10 tekens).');
    }
    if (message.length > PUBLIC_MESSAGE_MAX) throw badInput(`Houd het bericht korter dan ${PUBLIC_MESSAGE_MAX} tekens.`);
    await repo.setStatus(trx, finding.id, input.status, {
      id: uuidv7(),
      finding_id: finding.id,
      from_status: finding.status,
      to_status: input.status,
      public_message: message,
      actor_account_id: viewer.accountId,
      at: now.toISOString(),
    });
    await recordChange(trx, { neighbourhoodId: found.campaign.neighbourhoodId, campaignId: finding.campaignId, entityType: 'FINDING', entityId: finding.id }, now);
    // In this transaction, so the mail is promised exactly when the change stands.
    await queueFindingStatusMail(trx, { findingId: finding.id, participantId: finding.participantId, status: input.status, publicMessage: message }, now);
    await recordAudit(trx, { actorAccountId: viewer.accountId, action: 'finding.status_changed', subjectType: 'finding', subjectId: finding.id, detail: { from: finding.status, to: input.status }, requestId: input.requestId }, now);
    return toFinding((await repo.findFinding(trx, finding.id))!);
  });
}

/** Coordinators route a finding to a partner organisation (or take it back with null). */
export async function routeFinding(db: Db, viewer: Viewer, input: { findingId: string; organisationId: string | null; requestId: string }, now = new Date()): Promise<Finding> {
  return db.transaction().execute(async (trx) => {
    const found = await findFinding(trx, viewer, input.findingId);
    if (!found || found.access !== 'MANAGER' || viewer.kind !== 'staff') throw notFound('Deze bevinding');
    if (input.organisationId) {
      if (!(await repo.organisationExists(trx, input.organisationId))) throw badInput('Deze organisatie bestaat niet.');
    }
    await repo.setRouting(trx, found.finding.id, input.organisationId);
    await recordAudit(trx, { actorAccountId: viewer.accountId, action: 'finding.routed', subjectType: 'finding', subjectId: found.finding.id, detail: { organisationId: input.organisationId }, requestId: input.requestId }, now);
    return toFinding((await repo.findFinding(trx, found.finding.id))!);
  });
}

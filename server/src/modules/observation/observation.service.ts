/**
 * Observations: the walkers' answers to checklist items at spots on a schouw. They feed
 * the scores and have no follow-up; what needs follow-up becomes a finding, made by the
 * walker right after answering or promoted later by a coordinator.
 */
import { MAX_NUMBER_ANSWER, MAX_TEXT } from '@buurtkracht/protocol/input-limits';
import { managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import type { Db, DbOrTrx } from '../../db/database.js';
import type { KeysetPage } from '../../db/keyset.js';
import { badInput, idAlreadyUsed, notFound } from '../../domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { loadCampaign, type Campaign } from '../campaign/campaign.service.js';
import { appliesTo, findItemWithSection } from '../checklist/checklist.service.js';
import type { ItemType, Theme } from '../checklist/checklist.table.js';
import {
  checkCommon,
  insertFinding,
  recordedBy,
  recorderColumns,
  recordFinding,
  requireOwnPhotos,
  requireSchouwRecorder,
  toFinding,
  type Finding,
} from '../finding/finding.service.js';
import { findFinding as findFindingRow } from '../finding/finding.repo.js';
import type { Rating } from '../finding/finding.table.js';
import { findSpot } from '../spot/spot.service.js';
import * as repo from './observation.repo.js';
import type { ObservationRow } from './observation.table.js';

export interface Observation {
  id: string;
  campaignId: string;
  spotId: string;
  streetId: string | null;
  checklistItemId: string;
  theme: Theme;
  rating: Rating | null;
  answer: string | null;
  note: string | null;
  location: { lat: number; lon: number; accuracyM: number | null } | null;
  participantId: string | null;
  deviceTime: string;
  serverTime: string;
  /** False once the same walker answered the same item at the same spot again. */
  current: boolean;
}

export const toObservation = (row: ObservationRow): Observation => ({
  id: row.id,
  campaignId: row.campaign_id,
  spotId: row.spot_id,
  streetId: row.street_id,
  checklistItemId: row.checklist_item_id,
  theme: row.theme,
  rating: row.rating,
  answer: row.answer,
  note: row.note,
  location: row.lat !== null && row.lon !== null ? { lat: row.lat, lon: row.lon, accuracyM: row.accuracy_m } : null,
  participantId: row.participant_id,
  deviceTime: row.device_time,
  serverTime: row.server_time,
  current: row.superseded_by === null,
});

export interface RecordObservationInput {
  id: string;
  campaignId: string;
  spotId: string;
  checklistItemId: string;
  rating?: Rating | null;
  answer?: string | null;
  location?: { lat: number; lon: number; accuracyM?: number | null } | null;
  deviceTime: string;
}

/** The answer as stored, or a Dutch message for the walker when it does not fit the question. */
export function checkAnswer(type: ItemType, choices: readonly string[], rating: Rating | null | undefined, answer: string | null | undefined): { rating: Rating | null; answer: string | null } {
  if (type === 'RATING') {
    if (!rating) throw badInput('Kies een oordeel (A+ tot en met D, of n.v.t.).');
    if (answer?.trim()) throw badInput('Deze vraag vraagt alleen een oordeel.');
    return { rating, answer: null };
  }
  if (rating) throw badInput('Deze vraag vraagt geen oordeel.');
  const value = answer?.trim() ?? '';
  switch (type) {
    case 'YES_NO':
      if (value !== 'JA' && value !== 'NEE') throw badInput('Antwoord met ja of nee.');
      return { rating: null, answer: value };
    case 'NUMBER': {
      if (!/^\d+$/.test(value)) throw badInput('Vul een heel getal in: 0 of meer, zonder komma of min-teken.');
      const count = Number(value);
      if (count > MAX_NUMBER_ANSWER) throw badInput(`Vul een aantal in van hoogstens ${MAX_NUMBER_ANSWER.toLocaleString('nl-NL')}.`);
      return { rating: null, answer: String(count) };
    }
    case 'CHOICE':
      if (!choices.includes(value)) throw badInput(`Kies een van: ${choices.join(', ')}.`);
      return { rating: null, answer: value };
    case 'TEXT':
      if (!value) throw badInput('Vul een antwoord in.');
      if (value.length > MAX_TEXT) throw badInput(`Gebruik hoogstens ${MAX_TEXT} tekens.`);
      return { rating: null, answer: value };
  }
}

type AnswerCheck = typeof checkAnswer;

/**
 * The answer rules of app versions from before observations, as that server applied them,
 * so that an answer valid when it was recorded on the phone is not refused for good when it
 * arrives: a NUMBER of up to 9 digits, also negative; a RATING keeps its rating whatever text
 * came along (recordLegacyAnswer keeps that text as the note). Other types: the rules of today.
 */
export function checkLegacyAnswer(type: ItemType, choices: readonly string[], rating: Rating | null | undefined, answer: string | null | undefined): { rating: Rating | null; answer: string | null } {
  if (type === 'RATING') return checkAnswer(type, choices, rating, null);
  if (type === 'NUMBER' && !rating) {
    const value = answer?.trim() ?? '';
    if (!/^-?\d{1,9}$/.test(value)) throw badInput('Vul een heel getal in.');
    return { rating: null, answer: value };
  }
  return checkAnswer(type, choices, rating, answer);
}

/** An id already recorded: the recorder's own resend gets its observation; for anyone else the id is taken. */
async function alreadyRecorded(trx: DbOrTrx, viewer: Viewer, id: string, campaignId: string): Promise<Observation | null> {
  const existing = await repo.findObservation(trx, id);
  if (!existing) return null;
  if (existing.campaign_id !== campaignId || !recordedBy(existing, viewer)) throw idAlreadyUsed();
  return toObservation(existing);
}

/**
 * One walker's answer to one checklist item at one spot. Several walkers' answers are all
 * kept; when the same walker answers again, the answer with the later device time counts.
 * Sending the same id twice records it once.
 */
export async function recordObservation(trx: DbOrTrx, viewer: Viewer, input: RecordObservationInput, now = new Date()): Promise<Observation> {
  return recordChecked(trx, viewer, input, now, checkAnswer);
}

async function recordChecked(trx: DbOrTrx, viewer: Viewer, input: RecordObservationInput, now: Date, check: AnswerCheck): Promise<Observation> {
  const campaign = await requireSchouwRecorder(trx, viewer, input.campaignId, input.deviceTime);
  const existing = await alreadyRecorded(trx, viewer, input.id, campaign.id);
  if (existing) return existing;
  const found = await findItemWithSection(trx, input.checklistItemId);
  if (!found || found.versionId !== campaign.checklistVersionId) throw badInput('Deze vraag hoort niet bij de checklist van deze schouw.');
  const spot = await findSpot(trx, input.spotId);
  if (!spot || spot.neighbourhoodId !== campaign.neighbourhoodId) throw badInput('Deze plek hoort niet bij deze buurt.');
  if (!appliesTo(found.item, spot.type)) throw badInput('Deze vraag hoort niet bij dit soort plek.');
  const value = check(found.item.type, found.item.choices, input.rating, input.answer);
  const recorder = recorderColumns(viewer);
  const previous = await repo.currentAnswer(trx, { campaignId: campaign.id, spotId: spot.id, checklistItemId: found.item.id }, { participantId: recorder.participant_id, staffAccountId: recorder.staff_account_id });
  // An answer made earlier on the device than the one that counts now arrives late (another phone, a retry): it is kept but does not count.
  const arrivesLate = !!previous && (previous.device_time > input.deviceTime || (previous.device_time === input.deviceTime && previous.id > input.id));
  const row: ObservationRow = {
    id: input.id,
    campaign_id: campaign.id,
    spot_id: spot.id,
    street_id: spot.streetId,
    checklist_item_id: found.item.id,
    theme: found.theme,
    ...value,
    note: null,
    lat: input.location?.lat ?? null,
    lon: input.location?.lon ?? null,
    accuracy_m: input.location?.accuracyM ?? null,
    ...recorder,
    device_time: input.deviceTime,
    server_time: now.toISOString(),
    superseded_by: arrivesLate ? previous.id : null,
  };
  await repo.insertObservation(trx, row);
  if (previous && !arrivesLate) await repo.setSupersededBy(trx, previous.id, row.id);
  return toObservation(row);
}

export interface LegacyAnswerInput extends RecordObservationInput {
  text?: string | null;
  suggestion?: string | null;
  photoIds?: readonly string[] | null;
}

/**
 * The answer command of app versions from before observations (`answerChecklistItem`):
 * the answer becomes an observation; a remark stays with it as its note, and a kans or
 * photos, which ask for follow-up, also become a finding linked to it under the same id.
 */
export async function recordLegacyAnswer(trx: DbOrTrx, viewer: Viewer, input: LegacyAnswerInput, now = new Date()): Promise<{ observation: Observation; finding: Finding | null }> {
  checkCommon(input);
  await requireOwnPhotos(trx, viewer, input.photoIds);
  // The id was a finding id in those versions: someone else's finding under it makes the
  // id taken, as it was then (else their kans and photos would silently be dropped).
  const existing = await findFindingRow(trx, input.id);
  if (existing && (existing.campaign_id !== input.campaignId || !recordedBy(existing, viewer))) throw idAlreadyUsed();
  const observation = await recordChecked(trx, viewer, input, now, checkLegacyAnswer);
  // Text sent with a rating was ignored by the old server; it is kept now, after the remark.
  const strayText = observation.rating !== null ? input.answer?.trim() || null : null;
  const note = [input.text?.trim(), strayText].filter(Boolean).join('\n').slice(0, MAX_TEXT) || null;
  if (note && !observation.note) await repo.setNoteIfNone(trx, observation.id, note);
  const followUp = !!input.suggestion?.trim() || (input.photoIds ?? []).length > 0;
  if (!followUp) return { observation: { ...observation, note: observation.note ?? note }, finding: null };
  if (existing) return { observation, finding: null };
  const finding = await recordFinding(trx, viewer, { ...input, category: observation.theme, spotId: observation.spotId, rating: observation.rating, observationId: observation.id }, now);
  return { observation, finding };
}

/** Who may read a campaign's observations: its coordinators, and its participants their own. */
function observationReader(viewer: Viewer, campaign: Campaign): 'MANAGER' | 'PARTICIPANT' | null {
  if (managesNeighbourhood(viewer, campaign.neighbourhoodId)) return 'MANAGER';
  if (viewer.kind === 'participant' && viewer.campaignId === campaign.id) return 'PARTICIPANT';
  return null;
}

export async function listCampaignObservations(
  db: DbOrTrx,
  viewer: Viewer,
  campaign: Campaign,
  filter: { spotId?: string | null; checklistItemId?: string | null; currentOnly?: boolean | null },
  page: KeysetPage,
): Promise<Observation[]> {
  const reader = observationReader(viewer, campaign);
  if (!reader) throw notFound('Deze actie');
  // Participants see only their own answers: other walkers' answers are theirs.
  const participantId = reader === 'PARTICIPANT' && viewer.kind === 'participant' ? viewer.participantId : undefined;
  const rows = await repo.listObservations(
    db,
    { campaignId: campaign.id, spotId: filter.spotId ?? undefined, checklistItemId: filter.checklistItemId ?? undefined, participantId, currentOnly: filter.currentOnly ?? false },
    page,
  );
  return rows.map(toObservation);
}

/** An observation the viewer may see, or null. */
export async function findObservation(db: DbOrTrx, viewer: Viewer, id: string): Promise<{ observation: Observation; campaign: Campaign } | null> {
  const row = await repo.findObservation(db, id);
  const campaign = row && (await loadCampaign(db, row.campaign_id));
  if (!row || !campaign) return null;
  const reader = observationReader(viewer, campaign);
  if (!reader || (reader === 'PARTICIPANT' && !recordedBy(row, viewer))) return null;
  return { observation: toObservation(row), campaign };
}

/** Per observation the first finding made from it (a walker may make more than one). */
export async function findingIdsOf(db: DbOrTrx, observationIds: readonly string[]): Promise<Map<string, string>> {
  const made = new Map<string, string>();
  for (const row of await repo.findingsOfObservations(db, observationIds)) if (!made.has(row.observation_id!)) made.set(row.observation_id!, row.id);
  return made;
}

/**
 * A coordinator makes a finding of an answer that needs follow-up (e.g. a D that nobody
 * flagged in the street). It keeps the walker as its recorder, so the walker hears back.
 * One finding per answer; a retry with the same finding id gets that finding again.
 */
export async function promoteObservation(
  db: Db,
  viewer: Viewer,
  input: { observationId: string; findingId: string; text?: string | null; suggestion?: string | null; requestId: string },
  now = new Date(),
): Promise<Finding> {
  return db.transaction().execute(async (trx) => {
    const row = await repo.findObservation(trx, input.observationId);
    const campaign = row && (await loadCampaign(trx, row.campaign_id));
    if (!row || !campaign || viewer.kind !== 'staff' || !managesNeighbourhood(viewer, campaign.neighbourhoodId)) throw notFound('Dit antwoord');
    // A retry of this promotion (same finding id) gets the finding it made.
    const retried = await findFindingRow(trx, input.findingId);
    if (retried?.observation_id === row.id) return toFinding(retried);
    if (retried) throw idAlreadyUsed();
    const made = await repo.findingsOfObservations(trx, [row.id]);
    if (made.length > 0) throw badInput('Van dit antwoord is al een bevinding gemaakt.');
    const text = input.text?.trim() || null;
    if (text && text.length > MAX_TEXT) throw badInput(`Gebruik hoogstens ${MAX_TEXT} tekens.`);
    const finding = await insertFinding(
      trx,
      campaign,
      { id: input.findingId, campaignId: campaign.id, text, suggestion: input.suggestion, location: row.lat !== null && row.lon !== null ? { lat: row.lat, lon: row.lon, accuracyM: row.accuracy_m } : null, deviceTime: now.toISOString() },
      {
        participant_id: row.participant_id,
        staff_account_id: row.staff_account_id,
        spot_id: row.spot_id,
        street_id: row.street_id,
        checklist_item_id: row.checklist_item_id,
        category: row.theme,
        rating: row.rating,
        answer: row.answer,
        observation_id: row.id,
      },
      now,
    );
    await recordAudit(trx, { actorAccountId: viewer.accountId, action: 'observation.promoted', subjectType: 'finding', subjectId: finding.id, detail: { observationId: row.id }, requestId: input.requestId }, now);
    return finding;
  });
}

/**
 * What is shown with a finding: its status history with the public messages, its photos,
 * who recorded it and whether they can be contacted (coordinators only), and a spot's
 * score on the previous walk. Batched by finding ids so that lists load them in one query
 * each.
 */
import { managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import { loadCampaign } from '../campaign/campaign.service.js';
import * as repo from './finding.repo.js';
import { previousSchouwOf, spotScoresIn, type Level } from '../observation/scores.service.js';
import type { FindingStatus } from './finding.table.js';

export interface StatusChange {
  id: string;
  findingId: string;
  fromStatus: FindingStatus | null;
  toStatus: FindingStatus;
  publicMessage: string;
  at: string;
}

export async function statusHistories(db: DbOrTrx, findingIds: readonly string[]): Promise<StatusChange[]> {
  return (await repo.statusEventsOf(db, findingIds)).map((e) => ({ id: e.id, findingId: e.finding_id, fromStatus: e.from_status, toStatus: e.to_status, publicMessage: e.public_message, at: e.at }));
}

export async function photoIdsOf(db: DbOrTrx, findingIds: readonly string[]): Promise<{ findingId: string; photoId: string }[]> {
  return (await repo.photosOf(db, findingIds)).map((p) => ({ findingId: p.finding_id, photoId: p.photo_id }));
}

/** Who may see who recorded a finding: coordinators and admins, not partners or residents. */
export const seesRecorder = (viewer: Viewer): boolean => viewer.kind === 'staff' && viewer.role !== 'PARTNER';

/** Of these recorders, those a coordinator may contact about their findings. */
export async function recordersWithContact(db: DbOrTrx, participantIds: readonly string[]): Promise<Set<string>> {
  return new Set(await repo.participantsWithContact(db, participantIds));
}

/** Recorder names for coordinators: the display name, or the pseudonym once erased. */
export async function recorderNames(db: DbOrTrx, participantIds: readonly string[]): Promise<{ id: string; name: string }[]> {
  return (await repo.participantNames(db, participantIds)).map((p) => ({ id: p.id, name: p.display_name ?? p.pseudonym }));
}

export interface PreviousRating {
  /** Not in the API: the finding the photo belongs to, so that photo access can check it (null without a photo). */
  findingId: string | null;
  /** The spot's score on the previous schouw: the median of its current ratings there. */
  rating: Level;
  observationCount: number;
  photoId: string | null;
  /** When the newest of those ratings reached the server. */
  recordedAt: string;
  campaignName: string;
}

/**
 * Last time's score (and photo) of these spots, for the walk of this schouw: each spot's
 * score on the previous schouw of the neighbourhood (the median of its current ratings
 * there, as in scores.service.ts), with the first photo of the earliest finding at the
 * spot on that schouw. Only spots with a score are in the answer. Also the rule by which
 * walkers may fetch that photo (media-access.service.ts): a photo is shown only when it
 * comes from a finding.
 */
export async function previousRatings(db: DbOrTrx, viewer: Viewer, campaignId: string, spotIds: readonly string[]): Promise<Map<string, PreviousRating>> {
  const campaign = await loadCampaign(db, campaignId);
  const allowed = campaign && campaign.kind === 'SCHOUW' && (managesNeighbourhood(viewer, campaign.neighbourhoodId) || (viewer.kind === 'participant' && viewer.campaignId === campaign.id));
  const previous = campaign && allowed ? await previousSchouwOf(db, campaign) : null;
  if (!previous) return new Map();
  const scores = await spotScoresIn(db, previous.id, spotIds);
  const photos = new Map<string, { findingId: string; photoId: string }>();
  for (const row of await repo.firstPhotosAtSpots(db, previous.id, [...scores.keys()])) {
    if (row.spot_id && !photos.has(row.spot_id)) photos.set(row.spot_id, { findingId: row.id, photoId: row.photo_id });
  }
  const answer = new Map<string, PreviousRating>();
  for (const [spotId, score] of scores) {
    const photo = photos.get(spotId);
    answer.set(spotId, { findingId: photo?.findingId ?? null, rating: score.level, observationCount: score.observationCount, photoId: photo?.photoId ?? null, recordedAt: score.newest, campaignName: previous.name });
  }
  return answer;
}

export async function previousRating(db: DbOrTrx, viewer: Viewer, spotId: string, campaignId: string): Promise<PreviousRating | null> {
  return (await previousRatings(db, viewer, campaignId, [spotId])).get(spotId) ?? null;
}

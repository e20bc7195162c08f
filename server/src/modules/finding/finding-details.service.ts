/**
 * What is shown with a finding: its status history with the public messages, its photos,
 * who recorded it and whether they can be contacted (coordinators only), and a spot's
 * rating on an earlier walk. Batched by finding ids so that lists load them in one query
 * each.
 */
import { managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import { loadCampaign } from '../campaign/campaign.service.js';
import * as repo from './finding.repo.js';
import type { FindingStatus, Rating } from './finding.table.js';

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
  /** Not in the API: lets photo access check that a photo is this finding's. */
  findingId: string;
  rating: Rating;
  photoId: string | null;
  recordedAt: string;
  campaignName: string;
}

/**
 * Last year's rating (and first photo) of a spot, for the walk of this schouw: from an
 * earlier campaign of the same neighbourhood. Also the rule by which walkers may fetch
 * that photo (media-access.service.ts).
 */
export async function previousRating(db: DbOrTrx, viewer: Viewer, spotId: string, campaignId: string): Promise<PreviousRating | null> {
  const campaign = await loadCampaign(db, campaignId);
  const allowed = campaign && campaign.kind === 'SCHOUW' && (managesNeighbourhood(viewer, campaign.neighbourhoodId) || (viewer.kind === 'participant' && viewer.campaignId === campaign.id));
  if (!campaign || !allowed) return null;
  const row = await repo.previousRatedFinding(db, spotId, campaign.neighbourhoodId, campaign.createdAt);
  return row ? { findingId: row.id, rating: row.rating!, photoId: row.photo_id ?? null, recordedAt: row.server_time, campaignName: row.campaign_name } : null;
}

/**
 * The public results of a schouw (/uitslag/{id}): once a coordinator switches them on,
 * anyone with the link sees the scores per theme and street with last time's beside them,
 * how many findings there were and how many are handled, the action plan (status and
 * public message, the owning organisation's name, never the owner's) and the photos a
 * coordinator marked public. Nothing in it names a person, a house number or repeats a
 * resident's own words: findings are only counted, streets and themes are the places.
 *
 * The answer is kept for a few seconds per campaign, so a link shared in a neighbourhood
 * app group costs one computation, not hundreds; whether the page is on is checked on
 * every request, so switching it off takes effect at once.
 */
import { isHandledStatus } from '@buurtkracht/protocol/finding-statuses';
import { managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import { badInput, notFound } from '../../domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { daysOfCampaigns, loadCampaign, type Campaign, type CampaignDay } from '../campaign/campaign.service.js';
import { THEMES, type Theme } from '../checklist/checklist.table.js';
import { findFinding, type Finding } from '../finding/finding.service.js';
import type { ActionItemStatus, FindingStatus } from '../finding/finding.table.js';
import { recorderOwner } from '../media/media.service.js';
import { streetsByIds } from '../neighbourhood/neighbourhood.service.js';
import * as repo from './public-results.repo.js';
import * as scores from './scores.service.js';

export interface PublicSchouwResults {
  campaignId: string;
  campaignName: string;
  campaignStatus: Campaign['status'];
  days: CampaignDay[];
  previousSchouwName: string | null;
  /** Null until the schouw is closed (and then the lists below are empty too). */
  overall: scores.Score | null;
  themes: { theme: Theme; score: scores.Score }[];
  streets: { streetName: string; score: scores.Score }[];
  findings: { total: number; handled: number; byStatus: { status: FindingStatus; count: number }[] };
  actionItems: { id: string; title: string; status: ActionItemStatus; publicMessage: string | null; organisationName: string | null; dueDate: string | null; updatedAt: string }[];
  photos: { id: string; theme: Theme; streetName: string | null; findingStatus: FindingStatus }[];
}

/** The campaign when its public results are on: a schouw, switched on, not a draft. Otherwise NOT_FOUND, the same as for no campaign. */
async function requirePublicSchouw(db: DbOrTrx, campaignId: string): Promise<Campaign> {
  const campaign = await loadCampaign(db, campaignId);
  if (!campaign || campaign.kind !== 'SCHOUW' || !campaign.publicResults || campaign.status === 'DRAFT') throw notFound('Deze uitslag');
  return campaign;
}

export const CACHE_MS = 10_000;
const cache = new Map<string, { until: number; results: PublicSchouwResults }>();

/** Drops a campaign's kept answer, after a change the page must show at once. */
export function forgetPublicResults(campaignId: string): void {
  cache.delete(campaignId);
}

export async function publicSchouwResults(db: DbOrTrx, campaignId: string, now = Date.now()): Promise<PublicSchouwResults> {
  const campaign = await requirePublicSchouw(db, campaignId);
  const kept = cache.get(campaign.id);
  if (kept && kept.until > now && kept.results.campaignName === campaign.name && kept.results.campaignStatus === campaign.status) return kept.results;
  const results = await computeResults(db, campaign);
  for (const [id, entry] of cache) if (entry.until <= now) cache.delete(id);
  cache.set(campaign.id, { until: now + CACHE_MS, results });
  return results;
}

/** A street's score shows only with at least this many ratings behind it. */
export const MIN_PUBLIC_STREET_RATINGS = 3;

/**
 * The scores per theme and street as coordinators see them (scores.service.ts), shown only
 * once the schouw is closed: running scores would steer the walkers who are still out.
 * Spots are not shown: a spot's one or two ratings would show a walker's own answers. For
 * the same reason a street with fewer than 3 ratings is left out (the page shows whichever
 * streets there are).
 */
async function scoresOf(db: DbOrTrx, campaign: Campaign) {
  if (campaign.status !== 'CLOSED') return null;
  const scored = await scores.computeScores(db, campaign);
  const streets = scored.streets.filter((s) => s.score.observationCount >= MIN_PUBLIC_STREET_RATINGS);
  return { previousCampaign: scored.previousCampaign, overall: scored.overall, themes: scored.themes, streets };
}

async function computeResults(db: DbOrTrx, campaign: Campaign): Promise<PublicSchouwResults> {
  const [scored, days, counts, items, photos] = await Promise.all([
    scoresOf(db, campaign),
    daysOfCampaigns(db, [campaign.id]),
    repo.findingCountsByStatus(db, campaign.id),
    repo.actionItemsForPublic(db, campaign.id),
    repo.markedPhotosOfCampaign(db, campaign.id),
  ]);
  const streetNames = new Map((await streetsByIds(db, (scored?.streets ?? []).map((s) => s.streetId))).map((s) => [s.id, s.name]));
  return {
    campaignId: campaign.id,
    campaignName: campaign.name,
    campaignStatus: campaign.status,
    days,
    previousSchouwName: scored?.previousCampaign?.name ?? null,
    overall: scored?.overall ?? null,
    themes: scored?.themes ?? [],
    streets: (scored?.streets ?? [])
      .filter((s) => streetNames.has(s.streetId))
      .map((s) => ({ streetName: streetNames.get(s.streetId)!, score: s.score }))
      .sort((a, b) => a.streetName.localeCompare(b.streetName, 'nl')),
    findings: {
      total: counts.reduce((sum, c) => sum + c.count, 0),
      handled: counts.filter((c) => isHandledStatus(c.status)).reduce((sum, c) => sum + c.count, 0),
      byStatus: counts.sort((a, b) => a.status.localeCompare(b.status)),
    },
    actionItems: items.map((i) => ({ id: i.id, title: i.title, status: i.status, publicMessage: i.public_message, organisationName: i.organisation_name, dueDate: i.due_date, updatedAt: i.updated_at ?? i.created_at })),
    // A photo shows only when its finding's recorder uploaded it (as everywhere, media-access.service.ts).
    photos: photos.filter((p) => p.owner !== null && p.owner === recorderOwner(p)).map((p) => ({ id: p.photo_id, theme: p.theme, streetName: p.street_name, findingStatus: p.status })),
  };
}

/** Whether anyone may see this photo because a coordinator marked it for public results that are on now. */
export async function isPublicResultsPhoto(db: DbOrTrx, photo: { id: string; owner: string }): Promise<boolean> {
  return (await repo.publicShowingsOfPhoto(db, photo.id)).some((finding) => recorderOwner(finding) === photo.owner);
}

/** Coordinators mark a photo of a finding fit for the public results (no faces, no number plates, no house numbers), or take that back. */
export async function setFindingPhotoPublic(
  db: DbOrTrx,
  viewer: Viewer,
  input: { findingId: string; photoId: string; public: boolean; requestId: string },
  now = new Date(),
): Promise<Finding> {
  return inTransaction(db, async (trx) => {
    const found = await findFinding(trx, viewer, input.findingId);
    if (!found || found.access !== 'MANAGER' || !managesNeighbourhood(viewer, found.campaign.neighbourhoodId)) throw notFound('Deze bevinding');
    const link = await repo.findingPhoto(trx, found.finding.id, input.photoId);
    if (!link) throw notFound('Deze foto');
    if (input.public) {
      // As everywhere (media-access.service.ts): a finding shows only photos its recorder uploaded.
      const [owner, recorder] = await Promise.all([repo.mediaOwner(trx, input.photoId), repo.recorderOf(trx, found.finding.id)]);
      if (!owner) throw badInput('Deze foto is nog niet binnen. Probeer het later opnieuw.');
      if (!recorder || owner !== recorderOwner(recorder)) throw badInput('Deze foto hoort niet bij wie de bevinding vastlegde en kan niet openbaar worden.');
    }
    const wasPublic = link.public_at !== null;
    if (wasPublic !== input.public) {
      await repo.setPhotoPublicAt(trx, found.finding.id, input.photoId, input.public ? now.toISOString() : null);
      await recordAudit(
        trx,
        {
          actorAccountId: viewer.kind === 'staff' ? viewer.accountId : null,
          action: 'finding_photo.public_changed',
          subjectType: 'finding',
          subjectId: found.finding.id,
          detail: { photoId: input.photoId, public: input.public },
          requestId: input.requestId,
        },
        now,
      );
      forgetPublicResults(found.campaign.id);
    }
    return found.finding;
  });
}

/** The photos of these findings that are marked public (coordinators see the marks in the console). */
export async function markedPhotoIdsOf(db: DbOrTrx, findingIds: readonly string[]): Promise<{ findingId: string; photoId: string }[]> {
  return (await repo.markedPhotosOf(db, findingIds)).map((r) => ({ findingId: r.finding_id, photoId: r.photo_id }));
}

/**
 * Lists of findings, filtered and counted in the database: a campaign's findings for its
 * coordinators (and for its participants, who may ask for only their own), and the
 * findings routed to a partner. Who may see which list is decided here, once per list.
 */
import { managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import type { KeysetPage } from '../../db/keyset.js';
import { badInput, notFound } from '../../domain-error.js';
import type { Campaign } from '../campaign/campaign.service.js';
import type { Theme } from '../checklist/checklist.table.js';
import type { SpotType } from '../spot/spot.table.js';
import * as repo from './finding-list.repo.js';
import { toFinding, type Finding } from './finding.service.js';
import type { FindingStatus, Rating } from './finding.table.js';

/** The filter as the API takes it: "no rating" and "not routed" are switches of their own. */
export interface FindingFilter {
  streetId?: string | null;
  spotType?: SpotType | null;
  theme?: Theme | null;
  rating?: Rating | null;
  unrated?: boolean | null;
  status?: FindingStatus | null;
  routedTo?: string | null;
  notRouted?: boolean | null;
}

/** The most positions the map gets in one answer. */
export const MAX_MAP_POSITIONS = 2000;

export function toListFilter(filter: FindingFilter | null | undefined): repo.FindingListFilter {
  if (!filter) return {};
  if (filter.rating && filter.unrated) throw badInput('Kies een oordeel of "geen oordeel", niet allebei.');
  if (filter.routedTo && filter.notRouted) throw badInput('Kies een partner of "niet doorgestuurd", niet allebei.');
  const result: repo.FindingListFilter = {};
  if (filter.streetId) result.streetId = filter.streetId;
  if (filter.spotType) result.spotType = filter.spotType;
  if (filter.theme) result.theme = filter.theme;
  if (filter.rating) result.rating = filter.rating;
  else if (filter.unrated) result.rating = null;
  if (filter.status) result.status = filter.status;
  if (filter.routedTo) result.routedTo = filter.routedTo;
  else if (filter.notRouted) result.routedTo = null;
  return result;
}

/**
 * Which of a campaign's findings the viewer may list: all of them for its coordinators and
 * participants, only their own when a participant asks for that; null when the answer is
 * "none" (a coordinator asking for their own). Anyone else is refused, and so is a
 * participant's filter on routing.
 */
function campaignScope(viewer: Viewer, campaign: Campaign, onlyMine: boolean, filter: FindingFilter | null | undefined): repo.FindingListScope | null {
  const manager = managesNeighbourhood(viewer, campaign.neighbourhoodId);
  const participant = viewer.kind === 'participant' && viewer.campaignId === campaign.id;
  if (!manager && !participant) throw notFound('Deze actie');
  // Where a finding was routed is for staff only (Finding.routedTo is null for others), so a
  // participant may not filter or count by it either. Refused outright: the answer then says
  // nothing about the findings, and "ignored" would look like an answer to the question.
  if (!manager && (filter?.routedTo || filter?.notRouted)) throw badInput('Filteren op partner kan alleen voor coördinatoren.');
  if (!onlyMine) return { campaignId: campaign.id };
  return viewer.kind === 'participant' ? { campaignId: campaign.id, participantId: viewer.participantId } : null;
}

/** Only coordinators of the campaign's neighbourhood see its counts and map. */
function managerScope(viewer: Viewer, campaign: Campaign): repo.FindingListScope {
  if (!managesNeighbourhood(viewer, campaign.neighbourhoodId)) throw notFound('Deze actie');
  return { campaignId: campaign.id };
}

function routedScope(viewer: Viewer): repo.FindingListScope {
  if (viewer.kind !== 'staff' || viewer.role !== 'PARTNER' || !viewer.organisationId) throw notFound();
  return { routedOrganisationId: viewer.organisationId };
}

export interface ListOptions {
  onlyMine?: boolean;
  filter?: FindingFilter | null;
}

export async function listCampaignFindings(db: DbOrTrx, viewer: Viewer, campaign: Campaign, page: KeysetPage, options: ListOptions = {}): Promise<Finding[]> {
  const scope = campaignScope(viewer, campaign, options.onlyMine ?? false, options.filter);
  if (!scope) return [];
  return (await repo.listFindingPage(db, scope, toListFilter(options.filter), page)).map(toFinding);
}

/** How many findings the same list holds in all, over every page. */
export async function countCampaignFindings(db: DbOrTrx, viewer: Viewer, campaign: Campaign, options: ListOptions = {}): Promise<number> {
  const scope = campaignScope(viewer, campaign, options.onlyMine ?? false, options.filter);
  return scope ? repo.countFindings(db, scope, toListFilter(options.filter)) : 0;
}

export async function listRoutedFindings(db: DbOrTrx, viewer: Viewer, page: KeysetPage, filter?: FindingFilter | null): Promise<Finding[]> {
  return (await repo.listFindingPage(db, routedScope(viewer), toListFilter(filter), page)).map(toFinding);
}

export async function countRoutedFindings(db: DbOrTrx, viewer: Viewer, filter?: FindingFilter | null): Promise<number> {
  return repo.countFindings(db, routedScope(viewer), toListFilter(filter));
}

export interface FindingCounts {
  /** The filtered findings, counted in the database. */
  total: () => Promise<number>;
  byThemeAndRating: () => Promise<repo.ThemeRatingCountRow[]>;
}

/**
 * The counts of a campaign's findings for a filter, per theme the recorder chose (not the
 * checklist section of an item) and rating. Each part runs only when asked for.
 */
export function campaignFindingCounts(db: DbOrTrx, viewer: Viewer, campaign: Campaign, filter?: FindingFilter | null): FindingCounts {
  const scope = managerScope(viewer, campaign);
  const listFilter = toListFilter(filter);
  return {
    total: () => repo.countFindings(db, scope, listFilter),
    byThemeAndRating: () => repo.countByThemeAndRating(db, scope, listFilter),
  };
}

export interface FindingPositions {
  /** The filtered findings, with a position or not. */
  total: number;
  /** Of those, how many have a position (their own, or their spot's). */
  placed: number;
  /** At most `limit` of them, newest first. */
  positions: repo.FindingPositionRow[];
}

export async function campaignFindingPositions(db: DbOrTrx, viewer: Viewer, campaign: Campaign, filter: FindingFilter | null | undefined, limit = MAX_MAP_POSITIONS): Promise<FindingPositions> {
  const scope = managerScope(viewer, campaign);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_MAP_POSITIONS) throw badInput(`Vraag 1 tot ${MAX_MAP_POSITIONS} posities tegelijk op.`);
  const listFilter = toListFilter(filter);
  const [total, { rows, placed }] = await Promise.all([repo.countFindings(db, scope, listFilter), repo.findingPositions(db, scope, listFilter, limit)]);
  return { total, placed, positions: rows };
}

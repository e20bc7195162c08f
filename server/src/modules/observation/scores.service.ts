/**
 * Schouw scores: per spot, theme (section), street, theme × street and campaign, the
 * distribution of the current ratings and one summary level, beside the same score on the
 * previous schouw of the neighbourhood. Counts come grouped from the database
 * (scores.repo.ts); the medians are taken here from those counts.
 *
 * The score is the median CROW level of the current rating observations (A+ … D; NVT is
 * not an opinion about the state of a place and is not counted). A median and not a mean:
 * the scale is ordinal (the step B → C is not "as large" as A → B), and the answer must be
 * a level people know from the CROW pictures, not "2.6". With an even number of ratings
 * the lower (worse) of the two middle levels is taken: a score is always one level, and
 * when walkers are split evenly between B and C the place is shown as C, so a spot that
 * half the walkers found below standard is not reported as fine. Only the current answer
 * of each walker counts (superseded_by IS NULL), so a walker who changed their mind counts
 * once; several walkers at the same spot each count.
 */
import { LEVELS, type Level } from '@buurtkracht/protocol/rating-scale';
import { managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import { notFound } from '../../domain-error.js';
import type { Campaign } from '../campaign/campaign.service.js';
import { THEMES, type Theme } from '../checklist/checklist.table.js';
import { RATINGS, type Rating } from '../finding/finding.table.js';
import { spotsByIds } from '../spot/spot.service.js';
import * as repo from './scores.repo.js';

export type { Level };
export type ScoreChange = 'UP' | 'DOWN' | 'SAME';
export type RatingCounts = Partial<Record<Rating, number>>;

/** The median level of these counts (the worse middle one for an even number), or null without ratings. */
export function medianLevel(counts: RatingCounts): Level | null {
  const n = LEVELS.reduce((sum, level) => sum + (counts[level] ?? 0), 0);
  if (n === 0) return null;
  // Position in the ratings sorted best → worst, from 0: the middle one, or for an even n
  // the second of the two middles, which is the worse one.
  const position = Math.floor(n / 2);
  let seen = 0;
  for (const level of LEVELS) {
    seen += counts[level] ?? 0;
    if (seen > position) return level;
  }
  return null;
}

/** UP when the level is better than before, DOWN when worse; null when either is missing. */
export function changeOf(level: Level | null, previous: Level | null): ScoreChange | null {
  if (!level || !previous) return null;
  const now = LEVELS.indexOf(level);
  const before = LEVELS.indexOf(previous);
  return now === before ? 'SAME' : now < before ? 'UP' : 'DOWN';
}

export interface Score {
  level: Level | null;
  /** Every value of the scale in scale order, NVT last, zeros included. */
  distribution: { rating: Rating; count: number }[];
  /** The ratings the level is the median of (A+ … D; NVT not counted). */
  observationCount: number;
  previousLevel: Level | null;
  change: ScoreChange | null;
}

export function scoreOf(current: RatingCounts | undefined, previous: RatingCounts | undefined): Score {
  const now = current ?? {};
  const level = medianLevel(now);
  const previousLevel = previous ? medianLevel(previous) : null;
  return {
    level,
    distribution: RATINGS.map((rating) => ({ rating, count: now[rating] ?? 0 })),
    observationCount: LEVELS.reduce((sum, l) => sum + (now[l] ?? 0), 0),
    previousLevel,
    change: changeOf(level, previousLevel),
  };
}

export interface SchouwScores {
  campaignId: string;
  previousCampaign: { id: string; name: string; createdAt: string } | null;
  overall: Score;
  themes: { theme: Theme; score: Score }[];
  streets: { streetId: string; score: Score }[];
  spots: { spotId: string; score: Score }[];
  cells: { theme: Theme; streetId: string; score: Score }[];
}

/** Counts per group key of one campaign. */
type Groups = Map<string, RatingCounts>;

function add(groups: Groups, key: string, rating: Rating, count: number): void {
  let counts = groups.get(key);
  if (!counts) groups.set(key, (counts = {}));
  counts[rating] = (counts[rating] ?? 0) + count;
}

const OVERALL = '';
const keys = {
  theme: (theme: Theme) => `t:${theme}`,
  street: (streetId: string) => `s:${streetId}`,
  spot: (spotId: string) => `p:${spotId}`,
  cell: (theme: Theme, streetId: string) => `c:${theme}:${streetId}`,
};

/** Every group a campaign's counts fall in; a spot belongs to the street it has now. */
function group(rows: repo.RatingCountRow[], streetOf: Map<string, string>): Groups {
  const groups: Groups = new Map([[OVERALL, {}]]);
  for (const row of rows) {
    const street = streetOf.get(row.spot_id);
    add(groups, OVERALL, row.rating, row.count);
    add(groups, keys.theme(row.theme), row.rating, row.count);
    add(groups, keys.spot(row.spot_id), row.rating, row.count);
    if (street) {
      add(groups, keys.street(street), row.rating, row.count);
      add(groups, keys.cell(row.theme, street), row.rating, row.count);
    }
  }
  return groups;
}

/** The previous schouw of the neighbourhood: the newest SCHOUW campaign created before this one. */
export async function previousSchouwOf(db: DbOrTrx, campaign: Pick<Campaign, 'id' | 'neighbourhoodId' | 'createdAt'>): Promise<{ id: string; name: string; createdAt: string } | null> {
  const row = await repo.previousSchouw(db, campaign);
  return row ? { id: row.id, name: row.name, createdAt: row.created_at } : null;
}

/** Who may see a schouw's scores: its coordinators (and admins). See the schema for why not walkers. */
export const maySeeScores = (viewer: Viewer, campaign: Pick<Campaign, 'neighbourhoodId'>): boolean => managesNeighbourhood(viewer, campaign.neighbourhoodId);

/** The scores of a schouw with last time's beside them; null for a tegelwip campaign. */
export async function schouwScores(db: DbOrTrx, viewer: Viewer, campaign: Campaign): Promise<SchouwScores | null> {
  if (!maySeeScores(viewer, campaign)) throw notFound('Deze actie');
  return campaign.kind === 'SCHOUW' ? computeScores(db, campaign) : null;
}

/** The scores of a schouw, for a caller that already decided who may see them (the coordinators' view, the public results). */
export async function computeScores(db: DbOrTrx, campaign: Campaign): Promise<SchouwScores> {
  const previousCampaign = await previousSchouwOf(db, campaign);
  const currentRows = await repo.ratingCountsBySpotAndTheme(db, campaign.id);
  const previousRows = previousCampaign ? await repo.ratingCountsBySpotAndTheme(db, previousCampaign.id) : [];
  const spotIds = [...new Set([...currentRows, ...previousRows].map((r) => r.spot_id))];
  const streetOf = new Map((await spotsByIds(db, spotIds)).map((s) => [s.id, s.streetId]));
  const now = group(currentRows, streetOf);
  const before = group(previousRows, streetOf);
  const scored = (key: string) => scoreOf(now.get(key), previousCampaign ? before.get(key) : undefined);
  const present = (prefix: string) => [...new Set([...now.keys(), ...before.keys()].filter((k) => k.startsWith(prefix)))].sort();

  const streetIds = present('s:').map((k) => k.slice(2));
  return {
    campaignId: campaign.id,
    previousCampaign,
    overall: scored(OVERALL),
    themes: THEMES.filter((theme) => now.has(keys.theme(theme)) || before.has(keys.theme(theme))).map((theme) => ({ theme, score: scored(keys.theme(theme)) })),
    streets: streetIds.map((streetId) => ({ streetId, score: scored(keys.street(streetId)) })),
    spots: present('p:').map((k) => ({ spotId: k.slice(2), score: scored(k) })),
    cells: THEMES.flatMap((theme) =>
      streetIds.filter((streetId) => now.has(keys.cell(theme, streetId)) || before.has(keys.cell(theme, streetId))).map((streetId) => ({ theme, streetId, score: scored(keys.cell(theme, streetId)) })),
    ),
  };
}

export interface SpotScore {
  level: Level;
  observationCount: number;
  /** When the newest rating behind it reached the server. */
  newest: string;
}

/** The score of each of these spots in one campaign; spots without ratings are left out. */
export async function spotScoresIn(db: DbOrTrx, campaignId: string, spotIds: readonly string[]): Promise<Map<string, SpotScore>> {
  const bySpot = new Map<string, { counts: RatingCounts; newest: string }>();
  for (const row of await repo.ratingCountsOfSpots(db, campaignId, spotIds)) {
    let spot = bySpot.get(row.spot_id);
    if (!spot) bySpot.set(row.spot_id, (spot = { counts: {}, newest: row.newest }));
    spot.counts[row.rating] = row.count;
    if (row.newest > spot.newest) spot.newest = row.newest;
  }
  const scores = new Map<string, SpotScore>();
  for (const [spotId, { counts, newest }] of bySpot) {
    const level = medianLevel(counts);
    if (level) scores.set(spotId, { level, observationCount: LEVELS.reduce((sum, l) => sum + (counts[l] ?? 0), 0), newest });
  }
  return scores;
}

/**
 * Every SQL statement of the schouw scores: the previous schouw of a neighbourhood and
 * the counts of current ratings, grouped in the database. The grouping follows
 * observation_campaign_idx (campaign_id, superseded_by, spot_id, theme, rating), so it
 * reads only that index, already in group order.
 */
import type { DbOrTrx } from '../../db/database.js';
import type { Theme } from '../checklist/checklist.table.js';
import type { Rating } from '../finding/finding.table.js';

/**
 * The newest SCHOUW of the neighbourhood created before the given one (ties on the clock: by
 * id) that was walked: not a draft, and with at least one answer, so there is something to
 * compare with.
 */
export async function previousSchouw(db: DbOrTrx, campaign: { id: string; neighbourhoodId: string; createdAt: string }) {
  return db
    .selectFrom('campaign')
    .select(['id', 'name', 'created_at'])
    .where('neighbourhood_id', '=', campaign.neighbourhoodId)
    .where('kind', '=', 'SCHOUW')
    .where('status', '!=', 'DRAFT')
    .where((eb) => eb.exists(eb.selectFrom('observation').select('observation.id').whereRef('observation.campaign_id', '=', 'campaign.id')))
    .where((eb) => eb.or([eb('created_at', '<', campaign.createdAt), eb.and([eb('created_at', '=', campaign.createdAt), eb('id', '<', campaign.id)])]))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface RatingCountRow {
  spot_id: string;
  theme: Theme;
  rating: Rating;
  count: number;
}

/** How many current ratings (NVT included) each spot got per theme in a campaign. */
export async function ratingCountsBySpotAndTheme(db: DbOrTrx, campaignId: string): Promise<RatingCountRow[]> {
  const rows = await db
    .selectFrom('observation')
    .select(['spot_id', 'theme', 'rating', (eb) => eb.fn.countAll<number>().as('count')])
    .where('campaign_id', '=', campaignId)
    .where('superseded_by', 'is', null)
    .where('rating', 'is not', null)
    .groupBy(['spot_id', 'theme', 'rating'])
    .execute();
  return rows.map((r) => ({ spot_id: r.spot_id, theme: r.theme, rating: r.rating!, count: Number(r.count) }));
}

export interface SpotRatingCountRow {
  spot_id: string;
  rating: Rating;
  count: number;
  /** When the newest of these ratings reached the server. */
  newest: string;
}

/** Current ratings (NVT left out) per spot and level of these spots in one campaign. */
export async function ratingCountsOfSpots(db: DbOrTrx, campaignId: string, spotIds: readonly string[]): Promise<SpotRatingCountRow[]> {
  if (spotIds.length === 0) return [];
  const rows = await db
    .selectFrom('observation')
    .select(['spot_id', 'rating', (eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.max('server_time').as('newest')])
    .where('campaign_id', '=', campaignId)
    .where('superseded_by', 'is', null)
    .where('spot_id', 'in', spotIds)
    .where('rating', 'is not', null)
    .where('rating', '!=', 'NVT')
    .groupBy(['spot_id', 'rating'])
    .execute();
  return rows.map((r) => ({ spot_id: r.spot_id, rating: r.rating!, count: Number(r.count), newest: String(r.newest) }));
}

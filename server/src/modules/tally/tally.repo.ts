/**
 * Every SQL statement of the tally ledger. Events are only ever inserted: this module
 * has no update or delete of tally_event, by design. Rollups change in the same
 * transaction as the event that moves them.
 */
import { sql } from 'kysely';
import { bulkInsert } from '../../db/bulk-insert.js';
import type { DbOrTrx } from '../../db/database.js';
import type { RollupDimension, TallyEventRow, TallyRollupRow } from './tally.table.js';

export async function findEvent(db: DbOrTrx, id: string): Promise<TallyEventRow | undefined> {
  return db.selectFrom('tally_event').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The count an event still stands for after its corrections. */
export async function remainingCount(db: DbOrTrx, eventId: string): Promise<number> {
  const row = await db
    .selectFrom('tally_event')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('count'), sql<number>`0`).as('n'))
    .where((eb) => eb.or([eb('id', '=', eventId), eb('corrects_event_id', '=', eventId)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Inserts events, many per statement (SQLite allows about 32k bound values). */
const EVENT_COLUMNS = ['id', 'campaign_id', 'action_day_id', 'street_id', 'house_number', 'participant_id', 'staff_account_id', 'unit_code', 'origin', 'count', 'area_cm2', 'corrects_event_id', 'device_id', 'client_time', 'server_time'] as const;

export async function insertEvents(db: DbOrTrx, rows: TallyEventRow[]): Promise<void> {
  await bulkInsert(db, 'tally_event', EVENT_COLUMNS, rows);
}

export async function findEvents(db: DbOrTrx, ids: readonly string[]): Promise<TallyEventRow[]> {
  const found: TallyEventRow[] = [];
  for (let i = 0; i < ids.length; i += 500) found.push(...(await db.selectFrom('tally_event').selectAll().where('id', 'in', ids.slice(i, i + 500)).execute()));
  return found;
}

/** Adds area, event counts and quantities to rollup rows, creating them when missing. */
export async function addToRollups(db: DbOrTrx, deltas: TallyRollupRow[]): Promise<void> {
  for (let i = 0; i < deltas.length; i += 500) {
    await db
      .insertInto('tally_rollup')
      .values(deltas.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns(['campaign_id', 'dimension', 'key']).doUpdateSet({
          area_cm2: sql`tally_rollup.area_cm2 + excluded.area_cm2`,
          event_count: sql`tally_rollup.event_count + excluded.event_count`,
          quantity: sql`tally_rollup.quantity + excluded.quantity`,
        }),
      )
      .execute();
  }
}

export async function rollupRow(db: DbOrTrx, campaignId: string, dimension: RollupDimension, key: string): Promise<TallyRollupRow | undefined> {
  return db
    .selectFrom('tally_rollup')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('dimension', '=', dimension)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function rollups(db: DbOrTrx, campaignId: string, dimensions: RollupDimension[]): Promise<TallyRollupRow[]> {
  return db.selectFrom('tally_rollup').selectAll().where('campaign_id', '=', campaignId).where('dimension', 'in', dimensions).execute();
}

/**
 * The participants ranked by a campaign's figure, best first, only those above nothing:
 * area for tiles, everything counted for a clean-up (rankingFigureOf in
 * tally-aggregates.service.ts, whose names this takes).
 */
export async function topParticipants(db: DbOrTrx, campaignId: string, limit: number, figure: 'areaCm2' | 'quantity' = 'areaCm2') {
  const by = figure === 'areaCm2' ? 'area_cm2' : 'quantity';
  return db
    .selectFrom('tally_rollup')
    .innerJoin('participant', 'participant.id', 'tally_rollup.key')
    .select([
      'tally_rollup.key as participant_id',
      'tally_rollup.area_cm2',
      'tally_rollup.event_count',
      'tally_rollup.quantity',
      'participant.display_name',
      'participant.pseudonym',
      'participant.show_name_in_rankings',
      'participant.erased_at',
    ])
    .where('tally_rollup.campaign_id', '=', campaignId)
    .where('tally_rollup.dimension', '=', 'PARTICIPANT')
    .where(`tally_rollup.${by}`, '>', 0)
    .orderBy(`tally_rollup.${by}`, 'desc')
    .orderBy('tally_rollup.key')
    .limit(limit)
    .execute();
}

/** The raw ledger of a campaign, for audits, exports and recomputation in tests. */
export async function eventsOfCampaign(db: DbOrTrx, campaignId: string): Promise<TallyEventRow[]> {
  return db.selectFrom('tally_event').selectAll().where('campaign_id', '=', campaignId).orderBy('server_time').orderBy('id').execute();
}

/** Addresses where tiles that may green a garden add up to more than nothing. */
export async function countGardensGreened(db: DbOrTrx, campaignId: string): Promise<number> {
  const row = await db
    .selectFrom('tally_rollup')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', campaignId)
    .where('dimension', '=', 'GARDEN')
    .where('area_cm2', '>', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Retention: the GARDEN rollups are keyed by address (street and house number). Their keys
 * become numbers (most area first), so the count of gardens greened survives the house
 * numbers; gardens at zero go, as nothing can correct them any more. Running it again
 * numbers the same gardens again.
 */
export async function anonymiseGardenRollups(db: DbOrTrx, campaignId: string): Promise<void> {
  const gardens = await db
    .selectFrom('tally_rollup')
    .select(['area_cm2', 'event_count'])
    .where('campaign_id', '=', campaignId)
    .where('dimension', '=', 'GARDEN')
    .orderBy('area_cm2', 'desc')
    .orderBy('key')
    .execute();
  await db.deleteFrom('tally_rollup').where('campaign_id', '=', campaignId).where('dimension', '=', 'GARDEN').execute();
  const kept = gardens.filter((g) => g.area_cm2 > 0).map((g, i): TallyRollupRow => ({ campaign_id: campaignId, dimension: 'GARDEN', key: `#${i + 1}`, area_cm2: g.area_cm2, event_count: g.event_count, quantity: 0 }));
  for (let i = 0; i < kept.length; i += 500) await db.insertInto('tally_rollup').values(kept.slice(i, i + 500)).execute();
}

/**
 * Privacy erasure after the retention period: house numbers go, from the ledger and from
 * the garden rollups' keys; counts, areas and the number of gardens greened stay. The only
 * statement that touches a stored event, and it never changes what it counts.
 */
export async function eraseHouseNumbers(db: DbOrTrx, campaignId: string): Promise<void> {
  await db.updateTable('tally_event').set({ house_number: null }).where('campaign_id', '=', campaignId).where('house_number', 'is not', null).execute();
  await anonymiseGardenRollups(db, campaignId);
}

/** Every SQL statement of the spot module. */
import type { DbOrTrx } from '../../db/database.js';
import { keysetPage, type KeysetPage } from '../../db/keyset.js';
import type { SpotRow } from './spot.table.js';

export async function insertSpot(db: DbOrTrx, row: SpotRow): Promise<void> {
  await db.insertInto('spot').values(row).execute();
}

export async function updateSpot(db: DbOrTrx, id: string, set: Partial<Pick<SpotRow, 'name' | 'description' | 'type' | 'street_id' | 'lat' | 'lon'>>): Promise<void> {
  if (Object.keys(set).length > 0) await db.updateTable('spot').set(set).where('id', '=', id).execute();
}

export async function findSpot(db: DbOrTrx, id: string): Promise<SpotRow | undefined> {
  return db.selectFrom('spot').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSpotsByIds(db: DbOrTrx, ids: readonly string[]): Promise<SpotRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('spot').selectAll().where('id', 'in', ids).execute();
}

export async function countSpots(db: DbOrTrx, neighbourhoodId: string): Promise<number> {
  const row = await db.selectFrom('spot').select((eb) => eb.fn.countAll<number | string>().as('count')).where('neighbourhood_id', '=', neighbourhoodId).executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Spots of a neighbourhood by name, then id. */
export async function listSpots(db: DbOrTrx, neighbourhoodId: string, page: KeysetPage): Promise<SpotRow[]> {
  return db
    .selectFrom('spot')
    .selectAll()
    .where('neighbourhood_id', '=', neighbourhoodId)
    .$call(keysetPage(['name', 'id'], page))
    .execute();
}

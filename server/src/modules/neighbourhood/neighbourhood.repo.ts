/** Every SQL statement of the neighbourhood module (tables neighbourhood, street). */
import type { DbOrTrx } from '../../db/database.js';
import { keysetPage, type KeysetPage } from '../../db/keyset.js';
import type { NeighbourhoodRow, NewNeighbourhoodRow, NewStreetRow, StreetRow } from './neighbourhood.table.js';

export async function countNeighbourhoods(db: DbOrTrx): Promise<number> {
  const { count } = await db.selectFrom('neighbourhood').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(count);
}

export async function insertNeighbourhood(db: DbOrTrx, row: NewNeighbourhoodRow): Promise<void> {
  await db.insertInto('neighbourhood').values(row).execute();
}

export async function insertStreets(db: DbOrTrx, rows: NewStreetRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('street').values(rows).execute();
}

export async function findNeighbourhoodBySlug(db: DbOrTrx, slug: string): Promise<NeighbourhoodRow | undefined> {
  return db.selectFrom('neighbourhood').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** Neighbourhoods by name, then id. */
export async function listNeighbourhoods(db: DbOrTrx, page: KeysetPage): Promise<NeighbourhoodRow[]> {
  return db
    .selectFrom('neighbourhood')
    .selectAll()
    .$call(keysetPage(['name', 'id'], page))
    .execute();
}

/** Streets of one neighbourhood by name, then id. */
export async function listStreets(db: DbOrTrx, neighbourhoodId: string, page: KeysetPage): Promise<StreetRow[]> {
  return db
    .selectFrom('street')
    .selectAll()
    .where('neighbourhood_id', '=', neighbourhoodId)
    .$call(keysetPage(['name', 'id'], page))
    .execute();
}

export async function findNeighbourhoodsByIds(db: DbOrTrx, ids: readonly string[]): Promise<NeighbourhoodRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('neighbourhood').selectAll().where('id', 'in', ids).execute();
}

export async function findStreetInNeighbourhood(db: DbOrTrx, neighbourhoodId: string, streetId: string): Promise<StreetRow | undefined> {
  return db.selectFrom('street').selectAll().where('id', '=', streetId).where('neighbourhood_id', '=', neighbourhoodId).executeTakeFirst();
}

/** Every street of a neighbourhood (a few dozen), for aggregates that list all of them. */
export async function allStreets(db: DbOrTrx, neighbourhoodId: string): Promise<StreetRow[]> {
  return db.selectFrom('street').selectAll().where('neighbourhood_id', '=', neighbourhoodId).orderBy('name').execute();
}

export async function findStreet(db: DbOrTrx, id: string): Promise<StreetRow | undefined> {
  return db.selectFrom('street').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findStreetsByIds(db: DbOrTrx, ids: readonly string[]): Promise<StreetRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('street').selectAll().where('id', 'in', ids).execute();
}

export async function setHouseholdCount(db: DbOrTrx, id: string, householdCount: number | null): Promise<void> {
  await db.updateTable('street').set({ household_count: householdCount }).where('id', '=', id).execute();
}

export async function renameStreet(db: DbOrTrx, id: string, name: string): Promise<void> {
  await db.updateTable('street').set({ name }).where('id', '=', id).execute();
}

export async function insertStreet(db: DbOrTrx, row: StreetRow): Promise<void> {
  await db.insertInto('street').values(row).execute();
}

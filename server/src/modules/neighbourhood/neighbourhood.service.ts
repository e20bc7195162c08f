/**
 * Neighbourhoods and streets: read access for everyone (street names are public
 * information) and the creation used by the demo seed and, later, by coordinators.
 */
import { v7 as uuidv7 } from 'uuid';
import type { DbOrTrx } from '../../db/database.js';
import type { KeysetPage } from '../../db/keyset.js';
import { managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import { badInput, notFound } from '../../domain-error.js';
import { recordChange } from '../sync/change-log.repo.js';
import * as repo from './neighbourhood.repo.js';
import type { NeighbourhoodRow, StreetRow } from './neighbourhood.table.js';

export interface Neighbourhood {
  id: string;
  slug: string;
  name: string;
  municipality: string;
}

export interface Street {
  id: string;
  neighbourhoodId: string;
  name: string;
  householdCount: number | null;
}

const toNeighbourhood = (row: NeighbourhoodRow): Neighbourhood => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  municipality: row.municipality,
});

const toStreet = (row: StreetRow): Street => ({
  id: row.id,
  neighbourhoodId: row.neighbourhood_id,
  name: row.name,
  householdCount: row.household_count,
});

export async function listNeighbourhoods(db: DbOrTrx, page: KeysetPage): Promise<Neighbourhood[]> {
  return (await repo.listNeighbourhoods(db, page)).map(toNeighbourhood);
}

export async function findNeighbourhoodBySlug(db: DbOrTrx, slug: string): Promise<Neighbourhood | null> {
  const row = await repo.findNeighbourhoodBySlug(db, slug);
  return row ? toNeighbourhood(row) : null;
}

export async function listStreets(db: DbOrTrx, neighbourhoodId: string, page: KeysetPage): Promise<Street[]> {
  return (await repo.listStreets(db, neighbourhoodId, page)).map(toStreet);
}

export async function isDatabaseEmpty(db: DbOrTrx): Promise<boolean> {
  return (await repo.countNeighbourhoods(db)) === 0;
}

export interface NewNeighbourhood {
  slug: string;
  name: string;
  municipality: string;
  streets: { name: string; householdCount?: number | null }[];
}

/** Creates a neighbourhood with its streets; call inside a transaction. */
export async function createNeighbourhood(trx: DbOrTrx, input: NewNeighbourhood, now = new Date()): Promise<Neighbourhood> {
  const createdAt = now.toISOString();
  const row = { id: uuidv7(), slug: input.slug, name: input.name, municipality: input.municipality, created_at: createdAt };
  await repo.insertNeighbourhood(trx, row);
  await repo.insertStreets(
    trx,
    input.streets.map((s) => ({
      id: uuidv7(),
      neighbourhood_id: row.id,
      name: s.name,
      household_count: s.householdCount ?? null,
      created_at: createdAt,
    })),
  );
  return toNeighbourhood(row);
}

/** For batched loading (one query per request, whatever the number of parents). */
export async function neighbourhoodsByIds(db: DbOrTrx, ids: readonly string[]): Promise<Neighbourhood[]> {
  return (await repo.findNeighbourhoodsByIds(db, ids)).map(toNeighbourhood);
}

export async function streetsByIds(db: DbOrTrx, ids: readonly string[]): Promise<Street[]> {
  return (await repo.findStreetsByIds(db, ids)).map(toStreet);
}

/** Coordinators add streets to their own neighbourhoods; call inside a transaction (devices learn of it by pull). */
export async function addStreet(db: DbOrTrx, viewer: Viewer, input: { neighbourhoodId: string; name: string; householdCount?: number | null }, now = new Date()): Promise<Street> {
  if (!managesNeighbourhood(viewer, input.neighbourhoodId)) throw notFound('Deze buurt');
  const name = input.name.trim();
  await requireUniqueStreetName(db, input.neighbourhoodId, name);
  const row = { id: uuidv7(), neighbourhood_id: input.neighbourhoodId, name, household_count: input.householdCount ?? null, created_at: now.toISOString() };
  await repo.insertStreet(db, row);
  await recordChange(db, { neighbourhoodId: row.neighbourhood_id, campaignId: null, entityType: 'STREET', entityId: row.id }, now);
  return toStreet(row);
}

/** Street names are unique within a neighbourhood, whatever their capitals. */
async function requireUniqueStreetName(db: DbOrTrx, neighbourhoodId: string, name: string, exceptStreetId?: string): Promise<void> {
  const existing = await repo.allStreets(db, neighbourhoodId);
  if (existing.some((s) => s.id !== exceptStreetId && s.name.toLowerCase() === name.toLowerCase())) throw badInput('Deze straat staat er al in.');
}

/** Mends a misspelt street name; what was counted or found there stays with the street. Call inside a transaction. */
export async function renameStreet(db: DbOrTrx, viewer: Viewer, streetId: string, newName: string): Promise<Street> {
  const street = await repo.findStreet(db, streetId);
  if (!street || !managesNeighbourhood(viewer, street.neighbourhood_id)) throw notFound('Deze straat');
  const name = newName.trim();
  await requireUniqueStreetName(db, street.neighbourhood_id, name, street.id);
  await repo.renameStreet(db, street.id, name);
  await recordChange(db, { neighbourhoodId: street.neighbourhood_id, campaignId: null, entityType: 'STREET', entityId: street.id });
  return toStreet({ ...street, name });
}

/** The number of households makes a per-household ranking possible; call inside a transaction. */
export async function setStreetHouseholds(db: DbOrTrx, viewer: Viewer, streetId: string, householdCount: number | null): Promise<Street> {
  const street = await repo.findStreet(db, streetId);
  if (!street || !managesNeighbourhood(viewer, street.neighbourhood_id)) throw notFound('Deze straat');
  await repo.setHouseholdCount(db, street.id, householdCount);
  await recordChange(db, { neighbourhoodId: street.neighbourhood_id, campaignId: null, entityType: 'STREET', entityId: street.id });
  return toStreet({ ...street, household_count: householdCount });
}

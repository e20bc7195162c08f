/**
 * Spots (plekken) a schouw inspects, and the streets they are on. Places are public
 * information; only coordinators of the neighbourhood change them.
 */
import { v7 as uuidv7 } from 'uuid';
import { managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import type { Db, DbOrTrx } from '../../db/database.js';
import type { KeysetPage } from '../../db/keyset.js';
import { badInput, notFound } from '../../domain-error.js';
import { findStreetInNeighbourhood } from '../neighbourhood/neighbourhood.repo.js';
import { recordChange } from '../sync/change-log.repo.js';
import * as repo from './spot.repo.js';
import type { SpotRow, SpotType } from './spot.table.js';

export interface Spot {
  id: string;
  neighbourhoodId: string;
  streetId: string;
  type: SpotType;
  name: string;
  description: string | null;
  lat: number | null;
  lon: number | null;
}

export const toSpot = (row: SpotRow): Spot => ({
  id: row.id,
  neighbourhoodId: row.neighbourhood_id,
  streetId: row.street_id,
  type: row.type,
  name: row.name,
  description: row.description,
  lat: row.lat,
  lon: row.lon,
});

export interface SpotInput {
  streetId: string;
  type: SpotType;
  name: string;
  description?: string | null;
  lat?: number | null;
  lon?: number | null;
}

function checkLocation(lat: number | null | undefined, lon: number | null | undefined): void {
  if ((lat == null) !== (lon == null)) throw badInput('Vul zowel de breedte- als de lengtegraad in, of geen van beide.');
}

export async function createSpot(db: DbOrTrx, viewer: Viewer, neighbourhoodId: string, input: SpotInput, now = new Date()): Promise<Spot> {
  if (!managesNeighbourhood(viewer, neighbourhoodId)) throw notFound('Deze buurt');
  checkLocation(input.lat, input.lon);
  if (!(await findStreetInNeighbourhood(db, neighbourhoodId, input.streetId))) throw badInput('Deze straat hoort niet bij deze buurt.');
  const row: SpotRow = {
    id: uuidv7(),
    neighbourhood_id: neighbourhoodId,
    street_id: input.streetId,
    type: input.type,
    name: input.name.trim(),
    description: input.description?.trim() || null,
    lat: input.lat ?? null,
    lon: input.lon ?? null,
    created_at: now.toISOString(),
  };
  await repo.insertSpot(db, row);
  await recordChange(db, { neighbourhoodId, campaignId: null, entityType: 'SPOT', entityId: row.id }, now);
  return toSpot(row);
}

export async function updateSpot(db: Db, viewer: Viewer, spotId: string, input: Partial<SpotInput>): Promise<Spot> {
  return db.transaction().execute(async (trx) => {
    const spot = await repo.findSpot(trx, spotId);
    if (!spot || !managesNeighbourhood(viewer, spot.neighbourhood_id)) throw notFound('Deze plek');
    checkLocation(input.lat === undefined ? spot.lat : input.lat, input.lon === undefined ? spot.lon : input.lon);
    if (input.streetId && !(await findStreetInNeighbourhood(trx, spot.neighbourhood_id, input.streetId))) throw badInput('Deze straat hoort niet bij deze buurt.');
    await repo.updateSpot(trx, spot.id, {
      ...(input.name != null ? { name: input.name.trim() } : {}),
      ...(input.type != null ? { type: input.type } : {}),
      ...(input.streetId != null ? { street_id: input.streetId } : {}),
      ...(input.description !== undefined ? { description: input.description?.trim() || null } : {}),
      ...(input.lat !== undefined ? { lat: input.lat, lon: input.lon ?? null } : {}),
    });
    await recordChange(trx, { neighbourhoodId: spot.neighbourhood_id, campaignId: null, entityType: 'SPOT', entityId: spot.id });
    return toSpot((await repo.findSpot(trx, spot.id))!);
  });
}

export async function listSpots(db: DbOrTrx, neighbourhoodId: string, page: KeysetPage): Promise<Spot[]> {
  return (await repo.listSpots(db, neighbourhoodId, page)).map(toSpot);
}

export async function countSpots(db: DbOrTrx, neighbourhoodId: string): Promise<number> {
  return repo.countSpots(db, neighbourhoodId);
}

export async function spotsByIds(db: DbOrTrx, ids: readonly string[]): Promise<Spot[]> {
  return (await repo.findSpotsByIds(db, ids)).map(toSpot);
}

export async function findSpot(db: DbOrTrx, id: string): Promise<Spot | null> {
  const row = await repo.findSpot(db, id);
  return row ? toSpot(row) : null;
}

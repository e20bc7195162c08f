/** Table shapes of the neighbourhood module: neighbourhood (buurt) and street. */
import type { Insertable, Selectable, Updateable } from 'kysely';

export interface NeighbourhoodTable {
  id: string;
  slug: string;
  name: string;
  municipality: string;
  created_at: string;
}

export interface StreetTable {
  id: string;
  neighbourhood_id: string;
  name: string;
  household_count: number | null;
  created_at: string;
}

export type NeighbourhoodRow = Selectable<NeighbourhoodTable>;
export type NewNeighbourhoodRow = Insertable<NeighbourhoodTable>;
export type NeighbourhoodRowUpdate = Updateable<NeighbourhoodTable>;
export type StreetRow = Selectable<StreetTable>;
export type NewStreetRow = Insertable<StreetTable>;
export type StreetRowUpdate = Updateable<StreetTable>;

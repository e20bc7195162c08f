/** Table shape of spots (plekken): what a schouw walk inspects, on a street. */
import type { Selectable } from 'kysely';

export const SPOT_TYPES = [
  'PLANTSOEN',
  'BLOEMBAK',
  'BOOM',
  'PARK',
  'WANDELPAD',
  'SPEELPLEK',
  'ONTMOETINGSPLEK',
  'NESTKAST',
  'REGENTON_WADI',
  'HANGPLEK',
] as const;
export type SpotType = (typeof SPOT_TYPES)[number];

export interface SpotTable {
  id: string;
  neighbourhood_id: string;
  street_id: string;
  type: SpotType;
  name: string;
  description: string | null;
  lat: number | null;
  lon: number | null;
  created_at: string;
}

export type SpotRow = Selectable<SpotTable>;

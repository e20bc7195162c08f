/** Table shapes of the sync protocol: devices, processed mutations and the change log. */
import type { SyncStatus } from '@buurtkracht/protocol/sync-protocol';
import type { Generated, Selectable } from 'kysely';

export interface SyncDeviceTable {
  id: string;
  owner: string;
  campaign_id: string | null;
  /** The highest seq processed without a gap before it. */
  last_seq: number;
  first_seen_at: string;
  last_sync_at: string;
}

export type { SyncStatus };

export interface SyncMutationTable {
  mutation_id: string;
  device_id: string;
  seq: number;
  name: string;
  /** APPLIED or REJECTED; a replay answers DUPLICATE for an applied entry, REJECTED again (same code and message) for a refused one. */
  status: Exclude<SyncStatus, 'DUPLICATE'>;
  code: string | null;
  message: string | null;
  entity_id: string | null;
  /** JSON string[], e.g. ["CLIENT_TIME_IN_FUTURE"]. */
  flags: string;
  processed_at: string;
}

export interface ChangeLogTable {
  seq: Generated<number>;
  neighbourhood_id: string;
  campaign_id: string | null;
  entity_type: string;
  entity_id: string;
  op: 'UPSERT' | 'DELETE';
  at: string;
}

export type SyncDeviceRow = Selectable<SyncDeviceTable>;
export type SyncMutationRow = Selectable<SyncMutationTable>;
export type ChangeLogRow = Selectable<ChangeLogTable>;

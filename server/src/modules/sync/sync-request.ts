/**
 * What a device sends in one sync: its outbox entries since the last acknowledged seq,
 * and the cursor of what it has pulled. sync.service.ts takes the batch, sync-entries.ts
 * applies the entries; both read these types from here, so neither imports the other
 * for them. An entry's shape is the protocol's (the field app sends the same type).
 */
import type { PushedMutation } from '@buurtkracht/protocol/sync-protocol';

export type { PushedMutation };

export interface SyncInput {
  deviceId: string;
  campaignId?: string | null;
  mutations: PushedMutation[];
  cursor?: string | null;
}

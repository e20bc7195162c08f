/**
 * What a device sends in one sync: its outbox entries since the last acknowledged seq,
 * and the cursor of what it has pulled. sync.service.ts takes the batch, sync-entries.ts
 * applies the entries; both read these types from here, so neither imports the other
 * for them.
 */

export interface PushedMutation {
  mutationId: string;
  seq: number;
  name: string;
  args: unknown;
  clientTime: string;
  formatVersion: number;
  /** The device left args out: the entry alone was larger than MAX_ENTRY_BYTES. */
  argsOmittedBytes?: number | null;
}

export interface SyncInput {
  deviceId: string;
  campaignId?: string | null;
  mutations: PushedMutation[];
  cursor?: string | null;
}

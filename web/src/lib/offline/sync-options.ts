/**
 * What the sync engine (sync.ts) is given: its database, transport and status, what it
 * tells the app, and the defaults for what a test may replace (locks, randomness, timers).
 */
import type { Db } from './idb';
import { ONLY_CHANNEL, type SyncChannel } from './membership';
import type { SyncStatus } from './sync-status.svelte';
import { localLocks, type LockLike } from './sync-locks';
import type { Transport } from './transport';

export interface SyncEngineOptions {
  db: Db;
  transport: Transport;
  status: SyncStatus;
  campaignId?: string | null;
  /** The memberships to sync, each with its token; by default one, with the transport's token. */
  channels?: () => Promise<SyncChannel[]>;
  locks?: LockLike;
  random?: () => number;
  /** Wait after a local write, so a burst of taps travels as one batch. */
  writeDelayMs?: number;
  intervalMs?: number;
  /** Called after every sync round, so views can recompute from the device database. */
  onSynced?: () => void;
  /**
   * Called when a pull brought changes to what the device keeps of a membership's
   * campaign for offline use (days and status, streets, spots): fetch it again. Until that
   * succeeds it is asked again after every sync round.
   */
  onCampaignChanged?: (membership: string) => Promise<void>;
  /**
   * Called when the server no longer accepts a membership's token (erased after the
   * campaign closed, deleted by the person, moved to another phone). Such a membership is
   * a failure of the round only while work of it waits to be sent.
   */
  onRevoked?: (membership: string) => Promise<void>;
}

export type ResolvedOptions = Required<Omit<SyncEngineOptions, 'campaignId' | 'onSynced' | 'onCampaignChanged' | 'onRevoked'>> & {
  campaignId: string | null;
  onSynced?: () => void;
  onCampaignChanged?: (membership: string) => Promise<void>;
  onRevoked?: (membership: string) => Promise<void>;
};

export function withDefaults(options: SyncEngineOptions): ResolvedOptions {
  return {
    locks: (globalThis.navigator as Navigator | undefined)?.locks ?? localLocks(),
    random: Math.random,
    writeDelayMs: 2_000,
    intervalMs: 60_000,
    campaignId: null,
    channels: async () => [ONLY_CHANNEL],
    ...options,
  } as ResolvedOptions;
}

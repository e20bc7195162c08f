/**
 * The sync engine: one tab at a time (Web Locks), it uploads photos, pushes the outbox
 * in seq order and pulls what changed. It runs on start, when the browser comes online,
 * when the app becomes visible, shortly after each local write and on a timer; after a
 * failure it backs off exponentially with jitter (up to 5 minutes), and it never gives up
 * on or expires an entry: only the server's answer removes one.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Db, OutboxEntry } from './idb';
import { getMeta, setMeta } from './idb';
import { upcast } from './outbox';
import type { SyncStatus } from './sync-status.svelte';
import type { SyncResponse } from './sync-protocol';
import { SyncError, toPushed, type Transport } from './transport';

export interface LockLike {
  request<T>(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

/** One tab in this process: enough where Web Locks are missing (old browsers, tests). */
export function localLocks(): LockLike {
  const held = new Set<string>();
  return {
    async request(name, _options, callback) {
      if (held.has(name)) return callback(null);
      held.add(name);
      try {
        return await callback({});
      } finally {
        held.delete(name);
      }
    },
  };
}

export interface SyncEngineOptions {
  db: Db;
  transport: Transport;
  status: SyncStatus;
  campaignId?: string | null;
  locks?: LockLike;
  random?: () => number;
  batchSize?: number;
  /** Wait after a local write, so a burst of taps travels as one batch. */
  writeDelayMs?: number;
  intervalMs?: number;
  /** Called after every sync round, so views can recompute from the device database. */
  onSynced?: () => void;
  /**
   * Called when a pull brought changes to what the device keeps of its campaign for
   * offline use (days and status, streets, spots): fetch it again. Until that succeeds
   * it is asked again after every sync round.
   */
  onCampaignChanged?: () => Promise<void>;
}

type ResolvedOptions = Required<Omit<SyncEngineOptions, 'campaignId' | 'onSynced' | 'onCampaignChanged'>> & {
  campaignId: string | null;
  onSynced?: () => void;
  onCampaignChanged?: () => Promise<void>;
};

/** Pulled changes that the campaign snapshot holds (findings and totals are read from the pulled snapshots themselves). */
const CAMPAIGN_DATA = new Set(['CAMPAIGN', 'STREET', 'SPOT']);

export const MAX_BACKOFF_MS = 5 * 60_000;
const BASE_BACKOFF_MS = 2_000;

export type SyncOutcome = 'done' | 'skipped' | 'failed';

export class SyncEngine {
  readonly #o: ResolvedOptions;
  #failures = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #writeTimer: ReturnType<typeof setTimeout> | undefined;
  #interval: ReturnType<typeof setInterval> | undefined;
  #running: Promise<SyncOutcome> | null = null;
  #disposed = false;

  constructor(options: SyncEngineOptions) {
    this.#o = {
      locks: (globalThis.navigator as Navigator | undefined)?.locks ?? localLocks(),
      random: Math.random,
      batchSize: 500,
      writeDelayMs: 2_000,
      intervalMs: 60_000,
      campaignId: null,
      ...options,
    } as ResolvedOptions;
  }

  /** Starts the triggers; returns a function that stops them. */
  start(win: Pick<Window, 'addEventListener' | 'removeEventListener'> = window, doc: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'> = document): () => void {
    const onOnline = () => {
      this.#failures = 0; // the network is back: no reason to wait out the old backoff
      this.#o.status.online = true;
      void this.syncNow();
    };
    const onOffline = () => {
      this.#o.status.online = false;
    };
    const onVisible = () => {
      if (doc.visibilityState === 'visible') void this.syncNow();
    };
    win.addEventListener('online', onOnline);
    win.addEventListener('offline', onOffline);
    doc.addEventListener('visibilitychange', onVisible);
    this.#interval = setInterval(() => void this.syncNow(), this.#o.intervalMs);
    void this.syncNow();
    return () => {
      win.removeEventListener('online', onOnline);
      win.removeEventListener('offline', onOffline);
      doc.removeEventListener('visibilitychange', onVisible);
      this.dispose();
    };
  }

  /** Stops all timers for good (the app signs out, or a test ends). */
  dispose(): void {
    this.#disposed = true;
    clearInterval(this.#interval);
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#writeTimer);
  }

  /** Call after every local write. */
  notifyLocalWrite(): void {
    void this.#o.status.refresh(this.#o.db);
    clearTimeout(this.#writeTimer);
    this.#writeTimer = setTimeout(() => void this.syncNow(), this.#o.writeDelayMs);
  }

  /** The delay before retry number `failures` (1-based): exponential, capped, with jitter. */
  backoffDelay(failures: number): number {
    const exponential = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, failures - 1));
    return Math.min(MAX_BACKOFF_MS, Math.round(exponential * (0.5 + this.#o.random())));
  }

  syncNow(): Promise<SyncOutcome> {
    this.#running ??= this.#o.locks
      .request('buurtkracht-sync', { ifAvailable: true }, async (lock) => (lock ? this.#run() : ('skipped' as const)))
      .finally(() => {
        this.#running = null;
      });
    return this.#running;
  }

  async #run(): Promise<SyncOutcome> {
    const { db, status } = this.#o;
    status.syncing = true;
    try {
      await this.#uploadPhotos();
      await this.#pushAndPull();
      await this.#refreshCampaignIfChanged();
      this.#failures = 0;
      status.lastError = null;
      status.needsSignIn = false;
      return 'done';
    } catch (error) {
      const problem = error instanceof SyncError ? error : new SyncError('RETRY', String(error));
      status.lastError = problem.message;
      if (problem.kind === 'AUTH') status.needsSignIn = true;
      this.#failures++;
      clearTimeout(this.#retryTimer);
      if (!this.#disposed) this.#retryTimer = setTimeout(() => void this.syncNow(), this.backoffDelay(this.#failures));
      return 'failed';
    } finally {
      status.syncing = false;
      await status.refresh(db);
      this.#o.onSynced?.();
    }
  }

  async #uploadPhotos(): Promise<void> {
    const { db, transport } = this.#o;
    for (const photo of await db.getAll('photos')) {
      try {
        const stored = await transport.uploadPhoto(photo.id, photo.bytes, photo.sha256);
        // The bytes leave the device only once the server holds exactly these bytes.
        if (stored.sha256 === photo.sha256) await db.delete('photos', photo.id);
      } catch (error) {
        if (error instanceof SyncError && error.kind === 'REFUSED') continue; // shown via the finding; the person decides
        throw error;
      }
    }
  }

  async #refreshCampaignIfChanged(): Promise<void> {
    const { db, onCampaignChanged } = this.#o;
    if (!onCampaignChanged || !(await getMeta<boolean>(db, 'campaignChanged'))) return;
    try {
      await onCampaignChanged();
      await setMeta(db, 'campaignChanged', false);
    } catch {
      // The flag stays: the next round asks again. What was sent is confirmed already.
    }
  }

  async #deviceId(): Promise<string> {
    const existing = await getMeta<string>(this.#o.db, 'deviceId');
    if (existing) return existing;
    const id = uuidv7();
    await setMeta(this.#o.db, 'deviceId', id);
    return id;
  }

  /**
   * The server knows this device only up to a seq below our oldest entry (it was restored
   * from a backup): continue as a new device, numbering what is still here from 1. Record
   * ids stay the same, so nothing the server already has is counted twice.
   */
  async #startOverAsNewDevice(): Promise<void> {
    const { db } = this.#o;
    const tx = db.transaction(['outbox', 'meta'], 'readwrite');
    const entries = (await tx.objectStore('outbox').getAll()).sort((a, b) => a.seq - b.seq);
    await tx.objectStore('outbox').clear();
    for (const [index, entry] of entries.entries()) await tx.objectStore('outbox').add({ ...entry, seq: index + 1, mutationId: uuidv7() });
    await tx.objectStore('meta').put({ key: 'nextSeq', value: entries.length + 1 });
    await tx.objectStore('meta').put({ key: 'deviceId', value: uuidv7() });
    await tx.done;
  }

  async #pushAndPull(): Promise<void> {
    const { db, transport, batchSize, campaignId } = this.#o;
    for (let round = 0; round < 1000; round++) {
      const pending = (await db.getAllFromIndex('outbox', 'byState', 'PENDING')).sort((a, b) => a.seq - b.seq);
      const batch: OutboxEntry[] = pending.slice(0, batchSize).map(upcast);
      const cursor = (await getMeta<string>(db, 'cursor')) ?? null;
      let response: SyncResponse;
      try {
        response = await transport.sync({ deviceId: await this.#deviceId(), campaignId, mutations: batch.map(toPushed), cursor });
      } catch (error) {
        if (error instanceof SyncError && error.kind === 'DEVICE_TAKEN') {
          await this.#startOverAsNewDevice();
          continue;
        }
        throw error;
      }
      await this.#applyAnswers(batch, response);
      const { pull } = response;
      if (pull.resetRequired) {
        await db.clear('server');
        await setMeta(db, 'cursor', null);
        continue;
      }
      const oldest = pending[0]?.seq;
      if (response.expectedSeq !== null && oldest !== undefined && response.expectedSeq < oldest) {
        await this.#startOverAsNewDevice();
        continue;
      }
      const more = pending.length > batch.length || pull.hasMore || response.expectedSeq !== null;
      if (!more) return;
    }
  }

  async #applyAnswers(batch: OutboxEntry[], response: SyncResponse): Promise<void> {
    const { db } = this.#o;
    const bySeq = new Map(batch.map((e) => [e.seq, e]));
    const tx = db.transaction(['outbox', 'confirmed', 'server', 'meta'], 'readwrite');
    const confirm = async (entry: OutboxEntry, status: 'APPLIED' | 'DUPLICATE') => {
      await tx.objectStore('outbox').delete(entry.seq);
      await tx.objectStore('confirmed').put({ mutationId: entry.mutationId, name: entry.name, status, serverTime: response.serverTime });
    };
    for (const seq of response.appliedSeqs) {
      const entry = bySeq.get(seq);
      if (entry) await confirm(entry, 'APPLIED');
    }
    for (const result of response.otherResults) {
      const entry = bySeq.get(result.seq);
      if (!entry || entry.mutationId !== result.mutationId) continue;
      if (result.status === 'REJECTED') {
        await tx.objectStore('outbox').put({ ...entry, state: 'REJECTED', rejection: { code: result.code ?? 'REJECTED', message: result.message ?? 'Geweigerd door de server.' } });
      } else await confirm(entry, result.status);
    }
    if (response.pull.changes.some((change) => CAMPAIGN_DATA.has(change.entityType))) await tx.objectStore('meta').put({ key: 'campaignChanged', value: true });
    for (const change of response.pull.changes) {
      const key = `${change.entityType}:${change.entityId}`;
      if (change.op === 'DELETE') await tx.objectStore('server').delete(key);
      else await tx.objectStore('server').put({ key, entityType: change.entityType, entityId: change.entityId, data: change.data, seq: change.seq });
    }
    if (!response.pull.resetRequired) await tx.objectStore('meta').put({ key: 'cursor', value: response.pull.cursor });
    await tx.objectStore('meta').put({ key: 'lastConfirmedSync', value: response.serverTime });
    await tx.done;
  }
}

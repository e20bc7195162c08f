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
import { nextBatch, SyncError, type Transport } from './transport';

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

/**
 * How long confirmed entries stay on the device, whole, after the server confirmed them
 * (server time). Within this time a restore of the server from a backup loses nothing the
 * phone sent: the phone notices (the server's lastSeq is below what it confirmed before)
 * and sends them again; ids make sure nothing counts twice.
 */
export const KEEP_CONFIRMED_MS = 30 * 86_400_000;

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
      if (photo.refusal) continue; // waits for the person: retry or leave it out
      try {
        const stored = await transport.uploadPhoto(photo.id, photo.bytes, photo.sha256);
        // The bytes leave the device only once the server holds exactly these bytes.
        if (stored.sha256 === photo.sha256) await db.delete('photos', photo.id);
      } catch (error) {
        // A refusal concerns this photo only: keep it for the person and go on, so the
        // other photos and the outbox (the finding itself) are still sent.
        if (error instanceof SyncError && error.kind === 'REFUSED') await db.put('photos', { ...photo, refusal: { code: error.code ?? 'REFUSED', message: error.message } });
        else throw error;
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
   * The server has lost its place for this device: it knows it only up to `serverLastSeq`
   * (restored from a backup, or the device lost entries of its own), or the device id is
   * someone else's (`serverLastSeq` null). Continue as a new device: what the server lost
   * of the confirmed entries kept here, then everything still pending, numbered from 1.
   * Record ids stay the same, so the server counts nothing twice. Refused entries keep
   * their place for the person; they hold no seq, so they cannot open a gap.
   */
  async #startOverAsNewDevice(serverLastSeq: number | null): Promise<void> {
    const { db } = this.#o;
    const tx = db.transaction(['outbox', 'confirmed', 'meta'], 'readwrite');
    const oldDevice = (await tx.objectStore('meta').get('deviceId'))?.value;
    const bySeq = (a: { seq: number }, b: { seq: number }) => a.seq - b.seq;
    // Entries confirmed by an app version before this one were not kept whole (no args).
    const lost = serverLastSeq === null ? [] : (await tx.objectStore('confirmed').getAll()).filter((c) => c.deviceId === oldDevice && c.seq > serverLastSeq && c.args !== undefined).sort(bySeq);
    const pending = (await tx.objectStore('outbox').index('byState').getAll('PENDING')).sort(bySeq);
    for (const entry of lost) await tx.objectStore('confirmed').delete(entry.mutationId);
    for (const entry of pending) await tx.objectStore('outbox').delete(entry.mutationId);
    const resend: OutboxEntry[] = [...lost.map(({ deviceId: _d, status: _s, serverTime: _t, ...entry }) => ({ ...entry, state: 'PENDING' as const })), ...pending];
    for (const [index, entry] of resend.entries()) await tx.objectStore('outbox').add({ ...entry, seq: index + 1, mutationId: uuidv7() });
    await tx.objectStore('meta').put({ key: 'nextSeq', value: resend.length + 1 });
    await tx.objectStore('meta').put({ key: 'deviceId', value: uuidv7() });
    await tx.objectStore('meta').put({ key: 'ackedSeq', value: 0 });
    await tx.done;
  }

  async #pushAndPull(): Promise<void> {
    const { db, transport, campaignId } = this.#o;
    let startedOver = false;
    const startOver = async (serverLastSeq: number | null) => {
      // Once per round at most: a server that keeps losing our place is a fault to wait out
      // with backoff, not a reason to send everything again and again.
      if (startedOver) throw new SyncError('RETRY', 'De server kent dit apparaat niet meer. Later opnieuw.');
      startedOver = true;
      await this.#startOverAsNewDevice(serverLastSeq);
    };
    for (let round = 0; round < 1000; round++) {
      const pending = (await db.getAllFromIndex('outbox', 'byState', 'PENDING')).sort((a, b) => a.seq - b.seq);
      const batch = nextBatch(pending.map(upcast));
      const cursor = (await getMeta<string>(db, 'cursor')) ?? null;
      const deviceId = await this.#deviceId();
      let response: SyncResponse;
      try {
        response = await transport.sync({ deviceId, campaignId, mutations: batch.pushed, cursor });
      } catch (error) {
        if (error instanceof SyncError && error.kind === 'DEVICE_TAKEN') {
          await startOver(null);
          continue;
        }
        throw error;
      }
      const { lostPlace } = await this.#applyAnswers(batch.entries, response, deviceId);
      const { pull } = response;
      if (pull.resetRequired) {
        await db.clear('server');
        await setMeta(db, 'cursor', null);
      }
      const oldest = pending[0]?.seq;
      if (lostPlace || (response.expectedSeq !== null && oldest !== undefined && response.expectedSeq < oldest)) {
        await startOver(response.lastSeq);
        continue;
      }
      const more = pull.resetRequired || pending.length > batch.entries.length || pull.hasMore || response.expectedSeq !== null;
      if (!more) return;
    }
  }

  /**
   * Applies one answer in one transaction: confirmed entries move from the outbox to the
   * confirmed store (kept whole for KEEP_CONFIRMED_MS), refusals stay for the person,
   * pulled changes are stored. Tells whether the server lost its place: its lastSeq for
   * this device is below one it confirmed before.
   */
  async #applyAnswers(batch: OutboxEntry[], response: SyncResponse, deviceId: string): Promise<{ lostPlace: boolean }> {
    const { db } = this.#o;
    const bySeq = new Map(batch.map((e) => [e.seq, e]));
    const tx = db.transaction(['outbox', 'confirmed', 'server', 'meta'], 'readwrite');
    const confirm = async (entry: OutboxEntry, status: 'APPLIED' | 'DUPLICATE') => {
      const { state: _state, rejection: _rejection, ...whole } = entry;
      await tx.objectStore('outbox').delete(entry.mutationId);
      await tx.objectStore('confirmed').put({ ...whole, deviceId, status, serverTime: response.serverTime });
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
    const ackedSeq = ((await tx.objectStore('meta').get('ackedSeq'))?.value as number | undefined) ?? 0;
    const lostPlace = response.lastSeq < ackedSeq;
    if (!lostPlace) await tx.objectStore('meta').put({ key: 'ackedSeq', value: response.lastSeq });
    const keepFrom = new Date(Date.parse(response.serverTime) - KEEP_CONFIRMED_MS).toISOString();
    for (const key of await tx.objectStore('confirmed').index('byServerTime').getAllKeys(IDBKeyRange.upperBound(keepFrom, true))) await tx.objectStore('confirmed').delete(key);
    if (response.pull.changes.some((change) => CAMPAIGN_DATA.has(change.entityType))) await tx.objectStore('meta').put({ key: 'campaignChanged', value: true });
    for (const change of response.pull.changes) {
      const key = `${change.entityType}:${change.entityId}`;
      if (change.op === 'DELETE') await tx.objectStore('server').delete(key);
      else await tx.objectStore('server').put({ key, entityType: change.entityType, entityId: change.entityId, data: change.data, seq: change.seq });
    }
    if (!response.pull.resetRequired) await tx.objectStore('meta').put({ key: 'cursor', value: response.pull.cursor });
    await tx.objectStore('meta').put({ key: 'lastConfirmedSync', value: response.serverTime });
    await tx.done;
    return { lostPlace };
  }
}

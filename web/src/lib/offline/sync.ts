/**
 * The sync engine: one tab at a time (Web Locks), it uploads photos, pushes the outbox
 * in seq order and pulls what changed, for each membership with its own token (see
 * membership.ts; what it writes after an answer is in sync-answers.ts). It runs on start, when the browser comes online,
 * when the app becomes visible, shortly after each local write and on a timer; after a
 * failure it backs off exponentially with jitter (up to 5 minutes), and it never gives up
 * on or expires an entry: only the server's answer removes one.
 */
import { v7 as uuidv7 } from 'uuid';
import { getMeta, setMeta } from './idb';
import { channelKey, type SyncChannel } from './membership';
import { upcast } from './outbox';
import { applyAnswers, startOverAsNewDevice } from './sync-answers';
import type { SyncResponse } from '@buurtkracht/protocol/sync-protocol';
import { withDefaults, type ResolvedOptions, type SyncEngineOptions } from './sync-options';
import { nextBatch, SyncError } from './transport';

export type { SyncEngineOptions } from './sync-options';

export const MAX_BACKOFF_MS = 5 * 60_000;
/** The Web Lock that lets one tab at a time send this phone's data. */
const SYNC_LOCK = 'buurtkracht-sync';
export const UNEXPECTED_FAILURE = 'Versturen lukte niet. De app probeert het zo opnieuw.';
const BASE_BACKOFF_MS = 2_000;

export type SyncOutcome = 'done' | 'skipped' | 'failed';

export class SyncEngine {
  readonly #o: ResolvedOptions;
  #failures = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #writeTimer: ReturnType<typeof setTimeout> | undefined;
  #interval: ReturnType<typeof setInterval> | undefined;
  #running: Promise<SyncOutcome> | null = null;
  #again = false;
  #disposed = false;

  constructor(options: SyncEngineOptions) {
    this.#o = withDefaults(options);
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

  /**
   * Starts a round, or, while one runs, asks for one more after it: a write made after the
   * running round read the outbox is then sent straight away, not a minute later.
   */
  syncNow(): Promise<SyncOutcome> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#o.locks
      .request(SYNC_LOCK, { ifAvailable: true }, async (lock) => (lock ? this.#run() : ('skipped' as const)))
      .then((outcome) => (outcome === 'skipped' ? this.#afterOtherTab() : outcome))
      .finally(() => {
        this.#running = null;
        if (this.#again && !this.#disposed) {
          this.#again = false;
          void this.syncNow();
        }
      });
    return this.#running;
  }

  /**
   * Another tab of the app is sending this phone's data: once it is done, show what it
   * did (the status is this tab's own; it would otherwise say "not sent" until this tab's
   * next round, a minute later).
   */
  async #afterOtherTab(): Promise<'skipped'> {
    const { db, status, locks } = this.#o;
    await locks.request(SYNC_LOCK, { ifAvailable: false }, () => status.refresh(db));
    this.#o.onSynced?.();
    return 'skipped';
  }

  async #run(): Promise<SyncOutcome> {
    const { db, status } = this.#o;
    status.syncing = true;
    try {
      // Each membership on its own: one that fails (a revoked token, say) holds up none of
      // the others; the first failure is reported when all have had their turn.
      const failures: unknown[] = [];
      await this.#uploadPhotos(failures);
      await this.#syncMemberships(failures);
      // Also when one membership failed: the others' new days and streets still come in.
      await this.#refreshCampaignIfChanged();
      if (failures.length > 0) throw failures[0];
      this.#failures = 0;
      status.lastError = null;
      status.needsSignIn = false;
      return 'done';
    } catch (error) {
      // Anything else (an IndexedDB transaction aborted when the page was frozen, a bug) is
      // shown in words the person can read, and tried again like a lost connection.
      const problem = error instanceof SyncError ? error : new SyncError('RETRY', UNEXPECTED_FAILURE);
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

  async #uploadPhotos(failures: unknown[]): Promise<void> {
    const { db, transport } = this.#o;
    const tokens = new Map((await this.#o.channels()).map((c) => [c.id, c.token]));
    const failed = new Set<string>();
    for (const photo of await db.getAll('photos')) {
      if (photo.refusal) continue; // waits for the person: retry or leave it out
      // Uploaded by the membership that took it, so the server sees the finding's recorder.
      const token = tokens.get(photo.membership);
      if (token === undefined || failed.has(photo.membership)) continue;
      try {
        const stored = await transport.uploadPhoto(photo.id, photo.bytes, photo.sha256, token);
        // The bytes leave the device only once the server holds exactly these bytes.
        if (stored.sha256 === photo.sha256) await db.delete('photos', photo.id);
      } catch (error) {
        // A refusal concerns this photo only: keep it for the person and go on, so the
        // other photos and the outbox (the finding itself) are still sent.
        if (error instanceof SyncError && error.kind === 'REFUSED') await db.put('photos', { ...photo, refusal: { code: error.code ?? 'REFUSED', message: error.message } });
        else {
          failed.add(photo.membership);
          failures.push(error);
        }
      }
    }
  }

  async #refreshCampaignIfChanged(): Promise<void> {
    const { db, onCampaignChanged } = this.#o;
    if (!onCampaignChanged) return;
    for (const channel of await this.#o.channels()) {
      const changed = channelKey(channel.id, 'campaignChanged');
      if (!(await getMeta<boolean>(db, changed))) continue;
      try {
        await onCampaignChanged(channel.id);
        await setMeta(db, changed, false);
      } catch {
        // The flag stays: the next round asks again. What was sent is confirmed already.
      }
    }
  }

  async #deviceId(membership: string): Promise<string> {
    const key = channelKey(membership, 'deviceId');
    const existing = await getMeta<string>(this.#o.db, key);
    if (existing) return existing;
    const id = uuidv7();
    await setMeta(this.#o.db, key, id);
    return id;
  }

  /**
   * Runs every membership that has something to do: those that pull always, others while
   * entries of theirs wait or while confirmed entries of theirs are kept (so a restore of
   * the server is noticed for them too).
   */
  async #syncMemberships(failures: unknown[]): Promise<void> {
    const { db, onRevoked } = this.#o;
    const pending = new Set((await db.getAllFromIndex('outbox', 'byState', 'PENDING')).map((e) => e.membership));
    const waiting = new Set(pending);
    for (const kept of await db.getAll('confirmed')) waiting.add(kept.membership);
    for (const channel of await this.#o.channels()) {
      if (!channel.pull && !waiting.has(channel.id)) continue;
      try {
        await this.#pushAndPull(channel);
      } catch (error) {
        const revoked = error instanceof SyncError && error.kind === 'AUTH' && onRevoked !== undefined;
        if (revoked) await onRevoked(channel.id);
        // Work that cannot be sent is the person's to see; a membership that only pulled is done.
        if (!revoked || pending.has(channel.id)) failures.push(error);
      }
    }
  }

  async #pushAndPull(channel: SyncChannel): Promise<void> {
    const { db, transport, campaignId } = this.#o;
    let startedOver = false;
    const startOver = async (serverLastSeq: number | null) => {
      // Once per round at most: a server that keeps losing our place is a fault to wait out
      // with backoff, not a reason to send everything again and again.
      if (startedOver) throw new SyncError('RETRY', 'De server kent dit apparaat niet meer. Later opnieuw.');
      startedOver = true;
      await startOverAsNewDevice(db, channel.id, serverLastSeq);
    };
    for (let round = 0; round < 1000; round++) {
      const pending = (await db.getAllFromIndex('outbox', 'byState', 'PENDING')).filter((e) => e.membership === channel.id).sort((a, b) => a.seq - b.seq);
      const batch = nextBatch(pending.map(upcast));
      const cursor = (await getMeta<string>(db, channelKey(channel.id, 'cursor'))) ?? null;
      const deviceId = await this.#deviceId(channel.id);
      let response: SyncResponse;
      try {
        response = await transport.sync({ deviceId, campaignId: channel.id || campaignId, mutations: batch.pushed, cursor }, channel.token);
      } catch (error) {
        if (error instanceof SyncError && error.kind === 'DEVICE_TAKEN') {
          await startOver(null);
          continue;
        }
        throw error;
      }
      const { lostPlace } = await applyAnswers(db, channel.id, batch.entries, response, deviceId);
      const oldest = pending[0]?.seq;
      if (lostPlace || (response.expectedSeq !== null && oldest !== undefined && response.expectedSeq < oldest)) {
        await startOver(response.lastSeq);
        continue;
      }
      const { pull } = response;
      const more = pull.resetRequired || pending.length > batch.entries.length || pull.hasMore || response.expectedSeq !== null;
      if (!more) return;
    }
  }
}

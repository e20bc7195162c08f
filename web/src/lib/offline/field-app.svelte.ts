/**
 * The field app on this device: its database, the joined campaign, the sync engine and
 * its status. Pages write field work only through `write`, which stores it on the device
 * first and lets the engine send it.
 */
import { gql } from '../graphql/client';
import { loadJoined, loadMemberships, saveJoined, snapshotOutdated, type JoinedCampaign } from './field-store';
import { openDatabase, setMeta, type Db } from './idb';
import { discardRejected, dropPhoto, recordLocally, retryPhoto, retryRejected, storePhoto, type FieldWrite } from './outbox';
import type { SyncEngine } from './sync';
import { SyncStatus } from './sync-status.svelte';

export interface JoinForm {
  code: string;
  displayName: string;
  contact: string | null;
  contactConsent: boolean;
  showNameInRankings: boolean;
}

class FieldApp {
  status = new SyncStatus();
  joined = $state<JoinedCampaign | null>(null);
  ready = $state(false);
  /** Raised after every local write and sync round: views recompute from the database. */
  version = $state(0);
  #db: Db | null = null;
  #engine: SyncEngine | null = null;
  #stopEngine: (() => void) | null = null;
  #init: Promise<void> | null = null;

  init(): Promise<void> {
    this.#init ??= (async () => {
      this.#db = await openDatabase();
      this.joined = (await loadJoined(this.#db)) ?? null;
      if (this.joined && snapshotOutdated(this.joined.campaign)) await setMeta(this.#db, 'campaignChanged', true);
      await this.status.refresh(this.#db);
      this.ready = true;
      if (this.joined) await this.#startEngine();
    })();
    return this.#init;
  }

  get db(): Db {
    if (!this.#db) throw new Error('FieldApp.init() first');
    return this.#db;
  }

  /**
   * The sync engine and its transport load with the first activity joined: someone who
   * has not joined yet (the invite screen) does not need them.
   */
  async #startEngine(): Promise<void> {
    const [{ SyncEngine }, { createHttpTransport }] = await Promise.all([import('./sync'), import('./transport')]);
    this.#stopEngine?.();
    this.#engine = new SyncEngine({
      db: this.db,
      status: this.status,
      transport: createHttpTransport({ token: () => this.joined?.token ?? null }),
      channels: async () => {
        const shown = this.joined?.campaign.id;
        return (await loadMemberships(this.db)).map((m) => ({ id: m.campaign.id, token: m.token, pull: m.campaign.id === shown }));
      },
      onSynced: () => this.version++,
      onCampaignChanged: () => this.#refreshCampaign(),
    });
    this.#stopEngine = this.#engine.start();
  }

  /**
   * Joins online: the invite gives a device token, then the campaign is kept for offline use.
   * The queries for this (and for refreshing the campaign) load only when needed: every
   * field screen carries this class, and they are rarely used.
   */
  async join(form: JoinForm): Promise<JoinedCampaign> {
    await this.init();
    const { JOIN_CAMPAIGN } = await import('../graphql/field-operations');
    const { fetchCampaignSnapshot } = await import('../graphql/campaign-snapshot');
    const { joinCampaign } = await gql<{ joinCampaign: { token: string; participant: JoinedCampaign['participant']; campaign: { id: string } } }>(JOIN_CAMPAIGN, { input: form });
    const campaign = await fetchCampaignSnapshot(gql, joinCampaign.campaign.id, joinCampaign.token);
    const joined: JoinedCampaign = { token: joinCampaign.token, participant: joinCampaign.participant, campaign, joinedAt: new Date().toISOString() };
    await saveJoined(this.db, joined);
    this.joined = joined;
    // Ask the browser not to clear this site's storage under pressure (Safari after 7 days).
    await navigator.storage?.persist?.().catch(() => false);
    await this.#startEngine();
    return joined;
  }

  /** Fetches the campaign again (new days, streets, spots) and keeps it for offline use. */
  async #refreshCampaign(): Promise<void> {
    const joined = this.joined;
    if (!joined) return;
    const { fetchCampaignSnapshot } = await import('../graphql/campaign-snapshot');
    const campaign = await fetchCampaignSnapshot(gql, joined.campaign.id, joined.token);
    const updated: JoinedCampaign = { ...$state.snapshot(joined), campaign };
    await saveJoined(this.db, updated);
    this.joined = updated;
  }

  /** Field work belongs to the activity shown when it is recorded, and is sent with its token. */
  #membership(): string {
    if (!this.joined) throw new Error('join an activity first');
    return this.joined.campaign.id;
  }

  async write(write: FieldWrite): Promise<void> {
    // Pages pass reactive state; IndexedDB can store only plain data.
    await recordLocally(this.db, { ...($state.snapshot(write) as FieldWrite), membership: this.#membership() });
    this.version++;
    if (this.#engine) this.#engine.notifyLocalWrite();
    else await this.status.refresh(this.db);
  }

  /** Keeps a photo's bytes on the device until the server has them; returns its id. */
  async addPhoto(bytes: ArrayBuffer): Promise<string> {
    const id = await storePhoto(this.db, bytes, this.#membership());
    await this.status.refresh(this.db);
    return id;
  }

  /** A refused entry back in line, by its mutationId. */
  async retry(mutationId: string): Promise<void> {
    await retryRejected(this.db, mutationId);
    this.version++;
    void this.#engine?.syncNow();
  }

  /** A refused entry thrown away, as the person chose. */
  async discard(mutationId: string): Promise<void> {
    await discardRejected(this.db, mutationId);
    this.version++;
    await this.status.refresh(this.db);
  }

  /** A refused photo sent again with the next round. */
  async retryPhoto(id: string): Promise<void> {
    await retryPhoto(this.db, id);
    void this.#engine?.syncNow();
  }

  /** A refused photo left out: its finding goes without it. */
  async dropPhoto(id: string): Promise<void> {
    await dropPhoto(this.db, id);
    await this.status.refresh(this.db);
  }

  syncNow(): void {
    void this.#engine?.syncNow();
  }
}

export const fieldApp = new FieldApp();

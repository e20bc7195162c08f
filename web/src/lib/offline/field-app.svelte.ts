/**
 * The field app on this device: its database, the activities joined on it (memberships;
 * one of them shown), the sync engine and its status. Pages write field work only through
 * `write`, which stores it on the device first, under the shown activity, and lets the
 * engine send it.
 */
import { hasReceivedTransfer, isListed, loadJoined, loadMemberships, markOutdatedSnapshots, saveJoined, updateMembership, withoutSignupPlace, type JoinedCampaign } from './field-store';
import { openDatabase, type Db } from './idb';
import { onlineStatus } from './online-status.svelte';
import { abortTransactionsWhenFrozen } from './page-cache';
import type { JoinForm, SignupJoin } from './join-online';
import type { FieldWrite } from './outbox';
import type { SyncEngine } from './sync';
import { SyncStatus } from './sync-status.svelte';
import { TransferWindow } from './transfer-window.svelte';

/*
 * What no field screen needs to open (joining, moving phones, follow-up, leaving an
 * activity, writing work, the GraphQL client) loads on first use, each in a chunk of its own: every field screen carries
 * this class, and the counter should open with as little JavaScript as it can. The service
 * worker precaches every built chunk (globPatterns in web/vite.config.ts), so they load
 * offline just the same.
 */
const deviceTransfer = () => import('./device-transfer');
const followUp = () => import('./follow-up');
const leaving = () => import('./leave-activity');
const outbox = () => import('./outbox');
const graphqlClient = async () => (await import('../graphql/client')).gql;

class FieldApp {
  status = new SyncStatus();
  /** The activity shown: field work is recorded under it. */
  joined = $state<JoinedCampaign | null>(null);
  /** Every activity on this phone that the person has not left, newest first. */
  memberships = $state<JoinedCampaign[]>([]);
  ready = $state(false);
  /** Raised after every local write and sync round: views recompute from the database. */
  version = $state(0);
  #db: Db | null = null;
  #engine: SyncEngine | null = null;
  #stopEngine: (() => void) | null = null;
  #init: Promise<void> | null = null;
  #transferWindow = new TransferWindow();

  init(): Promise<void> {
    this.#init ??= (async () => {
      this.#db = await openDatabase();
      if (typeof window !== 'undefined') abortTransactionsWhenFrozen(this.#db, () => void this.#restored());
      await markOutdatedSnapshots(this.#db);
      await this.#reload();
      await this.#transferWindow.restore(this.#db);
      await this.status.refresh(this.#db);
      this.ready = true;
      // Activities received by transfer whose campaigns could not be fetched yet count too:
      // the engine's rounds are what fetch them (see #afterRound).
      if (this.memberships.length > 0 || (await hasReceivedTransfer(this.#db))) await this.#startEngine();
    })();
    return this.#init;
  }

  get db(): Db {
    if (!this.#db) throw new Error('FieldApp.init() first');
    return this.#db;
  }

  /** Back from the back/forward cache: read what is stored again, and send what waits. */
  async #restored(): Promise<void> {
    await this.#reload();
    await this.status.refresh(this.db);
    this.version++;
    this.syncNow();
  }

  async #reload(): Promise<void> {
    this.joined = (await loadJoined(this.db)) ?? null;
    this.memberships = (await loadMemberships(this.db)).filter(isListed).sort((a, b) => (a.joinedAt < b.joinedAt ? 1 : -1));
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
      transport: createHttpTransport({ token: () => this.joined?.token ?? null, onServerReached: (reached) => onlineStatus.serverReached(reached) }),
      // Every activity still on the phone pulls (its findings' follow-up, its totals); a
      // left or revoked one only sends what waits, and checks what it sent.
      channels: async () => (await loadMemberships(this.db)).map((m) => ({ id: m.campaign.id, token: m.token, pull: isListed(m) && !m.revokedAt })),
      // One after another: two at once would each fetch and link the same things.
      onSynced: () => void (this.#afterRounds = this.#afterRounds.then(() => this.#afterRound()).catch(() => undefined)),
      onCampaignChanged: (membership) => this.#refreshCampaign(membership),
      onRevoked: (membership) => this.#markRevoked(membership),
    });
    this.#stopEngine = this.#engine.start();
  }

  /** Joins online with an invite (join-online.ts) and shows the activity joined. */
  async join(form: JoinForm): Promise<JoinedCampaign> {
    await this.init();
    return this.#joined(await (await import('./join-online')).joinOnline(this.db, form));
  }

  /** Joins online with a sign-up's personal link, as `join` does with an invite. */
  async joinWithSignup(join: SignupJoin): Promise<JoinedCampaign> {
    await this.init();
    return this.#joined(await (await import('./join-online')).joinWithSignupOnline(this.db, join));
  }

  async #joined(joined: JoinedCampaign): Promise<JoinedCampaign> {
    await this.#reload();
    askToKeepStorage();
    await this.#startEngine();
    return joined;
  }

  /** Fetches a membership's campaign again (new days, streets, spots) and keeps it for offline use. */
  async #refreshCampaign(membership: string): Promise<void> {
    const current = (await loadMemberships(this.db)).find((m) => m.campaign.id === membership);
    if (!current || !isListed(current) || current.revokedAt) return;
    const { fetchCampaignSnapshot } = await import('../graphql/campaign-snapshot');
    const campaign = await fetchCampaignSnapshot(await graphqlClient(), membership, current.token);
    await updateMembership(this.db, membership, (latest) => ({ ...latest, campaign }));
    await this.#reload();
  }

  async #markRevoked(membership: string): Promise<void> {
    // Nothing can be counted under it any more, so the sign-up's address need not stay either.
    await updateMembership(this.db, membership, (latest) => ({ ...withoutSignupPlace(latest), revokedAt: latest.revokedAt ?? new Date().toISOString() }));
    // Work recorded under it could never be sent: show another activity of the same kind.
    const shown = await loadJoined(this.db);
    if (shown?.campaign.id === membership) {
      const other = (await loadMemberships(this.db)).find((m) => isListed(m) && !m.revokedAt && m.campaign.kind === shown.campaign.kind);
      if (other) await saveJoined(this.db, other);
    }
    await this.#reload();
  }

  #afterRounds: Promise<void> = Promise.resolve();

  async #afterRound(): Promise<void> {
    const [{ forgetFinishedActivities }, { linkMembershipsToKey }, gql] = await Promise.all([leaving(), followUp(), graphqlClient()]);
    await forgetFinishedActivities(this.db);
    // Work of the network that may fail offline: each is tried again after the next round.
    await this.#adoptReceived().catch(() => undefined);
    await linkMembershipsToKey(this.db, gql).catch(() => undefined);
    await this.refreshFollowUp().catch(() => undefined);
    await this.#reload();
    this.version++;
  }

  async #adoptReceived(): Promise<void> {
    const [{ fetchCampaignSnapshot }, { adoptReceived }, gql] = await Promise.all([import('../graphql/campaign-snapshot'), deviceTransfer(), graphqlClient()]);
    if ((await adoptReceived(this.db, gql, fetchCampaignSnapshot)).length > 0) await this.#reload();
  }

  /** Asks what happened with this phone's findings (follow-up.ts), at most every few minutes unless `force`d. */
  async refreshFollowUp(force = false): Promise<void> {
    const [{ refreshFollowedFindings }, gql] = await Promise.all([followUp(), graphqlClient()]);
    if (await refreshFollowedFindings(this.db, gql, { force })) this.version++;
  }

  /** What the follow-up keys last told, for Mijn bevindingen. */
  async followedFindings() {
    return (await followUp()).loadFollowedFindings(this.db);
  }

  /**
   * A one-time code to move this phone's activities to a new phone. Refused
   * (UnsentWorkError) while anything on this phone has not reached the server.
   */
  async startTransfer() {
    const [{ startTransfer, unsentOnDevice }, { linkMembershipsToKey }, { UnsentWorkError }, gql] = await Promise.all([deviceTransfer(), followUp(), leaving(), graphqlClient()]);
    const unsent = await unsentOnDevice(this.db);
    if (unsent > 0) throw new UnsentWorkError(unsent);
    await linkMembershipsToKey(this.db, gql);
    const code = await startTransfer(this.db, gql);
    await this.#transferWindow.open(this.db, code.expiresAt);
    return code;
  }

  /** Until when an open transfer code keeps this phone from recording (null: none open). */
  get transferOpenUntil(): string | null {
    return this.#transferWindow.openUntil;
  }

  /**
   * Why the shown activity cannot take new work now, or null when it can: its token no
   * longer works (what is recorded could never be sent), or a transfer code is open.
   */
  get recordingBlocked(): 'revoked' | 'transferOpen' | null {
    if (this.joined?.revokedAt) return 'revoked';
    return this.transferOpenUntil ? 'transferOpen' : null;
  }

  /** Redeems a transfer code on this (new) phone; answers the activities received. */
  async completeTransfer(code: string): Promise<JoinedCampaign[]> {
    await this.init();
    const [{ adoptReceived, completeTransfer }, gql] = await Promise.all([deviceTransfer(), graphqlClient()]);
    await completeTransfer(this.db, gql, code);
    const { fetchCampaignSnapshot } = await import('../graphql/campaign-snapshot');
    const received = await adoptReceived(this.db, gql, fetchCampaignSnapshot).catch(() => []);
    await this.#reload();
    askToKeepStorage();
    await this.#startEngine();
    return received;
  }

  /** Shows another activity on this phone: the counter and the walk open in it. */
  async show(campaignId: string): Promise<void> {
    const membership = this.memberships.find((m) => m.campaign.id === campaignId);
    if (!membership) return;
    await saveJoined(this.db, $state.snapshot(membership) as JoinedCampaign);
    await this.#reload();
  }

  /**
   * Shows an activity of one of these kinds (the counter opens a tegelwip or clean-up
   * action, the walk a schouw): the shown one when it is of such a kind, else the newest
   * one still open.
   */
  async showKind(...kinds: JoinedCampaign['campaign']['kind'][]): Promise<void> {
    await this.init();
    if (this.joined && kinds.includes(this.joined.campaign.kind) && !this.joined.revokedAt) return;
    const candidates = this.memberships.filter((m) => kinds.includes(m.campaign.kind) && !m.revokedAt);
    const best = candidates.find((m) => m.campaign.status !== 'CLOSED') ?? candidates[0];
    if (best) await this.show(best.campaign.id);
  }

  /** Entries and photos of an activity that have not reached the server (waiting or refused). */
  async unsentCount(campaignId: string): Promise<number> {
    return (await leaving()).unsentOf(this.db, campaignId);
  }

  /**
   * Takes an activity off this phone. Refused (UnsentWorkError) while work of it has not
   * reached the server, unless the person chose to throw that much work away.
   */
  async leave(campaignId: string, options: { discardUnsent?: number } = {}): Promise<void> {
    await (await leaving()).leaveActivity(this.db, campaignId, options);
    await this.#reload();
    this.version++;
    await this.status.refresh(this.db);
  }

  /** Field work belongs to the activity shown when it is recorded, and is sent with its token. */
  #membership(): string {
    if (!this.joined) throw new Error('join an activity first');
    return this.joined.campaign.id;
  }

  async write(write: FieldWrite): Promise<void> {
    if (this.recordingBlocked) throw new Error(`recording blocked: ${this.recordingBlocked}`);
    // Pages pass reactive state; IndexedDB can store only plain data.
    await (await outbox()).recordLocally(this.db, { ...($state.snapshot(write) as FieldWrite), membership: this.#membership() });
    this.version++;
    if (this.#engine) this.#engine.notifyLocalWrite();
    else await this.status.refresh(this.db);
  }

  /** Keeps a photo's bytes on the device until the server has them; returns its id. */
  async addPhoto(bytes: ArrayBuffer): Promise<string> {
    if (this.recordingBlocked) throw new Error(`recording blocked: ${this.recordingBlocked}`);
    const id = await (await outbox()).storePhoto(this.db, bytes, this.#membership());
    await this.status.refresh(this.db);
    return id;
  }

  syncNow(): void {
    void this.#engine?.syncNow();
  }
}

export const fieldApp = new FieldApp();

/**
 * Asks the browser not to clear this site's storage under pressure (Safari does after 7
 * days without a visit). Not awaited: Firefox answers only after the person answered its
 * permission question, and joining must not wait for that (WebKitGTK has no
 * navigator.storage at all).
 */
function askToKeepStorage(): void {
  void navigator.storage?.persist?.().catch(() => false);
}

/**
 * The standings on the counter screen, kept fresh: shown at once from the device (the
 * last ones fetched, with their time), then asked from the server with the activity's own
 * token after each sync round and every minute while the screen is open and online. A
 * failed or impossible refresh keeps the last standings and says why.
 */
import { gql, GraphQLRequestError } from '../graphql/client';
import { COUNTER_STANDINGS, STANDINGS_TOP, type Standings } from '../graphql/resident-operations';
import { fieldApp } from './field-app.svelte';
import type { Db } from './idb';
import { onlineStatus } from './online-status.svelte';
import { loadStandings, saveStandings, type KeptStandings } from './standings-store';

export const STANDINGS_EVERY_MS = 60_000;
/** Sync rounds follow every tap; the standings need not. */
export const STANDINGS_AT_MOST_EVERY_MS = 10_000;

export type StandingsProblem = 'offline' | 'failed';

export interface StandingsDeps {
  db: () => Db;
  /** The activity's token, or null when the phone has none for it. */
  token: () => string | null;
  fetch: (campaignId: string, token: string) => Promise<Standings>;
  online: () => boolean;
  now?: () => number;
}

export class CounterStandings {
  kept = $state.raw<KeptStandings | null>(null);
  /** Why the standings shown are not the server's latest, or null when they are. */
  problem = $state<StandingsProblem | null>(null);
  #lastTry = -Infinity;
  #running: Promise<void> | null = null;
  #later: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly campaignId: string,
    private readonly deps: StandingsDeps,
  ) {}

  #now = () => (this.deps.now ?? Date.now)();

  /** Shows what the device kept. */
  async load(): Promise<void> {
    this.kept = (await loadStandings(this.deps.db(), this.campaignId)) ?? null;
  }

  /** Asks the server now (one request at a time) and keeps the answer on the device. */
  refresh(): Promise<void> {
    this.#running ??= this.#refresh().finally(() => (this.#running = null));
    return this.#running;
  }

  async #refresh(): Promise<void> {
    this.#lastTry = this.#now();
    const token = this.deps.token();
    if (!this.deps.online() || !token) {
      this.problem = this.deps.online() ? 'failed' : 'offline';
      return;
    }
    try {
      const standings = await this.deps.fetch(this.campaignId, token);
      const kept: KeptStandings = { campaignId: this.campaignId, standings, fetchedAt: new Date(this.#now()).toISOString() };
      await saveStandings(this.deps.db(), kept);
      this.kept = kept;
      this.problem = null;
    } catch (error) {
      this.problem = error instanceof GraphQLRequestError && error.code === 'OFFLINE' ? 'offline' : 'failed';
    }
  }

  /** After a sync round: refresh, but not more often than every ten seconds. */
  nudge(): void {
    if (this.#later) return;
    const wait = this.#lastTry + STANDINGS_AT_MOST_EVERY_MS - this.#now();
    if (wait <= 0) void this.refresh();
    else this.#later = setTimeout(() => {
      this.#later = undefined;
      void this.refresh();
    }, wait);
  }

  /** Shows the kept standings, refreshes now and every minute; returns the stop function. */
  start(): () => void {
    void this.load().then(() => this.refresh());
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') void this.refresh();
    }, STANDINGS_EVERY_MS);
    const onOnline = () => void this.refresh();
    // Said at once: what is shown will not be brought up to date for now.
    const onOffline = () => (this.problem = 'offline');
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    return () => {
      clearInterval(timer);
      clearTimeout(this.#later);
      this.#later = undefined;
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    };
  }
}

const fetchStandings = async (campaignId: string, token: string): Promise<Standings> =>
  (await gql(COUNTER_STANDINGS, { id: campaignId, top: STANDINGS_TOP }, token)).tallyDashboard;

/** The standings of an activity on this phone, asked with that activity's token. */
export const counterStandings = (campaignId: string): CounterStandings =>
  new CounterStandings(campaignId, {
    db: () => fieldApp.db,
    // A membership whose token the server stopped accepting asks no more.
    token: () => fieldApp.memberships.find((m) => m.campaign.id === campaignId && !m.revokedAt)?.token ?? null,
    fetch: fetchStandings,
    online: () => onlineStatus.online,
  });


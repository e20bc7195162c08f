/**
 * The standings on the counter screen, kept fresh: shown at once from the device (the
 * last ones fetched, with their time), then asked from the server with the activity's own
 * token after each sync round and every minute while the screen is open and online. A
 * failed or impossible refresh keeps the last standings and says why.
 */
import { gql } from '../graphql/client';
import { COUNTER_STANDINGS, STANDINGS_TOP, type Standings } from '../graphql/resident-operations';
import { fieldApp } from './field-app.svelte';
import type { Db } from './idb';
import { KeptFresh } from './kept-fresh.svelte';
import { onlineStatus } from './online-status.svelte';
import { loadStandings, saveStandings, type KeptStandings } from './standings-store';

export const STANDINGS_EVERY_MS = 60_000;
/** Sync rounds follow every tap; the standings need not. */
export const STANDINGS_AT_MOST_EVERY_MS = 10_000;

export interface StandingsDeps {
  db: () => Db;
  /** The activity's token, or null when the phone has none for it. */
  token: () => string | null;
  fetch: (campaignId: string, token: string) => Promise<Standings>;
  online: () => boolean;
  now?: () => number;
}

export class CounterStandings extends KeptFresh<KeptStandings> {
  constructor(
    readonly campaignId: string,
    private readonly deps: StandingsDeps,
  ) {
    super(deps, { atMostEveryMs: STANDINGS_AT_MOST_EVERY_MS, everyMs: STANDINGS_EVERY_MS });
  }

  protected loadKept(): Promise<KeptStandings | undefined> {
    return loadStandings(this.deps.db(), this.campaignId);
  }

  protected async fetchAndKeep(token: string): Promise<KeptStandings> {
    const standings = await this.deps.fetch(this.campaignId, token);
    const kept: KeptStandings = { campaignId: this.campaignId, standings, fetchedAt: new Date(this.now()).toISOString() };
    await saveStandings(this.deps.db(), kept);
    return kept;
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


/**
 * The walker's schouw team on the walk screen, kept fresh: shown at once from the phone
 * (the last answer, kept with the activity by team-store.ts), then asked from the server
 * with the activity's own token when the screen opens, after sync rounds (so a team
 * mate's walked spots show) and when the phone comes back online. A failed or impossible
 * refresh keeps the last answer and says why.
 */
import { MY_TEAM, type MyTeam } from '../graphql/my-team-operations';
import { fieldApp } from './field-app.svelte';
import type { Db } from './idb';
import { onlineStatus } from './online-status.svelte';
import { loadTeam, saveTeam, type KeptTeam } from './team-store';

/** Sync rounds follow every answer; the team's progress need not. */
export const TEAM_AT_MOST_EVERY_MS = 10_000;

export type TeamProblem = 'offline' | 'failed';

export interface TeamWalkDeps {
  db: () => Db;
  /** The activity's token, or null when the phone has none that works for it. */
  token: () => string | null;
  fetch: (token: string) => Promise<MyTeam | null>;
  online: () => boolean;
  now?: () => number;
}

export class TeamWalk {
  kept = $state.raw<KeptTeam | null>(null);
  /** Why the team shown is not the server's latest, or null when it is. */
  problem = $state<TeamProblem | null>(null);
  #lastTry = -Infinity;
  #running: Promise<void> | null = null;
  #later: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly campaignId: string,
    private readonly deps: TeamWalkDeps,
  ) {}

  #now = () => (this.deps.now ?? Date.now)();

  /** Shows what the phone kept. */
  async load(): Promise<void> {
    this.kept = (await loadTeam(this.deps.db(), this.campaignId)) ?? null;
  }

  /** Asks the server now (one request at a time) and keeps the answer with the activity. */
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
      const kept: KeptTeam = { team: await this.deps.fetch(token), fetchedAt: new Date(this.#now()).toISOString() };
      await saveTeam(this.deps.db(), this.campaignId, kept);
      this.kept = kept;
      this.problem = null;
    } catch (error) {
      // Read by its code: the GraphQL client loads only when the team is asked for.
      this.problem = (error as { code?: unknown } | null)?.code === 'OFFLINE' ? 'offline' : 'failed';
    }
  }

  /** After a sync round: refresh, but not more often than every ten seconds. */
  nudge(): void {
    if (this.#later) return;
    const wait = this.#lastTry + TEAM_AT_MOST_EVERY_MS - this.#now();
    if (wait <= 0) void this.refresh();
    else
      this.#later = setTimeout(() => {
        this.#later = undefined;
        void this.refresh();
      }, wait);
  }

  /** Shows the kept team and refreshes it now and whenever the phone comes online; returns the stop function. */
  start(): () => void {
    void this.load().then(() => this.refresh());
    const onOnline = () => void this.refresh();
    const onOffline = () => (this.problem = 'offline');
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    return () => {
      clearTimeout(this.#later);
      this.#later = undefined;
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    };
  }
}

/** The team of a schouw on this phone, asked with that activity's token. */
export const teamWalk = (campaignId: string): TeamWalk =>
  new TeamWalk(campaignId, {
    db: () => fieldApp.db,
    token: () => fieldApp.memberships.find((m) => m.campaign.id === campaignId && !m.revokedAt)?.token ?? null,
    // The client loads on first use, as the field app's other network work does (field-app.svelte.ts).
    fetch: async (token) => (await (await import('../graphql/client')).gql(MY_TEAM, {}, token)).myTeam,
    online: () => onlineStatus.online,
  });

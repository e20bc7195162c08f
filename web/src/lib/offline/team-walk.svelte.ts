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
import { KeptFresh } from './kept-fresh.svelte';
import { onlineStatus } from './online-status.svelte';
import { loadTeam, saveTeam, type KeptTeam } from './team-store';

/** Sync rounds follow every answer; the team's progress need not. */
export const TEAM_AT_MOST_EVERY_MS = 10_000;

export interface TeamWalkDeps {
  db: () => Db;
  /** The activity's token, or null when the phone has none that works for it. */
  token: () => string | null;
  fetch: (token: string) => Promise<MyTeam | null>;
  online: () => boolean;
  now?: () => number;
}

export class TeamWalk extends KeptFresh<KeptTeam> {
  constructor(
    readonly campaignId: string,
    private readonly deps: TeamWalkDeps,
  ) {
    super(deps, { atMostEveryMs: TEAM_AT_MOST_EVERY_MS, everyMs: null });
  }

  protected loadKept(): Promise<KeptTeam | undefined> {
    return loadTeam(this.deps.db(), this.campaignId);
  }

  protected async fetchAndKeep(token: string): Promise<KeptTeam> {
    const kept: KeptTeam = { team: await this.deps.fetch(token), fetchedAt: new Date(this.now()).toISOString() };
    await saveTeam(this.deps.db(), this.campaignId, kept);
    return kept;
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

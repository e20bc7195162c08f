/**
 * The walker's team as the server last told it, kept on the phone with the activity it
 * belongs to (the membership, next to the campaign snapshot), so that the walk screen
 * shows the team and its route without signal and the team goes when the activity goes.
 */
import type { MyTeam } from '../graphql/my-team-operations';
import { loadMemberships, updateMembership } from './field-store';
import type { Db } from './idb';

export interface KeptTeam {
  /** null: the server said this walker has no team (yet). */
  team: MyTeam | null;
  /** When the server answered (device clock: only shown, never compared with the server's). */
  fetchedAt: string;
}

export async function loadTeam(db: Db, campaignId: string): Promise<KeptTeam | undefined> {
  return (await loadMemberships(db)).find((m) => m.campaign.id === campaignId)?.team;
}

export async function saveTeam(db: Db, campaignId: string, kept: KeptTeam): Promise<void> {
  await updateMembership(db, campaignId, (latest) => ({ ...latest, team: kept }));
}

/**
 * The last standings fetched per tegelwip action (streets' places, the top participants),
 * kept on the device in the meta store so that the counter screen shows them without
 * signal, with the time they were fetched. One entry per activity, replaced on each
 * fetch: it holds only what the server showed the volunteer (names only with consent).
 */
import type { Standings } from '../graphql/resident-operations';
import { getMeta, setMeta, type Db } from './idb';

export interface KeptStandings {
  campaignId: string;
  standings: Standings;
  /** When the server answered them (device clock: it is only shown, never compared with the server's). */
  fetchedAt: string;
}

const key = (campaignId: string) => `standings:${campaignId}`;

export const loadStandings = (db: Db, campaignId: string): Promise<KeptStandings | undefined> => getMeta<KeptStandings>(db, key(campaignId));

export async function saveStandings(db: Db, kept: KeptStandings): Promise<void> {
  await setMeta(db, key(kept.campaignId), kept);
}

/** When an activity leaves the phone, its standings go with it. */
export async function forgetStandings(db: Db, campaignId: string): Promise<void> {
  await db.delete('meta', key(campaignId));
}

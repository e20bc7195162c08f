/**
 * What the field app keeps about the person and their campaign on the device: the device
 * token, the participant, and the campaign snapshot for offline use. Kept in IndexedDB
 * (meta), like everything else the offline layer stores.
 */
import type { CampaignSnapshot } from '../graphql/field-operations';
import type { Db, LocalRecord, OutboxEntry, ServerSnapshot } from './idb';
import { getMeta, setMeta } from './idb';

export interface JoinedCampaign {
  token: string;
  participant: { id: string; displayName: string; pseudonym: string };
  campaign: CampaignSnapshot;
  joinedAt: string;
}

/**
 * A campaign kept by an older app version lacks fields this version reads (checklist
 * items' signalling answers): the next sync round fetches it again, as after a change.
 */
export const snapshotOutdated = (campaign: CampaignSnapshot): boolean =>
  (campaign.checklist?.sections ?? []).some((section) => section.items.some((item) => !Array.isArray((item as { signalAnswers?: unknown }).signalAnswers)));

/** The activity the device shows now. */
export const loadJoined = (db: Db) => getMeta<JoinedCampaign>(db, 'joined');

/** Every activity joined on this device, the shown one included (see membership.ts). */
export async function loadMemberships(db: Db): Promise<JoinedCampaign[]> {
  const all = await getMeta<JoinedCampaign[]>(db, 'memberships');
  if (all) return all;
  const joined = await loadJoined(db);
  return joined ? [joined] : [];
}

/**
 * Keeps a membership (new, or refreshed) and shows it. The others stay: their unsent work
 * is still sent with their own tokens.
 */
export async function saveJoined(db: Db, joined: JoinedCampaign): Promise<void> {
  const others = (await loadMemberships(db)).filter((m) => m.campaign.id !== joined.campaign.id);
  await setMeta(db, 'memberships', [...others, joined]);
  await setMeta(db, 'joined', joined);
}

export async function localRecords(db: Db, type: LocalRecord['type']): Promise<LocalRecord[]> {
  return db.getAllFromIndex('records', 'byType', type);
}

export async function pendingEntries(db: Db): Promise<OutboxEntry[]> {
  return db.getAllFromIndex('outbox', 'byState', 'PENDING');
}

export async function serverSnapshot(db: Db, entityType: string, entityId: string): Promise<ServerSnapshot | undefined> {
  return db.get('server', `${entityType}:${entityId}`);
}

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

export const loadJoined = (db: Db) => getMeta<JoinedCampaign>(db, 'joined');
export const saveJoined = (db: Db, joined: JoinedCampaign) => setMeta(db, 'joined', joined);

export async function localRecords(db: Db, type: LocalRecord['type']): Promise<LocalRecord[]> {
  return db.getAllFromIndex('records', 'byType', type);
}

export async function pendingEntries(db: Db): Promise<OutboxEntry[]> {
  return db.getAllFromIndex('outbox', 'byState', 'PENDING');
}

export async function serverSnapshot(db: Db, entityType: string, entityId: string): Promise<ServerSnapshot | undefined> {
  return db.get('server', `${entityType}:${entityId}`);
}

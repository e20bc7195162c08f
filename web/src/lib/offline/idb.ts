/**
 * The device's database (IndexedDB via idb): everything recorded in the field lives here
 * first. Stores: outbox (field commands not yet confirmed), records (local copies to
 * show), photos (bytes until the server confirmed their hash), confirmed (recent server
 * answers), server (snapshots pulled from the server) and meta (device id, seq, cursor).
 * Only lib/offline touches it.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const DB_NAME = 'buurtkracht';
export const DB_VERSION = 1;

export type OutboxState = 'PENDING' | 'REJECTED';

export interface OutboxEntry {
  seq: number;
  mutationId: string;
  name: string;
  args: Record<string, unknown>;
  clientTime: string;
  formatVersion: number;
  state: OutboxState;
  /** Set when the server refused the entry: shown to the person, who may retry it. */
  rejection?: { code: string; message: string };
  photoIds: string[];
  createdAt: string;
}

export interface LocalRecord {
  id: string;
  type: 'tally' | 'finding';
  campaignId: string;
  data: Record<string, unknown>;
  createdAt: string;
}

export interface PhotoEntry {
  id: string;
  bytes: ArrayBuffer;
  sha256: string;
  size: number;
  createdAt: string;
}

export interface ConfirmedEntry {
  mutationId: string;
  name: string;
  status: 'APPLIED' | 'DUPLICATE';
  serverTime: string;
}

export interface ServerSnapshot {
  key: string;
  entityType: string;
  entityId: string;
  data: unknown;
  seq: number;
}

export interface MetaEntry {
  key: string;
  value: unknown;
}

export interface BuurtkrachtDB extends DBSchema {
  outbox: { key: number; value: OutboxEntry; indexes: { byState: OutboxState } };
  records: { key: string; value: LocalRecord; indexes: { byType: string } };
  photos: { key: string; value: PhotoEntry };
  confirmed: { key: string; value: ConfirmedEntry };
  server: { key: string; value: ServerSnapshot; indexes: { byType: string } };
  meta: { key: string; value: MetaEntry };
}

export type Db = IDBPDatabase<BuurtkrachtDB>;

export function openDatabase(name = DB_NAME): Promise<Db> {
  return openDB<BuurtkrachtDB>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      // Each step upgrades one version; later versions add steps and never drop data.
      if (oldVersion < 1) {
        db.createObjectStore('outbox', { keyPath: 'seq' }).createIndex('byState', 'state');
        db.createObjectStore('records', { keyPath: 'id' }).createIndex('byType', 'type');
        db.createObjectStore('photos', { keyPath: 'id' });
        db.createObjectStore('confirmed', { keyPath: 'mutationId' });
        db.createObjectStore('server', { keyPath: 'key' }).createIndex('byType', 'entityType');
        db.createObjectStore('meta', { keyPath: 'key' });
      }
    },
  });
}

export async function getMeta<T>(db: Db, key: string): Promise<T | undefined> {
  return (await db.get('meta', key))?.value as T | undefined;
}

export async function setMeta(db: Db, key: string, value: unknown): Promise<void> {
  await db.put('meta', { key, value });
}

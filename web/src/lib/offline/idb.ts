/**
 * The device's database (IndexedDB via idb): everything recorded in the field lives here
 * first. Stores: outbox (field commands not yet confirmed, and refused ones), records
 * (local copies to show), photos (bytes until the server confirmed their hash),
 * confirmed (entries the server confirmed, kept whole for a while so they can be sent
 * again if the server loses them in a restore), server (snapshots pulled from the server)
 * and meta (device id, seq, cursor). Only lib/offline touches it.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { channelKey } from './membership';

export const DB_NAME = 'buurtkracht';
export const DB_VERSION = 2;

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
  /** The membership (campaign id) it was recorded under: sent only with that token. */
  membership: string;
}

export interface LocalRecord {
  id: string;
  /**
   * 'observation': a checklist answer (older app versions stored those as 'finding' with an
   * itemId). 'questionnaire': that the questionnaire was answered on this phone (the answers
   * themselves are in the outbox entry only, until they are sent).
   */
  type: 'tally' | 'finding' | 'observation' | 'questionnaire';
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
  /** The membership it was taken under: uploaded with that token, as the finding's recorder. */
  membership: string;
  /** Set when the server refused these bytes: not sent again until the person retries. */
  refusal?: { code: string; message: string };
}

/** An outbox entry the server confirmed: whole, under the device id it was sent with. */
export interface ConfirmedEntry extends Omit<OutboxEntry, 'state' | 'rejection'> {
  deviceId: string;
  status: 'APPLIED' | 'DUPLICATE';
  /** Server time of the confirmation. */
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
  outbox: { key: string; value: OutboxEntry; indexes: { byState: OutboxState } };
  records: { key: string; value: LocalRecord; indexes: { byType: string } };
  photos: { key: string; value: PhotoEntry };
  confirmed: { key: string; value: ConfirmedEntry; indexes: { byServerTime: string } };
  server: { key: string; value: ServerSnapshot; indexes: { byType: string } };
  meta: { key: string; value: MetaEntry };
}

export type Db = IDBPDatabase<BuurtkrachtDB>;

export function openDatabase(name = DB_NAME): Promise<Db> {
  return openDB<BuurtkrachtDB>(name, DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      // Each step upgrades one version; later versions add steps and never drop data.
      // Only this transaction's requests are awaited here, so it stays open throughout.
      const untyped = db as unknown as IDBPDatabase;
      if (oldVersion < 1) {
        untyped.createObjectStore('outbox', { keyPath: 'seq' }).createIndex('byState', 'state');
        db.createObjectStore('records', { keyPath: 'id' }).createIndex('byType', 'type');
        db.createObjectStore('photos', { keyPath: 'id' });
        db.createObjectStore('confirmed', { keyPath: 'mutationId' });
        db.createObjectStore('server', { keyPath: 'key' }).createIndex('byType', 'entityType');
        db.createObjectStore('meta', { keyPath: 'key' });
      }
      if (oldVersion < 2) {
        // Version 2 keys the outbox by mutationId: a device that starts over numbers what it
        // still has to send from 1, and a refused entry must keep its place without holding
        // a seq. Confirmed entries are kept whole and pruned by server time. A device may
        // hold several memberships: what was recorded so far belongs to the one it joined,
        // and so do its device id, seq numbering and cursor.
        const meta = tx.objectStore('meta');
        const joined = (await meta.get('joined'))?.value as { campaign: { id: string } } | undefined;
        const membership = joined?.campaign.id ?? '';
        const entries = (await tx.objectStore('outbox').getAll()) as OutboxEntry[];
        untyped.deleteObjectStore('outbox');
        const outbox = db.createObjectStore('outbox', { keyPath: 'mutationId' });
        outbox.createIndex('byState', 'state');
        for (const entry of entries) await outbox.put({ ...entry, membership });
        for (const photo of await tx.objectStore('photos').getAll()) await tx.objectStore('photos').put({ ...photo, membership });
        tx.objectStore('confirmed').createIndex('byServerTime', 'serverTime');
        if (membership) {
          for (const name of ['deviceId', 'nextSeq', 'cursor'] as const) {
            const value = (await meta.get(name))?.value;
            await meta.delete(name);
            if (value !== undefined) await meta.put({ key: channelKey(membership, name), value });
          }
        }
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

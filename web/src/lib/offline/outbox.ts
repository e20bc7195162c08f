/**
 * Writing field work on the device: the local record and its outbox entry are stored in
 * one IndexedDB transaction, so there is never one without the other. Entries carry a
 * format version; entries stored by an older app are upcast before they are sent, with the
 * protocol's steps (@buurtkracht/protocol/command-formats, which the server applies too).
 */
import { currentFormatOf, upcastArgs } from '@buurtkracht/protocol/command-formats';
import { v7 as uuidv7 } from 'uuid';
import type { Db, LocalRecord, OutboxEntry } from './idb';
import { channelKey } from './membership';

/** Brings an entry stored in an older format to the current one; unknown steps leave it as is. */
export const upcast = (entry: OutboxEntry): OutboxEntry => ({ ...entry, ...upcastArgs(entry.name, entry.formatVersion, entry.args) });

export interface FieldWrite {
  name: string;
  args: Record<string, unknown>;
  record?: Omit<LocalRecord, 'createdAt'>;
  photoIds?: string[];
  /** The membership (campaign id) it is recorded under; '' on a device with one (tests). */
  membership?: string;
}

/** Stores a local record and its outbox entry atomically; returns the entry. */
export async function recordLocally(db: Db, write: FieldWrite, now = new Date()): Promise<OutboxEntry> {
  const tx = db.transaction(['outbox', 'records', 'meta'], 'readwrite');
  const meta = tx.objectStore('meta');
  const membership = write.membership ?? '';
  const nextSeq = channelKey(membership, 'nextSeq');
  const seq = (((await meta.get(nextSeq))?.value as number | undefined) ?? 1);
  const entry: OutboxEntry = {
    seq,
    mutationId: uuidv7(),
    name: write.name,
    args: write.args,
    clientTime: now.toISOString(),
    formatVersion: currentFormatOf(write.name) ?? 1,
    state: 'PENDING',
    photoIds: write.photoIds ?? [],
    createdAt: now.toISOString(),
    membership,
  };
  try {
    await meta.put({ key: nextSeq, value: seq + 1 });
    await tx.objectStore('outbox').add(entry);
    if (write.record) await tx.objectStore('records').put({ ...write.record, createdAt: now.toISOString() });
  } catch (error) {
    // A request that throws does not abort the transaction by itself; without this the
    // entry could be stored without its record.
    tx.abort();
    await tx.done.catch(() => undefined);
    throw error;
  }
  await tx.done;
  return entry;
}

/** Puts a refused entry back in line (with a new seq and mutationId, as the old ones were used). */
export async function retryRejected(db: Db, mutationId: string): Promise<void> {
  const tx = db.transaction(['outbox', 'meta'], 'readwrite');
  const entry = await tx.objectStore('outbox').get(mutationId);
  if (!entry || entry.state !== 'REJECTED') return tx.done;
  const nextSeq = channelKey(entry.membership, 'nextSeq');
  const next = ((await tx.objectStore('meta').get(nextSeq))?.value as number | undefined) ?? entry.seq + 1;
  await tx.objectStore('meta').put({ key: nextSeq, value: next + 1 });
  await tx.objectStore('outbox').delete(mutationId);
  await tx.objectStore('outbox').add({ ...entry, seq: next, mutationId: uuidv7(), state: 'PENDING', rejection: undefined });
  await tx.done;
}

/**
 * Throws a refused entry away, with the local record it made (the person chose this on
 * the sync screen). Refused entries hold no seq the server waits for, so nothing stalls.
 */
export async function discardRejected(db: Db, mutationId: string): Promise<void> {
  const tx = db.transaction(['outbox', 'records'], 'readwrite');
  const entry = await tx.objectStore('outbox').get(mutationId);
  if (!entry || entry.state !== 'REJECTED') return tx.done;
  await tx.objectStore('outbox').delete(mutationId);
  if (typeof entry.args.id === 'string') await tx.objectStore('records').delete(entry.args.id);
  await tx.done;
}

/** Sends a refused photo again with the next sync round. */
export async function retryPhoto(db: Db, id: string): Promise<void> {
  const tx = db.transaction('photos', 'readwrite');
  const photo = await tx.store.get(id);
  if (photo?.refusal) await tx.store.put({ ...photo, refusal: undefined });
  await tx.done;
}

/** Drops a refused photo's bytes; the finding it belongs to is sent without it. */
export async function dropPhoto(db: Db, id: string): Promise<void> {
  const tx = db.transaction('photos', 'readwrite');
  if ((await tx.store.get(id))?.refusal) await tx.store.delete(id);
  await tx.done;
}

/** Adds a photo's bytes with their SHA-256; they stay until the server confirms that hash. */
export async function storePhoto(db: Db, bytes: ArrayBuffer, membership = '', now = new Date()): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  const sha256 = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const id = uuidv7();
  await db.put('photos', { id, bytes, sha256, size: bytes.byteLength, createdAt: now.toISOString(), membership });
  return id;
}

/**
 * What the sync engine writes to the device database after a server answer: confirmed
 * entries move from the outbox to the confirmed store (kept whole for KEEP_CONFIRMED_MS),
 * refusals stay for the person, pulled changes are stored; and starting over as a new
 * device when the server has lost its place. Each in one IndexedDB transaction.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Db, OutboxEntry } from './idb';
import { channelKey } from './membership';
import type { SyncResponse } from '@buurtkracht/protocol/sync-protocol';

/**
 * How long confirmed entries stay on the device, whole, after the server confirmed them
 * (server time). Within this time a restore of the server from a backup loses nothing the
 * phone sent: the phone notices (the server's lastSeq is below what it confirmed before)
 * and sends them again; record ids make sure nothing counts twice.
 */
export const KEEP_CONFIRMED_MS = 30 * 86_400_000;

/** Pulled changes that the campaign snapshot holds (findings and totals are read from the pulled snapshots themselves). */
const CAMPAIGN_DATA = new Set(['CAMPAIGN', 'STREET', 'SPOT']);

/**
 * Applies one answer to a batch of one membership. Tells whether the server lost its
 * place: its lastSeq for this device is below one it confirmed before.
 */
export async function applyAnswers(db: Db, membership: string, batch: OutboxEntry[], response: SyncResponse, deviceId: string): Promise<{ lostPlace: boolean }> {
  const bySeq = new Map(batch.map((e) => [e.seq, e]));
  const tx = db.transaction(['outbox', 'confirmed', 'server', 'meta'], 'readwrite');
  const meta = tx.objectStore('meta');
  const confirm = async (entry: OutboxEntry, status: 'APPLIED' | 'DUPLICATE') => {
    const { state: _state, rejection: _rejection, ...whole } = entry;
    await tx.objectStore('outbox').delete(entry.mutationId);
    await tx.objectStore('confirmed').put({ ...whole, deviceId, status, serverTime: response.serverTime });
  };
  for (const seq of response.appliedSeqs) {
    const entry = bySeq.get(seq);
    if (entry) await confirm(entry, 'APPLIED');
  }
  for (const result of response.otherResults) {
    const entry = bySeq.get(result.seq);
    if (!entry || entry.mutationId !== result.mutationId) continue;
    if (result.status === 'REJECTED') {
      await tx.objectStore('outbox').put({ ...entry, state: 'REJECTED', rejection: { code: result.code ?? 'REJECTED', message: result.message ?? 'Geweigerd door de server.' } });
    } else await confirm(entry, result.status);
  }
  const ackedKey = channelKey(membership, 'ackedSeq');
  const ackedSeq = ((await meta.get(ackedKey))?.value as number | undefined) ?? 0;
  const lostPlace = response.lastSeq < ackedSeq;
  if (!lostPlace) await meta.put({ key: ackedKey, value: response.lastSeq });
  const keepFrom = new Date(Date.parse(response.serverTime) - KEEP_CONFIRMED_MS).toISOString();
  // Only this membership's: another one's may be waiting to learn that its server lost them.
  for (const old of await tx.objectStore('confirmed').index('byServerTime').getAll(IDBKeyRange.upperBound(keepFrom, true))) {
    if (old.membership === membership || old.membership === undefined) await tx.objectStore('confirmed').delete(old.mutationId);
  }

  const { pull } = response;
  if (pull.resetRequired) {
    // Snapshots of every membership go, so every cursor goes with them: all pull afresh.
    await tx.objectStore('server').clear();
    for (const key of await meta.getAllKeys()) if (key === 'cursor' || key.startsWith('cursor:')) await meta.delete(key);
  } else {
    if (pull.changes.some((change) => CAMPAIGN_DATA.has(change.entityType))) await meta.put({ key: channelKey(membership, 'campaignChanged'), value: true });
    for (const change of pull.changes) {
      const key = `${change.entityType}:${change.entityId}`;
      if (change.op === 'DELETE') await tx.objectStore('server').delete(key);
      else await tx.objectStore('server').put({ key, entityType: change.entityType, entityId: change.entityId, data: change.data, seq: change.seq });
    }
    await meta.put({ key: channelKey(membership, 'cursor'), value: pull.cursor });
  }
  await meta.put({ key: 'lastConfirmedSync', value: response.serverTime });
  await tx.done;
  return { lostPlace };
}

/**
 * The server has lost its place for this membership's device: it knows it only up to
 * `serverLastSeq` (restored from a backup, or the device lost entries of its own), or the
 * device id is someone else's (`serverLastSeq` null). Continue as a new device: what the
 * server lost of the confirmed entries kept here, then everything still pending, numbered
 * from 1. Record ids stay the same, so the server counts nothing twice. Refused entries
 * keep their place for the person; they hold no seq, so they cannot open a gap.
 */
export async function startOverAsNewDevice(db: Db, membership: string, serverLastSeq: number | null): Promise<void> {
  const tx = db.transaction(['outbox', 'confirmed', 'meta'], 'readwrite');
  const meta = tx.objectStore('meta');
  const oldDevice = (await meta.get(channelKey(membership, 'deviceId')))?.value;
  const bySeq = (a: { seq: number }, b: { seq: number }) => a.seq - b.seq;
  // Entries confirmed by an app version before this one were not kept whole (no args).
  const lost = serverLastSeq === null ? [] : (await tx.objectStore('confirmed').getAll()).filter((c) => c.deviceId === oldDevice && c.seq > serverLastSeq && c.args !== undefined).sort(bySeq);
  const pending = (await tx.objectStore('outbox').index('byState').getAll('PENDING')).filter((e) => e.membership === membership).sort(bySeq);
  for (const entry of lost) await tx.objectStore('confirmed').delete(entry.mutationId);
  for (const entry of pending) await tx.objectStore('outbox').delete(entry.mutationId);
  const resend: OutboxEntry[] = [...lost.map(({ deviceId: _d, status: _s, serverTime: _t, ...entry }) => ({ ...entry, membership, state: 'PENDING' as const })), ...pending];
  for (const [index, entry] of resend.entries()) await tx.objectStore('outbox').add({ ...entry, seq: index + 1, mutationId: uuidv7() });
  await meta.put({ key: channelKey(membership, 'nextSeq'), value: resend.length + 1 });
  await meta.put({ key: channelKey(membership, 'deviceId'), value: uuidv7() });
  await meta.put({ key: channelKey(membership, 'ackedSeq'), value: 0 });
  await tx.done;
}

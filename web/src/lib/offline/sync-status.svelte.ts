/**
 * What the person sees about their data: what is still only on this device (by kind,
 * and photo bytes), when the server last confirmed (in server time), what needs their
 * attention, and whether the oldest unsent entry is getting old.
 */
import type { Db, OutboxEntry } from './idb';
import { getMeta } from './idb';

/** Safari may wipe a site's storage after 7 days unused: warn well before that. */
export const STALE_AFTER_MS = 3 * 86_400_000;

/** What an entry counts as in the pending numbers, by its command name. */
export function kindOf(name: string): 'tally' | 'finding' {
  return name.endsWith('TallyEvent') ? 'tally' : 'finding';
}

export class SyncStatus {
  /** False until the first count from the device database: until then nothing is known. */
  loaded = $state(false);
  online = $state(true);
  syncing = $state(false);
  pendingTally = $state(0);
  pendingFindings = $state(0);
  pendingPhotoBytes = $state(0);
  /** Server time of the last batch the server confirmed. */
  lastConfirmedSync = $state<string | null>(null);
  attention = $state<OutboxEntry[]>([]);
  /** Photos the server refused: the person retries or leaves them out. */
  refusedPhotos = $state<{ id: string; size: number; message: string }[]>([]);
  needsSignIn = $state(false);
  oldestPendingAt = $state<string | null>(null);
  lastError = $state<string | null>(null);

  pending = $derived(this.pendingTally + this.pendingFindings);

  isStale(now = Date.now()): boolean {
    return this.oldestPendingAt !== null && now - Date.parse(this.oldestPendingAt) > STALE_AFTER_MS;
  }

  async refresh(db: Db): Promise<void> {
    const pending = await db.getAllFromIndex('outbox', 'byState', 'PENDING');
    const photos = await db.getAll('photos');
    this.pendingTally = pending.filter((e) => kindOf(e.name) === 'tally').length;
    this.pendingFindings = pending.filter((e) => kindOf(e.name) === 'finding').length;
    this.pendingPhotoBytes = photos.reduce((sum, p) => sum + p.size, 0);
    this.attention = await db.getAllFromIndex('outbox', 'byState', 'REJECTED');
    this.refusedPhotos = photos.flatMap((p) => (p.refusal ? [{ id: p.id, size: p.size, message: p.refusal.message }] : []));
    this.oldestPendingAt = pending.reduce<string | null>((oldest, e) => (oldest === null || e.createdAt < oldest ? e.createdAt : oldest), null);
    this.lastConfirmedSync = (await getMeta<string>(db, 'lastConfirmedSync')) ?? null;
    this.loaded = true;
  }
}

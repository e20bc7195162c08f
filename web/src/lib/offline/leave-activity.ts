/**
 * Taking an activity off this phone. Only what the server already holds may go without
 * the person's say: while entries or photos of the activity are unsent (waiting or
 * refused), leaving is refused unless the person explicitly throws them away. The
 * membership itself is kept, marked left, for as long as confirmed entries of it are kept
 * against a server restore (see sync-answers.ts) and until the server has unlinked it
 * from the phone's follow-up key (follow-up.ts); after that it is forgotten.
 */
import type { Db } from './idb';
import { channelKey, type ChannelState } from './membership';
import { dropMembership, loadMemberships, updateMembership, withoutSignupPlace, type JoinedCampaign } from './field-store';
import { forgetStandings } from './standings-store';

/** Leaving refused: this many entries and photos of the activity have not reached the server. */
export class UnsentWorkError extends Error {
  constructor(readonly count: number) {
    super(`${count} unsent`);
    this.name = 'UnsentWorkError';
  }
}

/** Entries (waiting or refused) and photos of a membership that the server does not hold. */
export async function unsentOf(db: Db, membership: string): Promise<number> {
  const entries = (await db.getAll('outbox')).filter((e) => e.membership === membership).length;
  const photos = (await db.getAll('photos')).filter((p) => p.membership === membership).length;
  return entries + photos;
}

/**
 * Removes an activity's records, pulled snapshots and unsent work from this phone, in one
 * transaction, and marks its membership left. `discardUnsent` is how many unsent things
 * the person agreed to throw away: when more are unsent by now, nothing happens.
 */
export async function leaveActivity(db: Db, membership: string, options: { discardUnsent?: number } = {}, now = new Date()): Promise<void> {
  const joined = (await loadMemberships(db)).find((m) => m.campaign.id === membership);
  if (!joined) return;
  const tx = db.transaction(['outbox', 'photos', 'records', 'server', 'meta'], 'readwrite');
  const entries = (await tx.objectStore('outbox').getAll()).filter((e) => e.membership === membership);
  const photos = (await tx.objectStore('photos').getAll()).filter((p) => p.membership === membership);
  if (entries.length + photos.length > (options.discardUnsent ?? 0)) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new UnsentWorkError(entries.length + photos.length);
  }
  for (const entry of entries) await tx.objectStore('outbox').delete(entry.mutationId);
  for (const photo of photos) await tx.objectStore('photos').delete(photo.id);
  for (const record of await tx.objectStore('records').getAll()) if (record.campaignId === membership) await tx.objectStore('records').delete(record.id);
  // Streets and spots are shared with the neighbourhood's other activities: they stay.
  for (const snapshot of await tx.objectStore('server').getAll()) {
    const campaignId = (snapshot.data as { campaignId?: unknown } | null)?.campaignId;
    if (campaignId === membership || ((snapshot.entityType === 'CAMPAIGN' || snapshot.entityType === 'TALLY_TOTALS') && snapshot.entityId === membership)) {
      await tx.objectStore('server').delete(snapshot.key);
    }
  }
  await tx.objectStore('meta').delete(channelKey(membership, 'cursor'));
  await tx.objectStore('meta').delete(channelKey(membership, 'campaignChanged'));
  await tx.done;
  await forgetStandings(db, membership);
  // The sign-up's address goes now; the membership itself may be kept a while longer.
  await updateMembership(db, membership, (latest) => ({ ...withoutSignupPlace(latest), leftAt: now.toISOString() }));
  await forgetFinishedActivities(db);
}

/**
 * Left memberships of which no confirmed entry is kept any more, and which the server no
 * longer counts as this phone's (unlinked from its follow-up key, or revoked): forgotten,
 * with their sync state.
 */
export async function forgetFinishedActivities(db: Db): Promise<void> {
  const kept = new Set((await db.getAll('confirmed')).map((c) => c.membership));
  const finished = (m: JoinedCampaign) => m.leftAt && (m.unlinked || m.revokedAt) && !kept.has(m.campaign.id);
  for (const left of (await loadMemberships(db)).filter(finished)) {
    const id = left.campaign.id;
    await dropMembership(db, id);
    const state: ChannelState[] = ['deviceId', 'nextSeq', 'ackedSeq', 'cursor', 'campaignChanged'];
    for (const name of state) await db.delete('meta', channelKey(id, name));
  }
}

/**
 * Moving to a new phone. The old phone asks for a one-time code, but only when it holds
 * nothing the server does not have (the server checks the same with each membership's
 * last seq); the new phone redeems the code and keeps the activities it receives, each
 * with a new token, and the follow-up key of all of them. The old phone's tokens and key
 * stop working then.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Gql } from '../graphql/client';
import type { CampaignSnapshot } from '../graphql/field-operations';
import type { ResultOf } from '../graphql/graphql';
import { COMPLETE_DEVICE_TRANSFER, START_DEVICE_TRANSFER, type DeviceTransferCode } from '../graphql/follow-up-operations';
import { isListed, loadMemberships, RECEIVED_TRANSFER as RECEIVED, saveJoined, saveMembership, updateMembership, type JoinedCampaign } from './field-store';
import { followUpKeys, keepFollowUpKey } from './follow-up';
import { getMeta, setMeta, type Db } from './idb';
import { channelKey } from './membership';

/** Everything on this phone the server does not hold: entries (waiting or refused) and photos. */
export async function unsentOnDevice(db: Db): Promise<number> {
  return (await db.count('outbox')) + (await db.count('photos'));
}

/** Asks for a transfer code for every activity whose token still works. */
export async function startTransfer(db: Db, gql: Gql): Promise<DeviceTransferCode> {
  const [followUpKey] = await followUpKeys(db);
  if (!followUpKey) throw new Error('claim a follow-up key first');
  const memberships = [];
  for (const m of (await loadMemberships(db)).filter((m) => isListed(m) && !m.revokedAt)) {
    const id = m.campaign.id;
    // A membership that never synced has no device id yet: the server knows nothing of it, so lastSeq 0.
    let deviceId = await getMeta<string>(db, channelKey(id, 'deviceId'));
    if (!deviceId) {
      deviceId = uuidv7();
      await setMeta(db, channelKey(id, 'deviceId'), deviceId);
    }
    const nextSeq = (await getMeta<number>(db, channelKey(id, 'nextSeq'))) ?? 1;
    memberships.push({ token: m.token, deviceId, lastSeq: nextSeq - 1 });
  }
  const { startDeviceTransfer } = await gql(START_DEVICE_TRANSFER, { input: { followUpKey, memberships } });
  return startDeviceTransfer;
}

/** What the server handed over, kept until every activity's campaign is on the phone. */
type Received = ResultOf<typeof COMPLETE_DEVICE_TRANSFER>['completeDeviceTransfer'] & { at: string };

/**
 * Redeems a code on the new phone. The answer is kept at once: the code works only once
 * and the old phone's tokens stop working, so a connection lost while the campaigns are
 * fetched must not lose the tokens. Then `adoptReceived` finishes the job.
 */
export async function completeTransfer(db: Db, gql: Gql, code: string, now = new Date()): Promise<void> {
  const { completeDeviceTransfer } = await gql(COMPLETE_DEVICE_TRANSFER, { code });
  await setMeta(db, RECEIVED, { ...completeDeviceTransfer, at: now.toISOString() } satisfies Received);
  await keepFollowUpKey(db, completeDeviceTransfer.followUpKey);
  // This phone's own activities are linked to the received key with the next sync round.
  for (const own of await loadMemberships(db)) if (!own.revokedAt) await updateMembership(db, own.campaign.id, (latest) => ({ ...latest, followUpLinked: false }));
}

/**
 * Keeps each activity received in a transfer (its campaign fetched for offline use) and
 * shows the newest open one. Safe to run again after a failure: what is kept stays.
 */
export async function adoptReceived(db: Db, gql: Gql, fetchSnapshot: (gql: Gql, id: string, token: string) => Promise<CampaignSnapshot>): Promise<JoinedCampaign[]> {
  const received = await getMeta<Received>(db, RECEIVED);
  if (!received) return [];
  const adopted: JoinedCampaign[] = [];
  for (const m of received.memberships) {
    const kept = (await loadMemberships(db)).find((own) => own.campaign.id === m.campaign.id && own.token === m.token);
    if (kept) {
      adopted.push(kept);
      continue;
    }
    const campaign = await fetchSnapshot(gql, m.campaign.id, m.token);
    const participant = { id: m.participant.id, displayName: m.participant.displayName ?? m.participant.pseudonym, pseudonym: m.participant.pseudonym };
    const membership: JoinedCampaign = { token: m.token, participant, campaign, joinedAt: received.at, followUpLinked: true };
    await saveMembership(db, membership);
    adopted.push(membership);
  }
  const newest = adopted.find((m) => m.campaign.status !== 'CLOSED') ?? adopted[0];
  if (newest) await saveJoined(db, newest);
  await db.delete('meta', RECEIVED);
  return adopted;
}

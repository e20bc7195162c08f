/**
 * Follow-up keys: a random secret per device, not per person and not per campaign, that
 * links the pseudonymous participant rows one device joined with. It is not an identity
 * (it names no one, and holds no name or contact), so it outlives revocation and
 * retention: the device keeps seeing the status and public messages of the findings it
 * recorded. Only its SHA-256 hash is stored. The person's own erasure (deleteMyData)
 * unlinks their row. See README, "Privacy".
 */
import { v7 as uuidv7 } from 'uuid';
import type { AuthSettings } from '../../auth/auth-settings.js';
import { hashSecret, randomToken } from '../../auth/tokens.js';
import type { Viewer } from '../../auth/viewer.js';
import type { Db, DbOrTrx } from '../../db/database.js';
import type { Theme } from '../checklist/checklist.table.js';
import type { ActionItemStatus, FindingStatus, Rating } from '../finding/finding.table.js';
import type { KeysetPage } from '../../db/keyset.js';
import { DomainError, ErrorCode, notFound } from '../../domain-error.js';
import { actionItemsOfFindings } from '../finding/action-plan.service.js';
import { statusHistories } from '../finding/finding-details.service.js';
import * as repo from './follow-up.repo.js';
import { findParticipant } from './participant.repo.js';

/** 256 bits, like a device token. */
const KEY_BYTES = 32;
/** Longer than any key we hand out; anything longer is not looked up at all. */
export const FOLLOW_UP_KEY_MAX_LENGTH = 100;

export interface FollowUpKey {
  id: string;
  /** The secret itself: only in the answer to the device that keeps it. */
  key: string;
}

export async function createFollowUpKey(trx: DbOrTrx, now: Date): Promise<FollowUpKey> {
  const key = randomToken(KEY_BYTES);
  const id = uuidv7();
  await repo.insertKey(trx, { id, key_hash: hashSecret(key), created_at: now.toISOString(), revoked_at: null });
  return { id, key };
}

/** The valid key behind a presented secret, or null (unknown, revoked, or not a key at all). */
export async function validFollowUpKey(db: DbOrTrx, presented: string | null | undefined): Promise<FollowUpKey | null> {
  if (!presented || presented.length > FOLLOW_UP_KEY_MAX_LENGTH) return null;
  const row = await repo.findValidKey(db, hashSecret(presented));
  return row ? { id: row.id, key: presented } : null;
}

/**
 * The key a joining device links its new participant row to: the one it presents when
 * that is valid, else a new one. A presented key that is not valid (revoked by a move to
 * another phone) is not an error: the device simply gets a new key. Guessing needs no
 * limit here: keys are 256-bit, and every join costs a valid invite.
 */
export async function keyForDevice(trx: DbOrTrx, presented: string | null | undefined, now: Date): Promise<FollowUpKey> {
  return (await validFollowUpKey(trx, presented)) ?? createFollowUpKey(trx, now);
}

const alreadyLinked = () => new DomainError(ErrorCode.CONFLICT, 'Deze activiteit hoort al bij een opvolgcode van een telefoon.');

/**
 * Runs a call that looks up presented follow-up keys against the caller's IP limit. The
 * call counts from the start, so that parallel calls (or aliases in one request) cannot
 * all pass before any is counted; it is forgiven unless a presented key turned out unknown
 * or revoked (`unknown`). Keys are 256-bit: the limit is there because every answer tells
 * whether a key is valid.
 */
async function limitedKeyLookup<T>(settings: AuthSettings, limitKey: string, run: (unknown: () => void) => Promise<T>): Promise<T> {
  const limiter = settings.loginLimiterPerIp;
  const verdict = await limiter.attempt(limitKey);
  if (!verdict.allowed) {
    throw new DomainError(ErrorCode.RATE_LIMITED, 'Te veel onbekende codes geprobeerd. Wacht even en probeer het opnieuw.', {
      retryAfterSeconds: verdict.retryAfterSeconds,
    });
  }
  let failed = false;
  try {
    return await run(() => {
      failed = true;
    });
  } finally {
    if (!failed) await limiter.forgive(limitKey);
  }
}

export interface ClaimFollowUpKeyInput {
  /** The key the device wants the row linked to (its own, or the one it keeps from now on). */
  followUpKey?: string | null;
  /** The key the row has now, as the device knows it: only needed to move the row to another key. */
  currentKey?: string | null;
  clientIp: string;
}

/**
 * Links the calling participant's row to a follow-up key and answers the key.
 *
 * - A row without a key (joined before keys existed, or taken off its phone) gets the
 *   presented key when it is valid, else a new one.
 * - A row that has a key keeps it: claiming answers the presented key when it is the row's
 *   own, and is refused (CONFLICT, which the app takes as "already linked") otherwise.
 *   Re-linking on a token alone (no key, or another phone's key) would split a membership
 *   off its phone's key, taking its follow-up away from that phone and out of its
 *   transfers; a phone that lost its key cannot prove it holds the old one.
 * - Except a merge: a phone that holds two keys (its own, and one it received by a
 *   transfer) proves it holds the row's key (`currentKey`, valid) and presents another
 *   valid key: the row moves to that key. When no working row is left on the old key, its
 *   other rows (revoked or erased: their follow-up) move along and the old key is revoked,
 *   so the phone keeps one key that shows everything and can be transferred again.
 *
 * The conflict answer is the same for a missing, an unknown and another valid key (and a
 * wrong currentKey), so it says nothing about the presented keys. A presented key that is
 * unknown or revoked counts against the caller's IP, like followUp.
 */
export async function claimFollowUpKey(db: Db, settings: AuthSettings, viewer: Viewer, input: ClaimFollowUpKeyInput, now = new Date()): Promise<string> {
  if (viewer.kind !== 'participant') throw notFound();
  const claim = (unknown: () => void) =>
    db.transaction().execute(async (trx) => {
      const row = await findParticipant(trx, viewer.participantId);
      if (!row || row.revoked_at || row.erased_at) throw notFound();
      const presented = input.followUpKey ? await validFollowUpKey(trx, input.followUpKey) : null;
      if (input.followUpKey && !presented) unknown();
      if (row.follow_up_key_id === null) {
        const key = presented ?? (await createFollowUpKey(trx, now));
        await repo.linkParticipant(trx, row.id, key.id);
        return key.key;
      }
      if (presented?.id === row.follow_up_key_id) return presented.key;
      if (!presented || !input.currentKey) throw alreadyLinked();
      const current = await validFollowUpKey(trx, input.currentKey);
      if (!current) unknown();
      if (current?.id !== row.follow_up_key_id) throw alreadyLinked();
      await repo.linkParticipant(trx, row.id, presented.id);
      if ((await repo.countActiveParticipantsOfKey(trx, current.id)) === 0) {
        await repo.relinkParticipants(trx, current.id, presented.id);
        await repo.revokeKey(trx, current.id, now.toISOString());
      }
      return presented.key;
    });
  // A call that presents no key looks nothing up: nothing to count.
  if (!input.followUpKey && !input.currentKey) return claim(() => {});
  return limitedKeyLookup(settings, `follow-up-claim:${input.clientIp}`, claim);
}

/**
 * Takes the calling participant's row off its follow-up key: the activity was taken off
 * the phone. Its findings leave that key's followUp, and a transfer of the key no longer
 * needs (or moves) its token. The membership itself goes on (the token keeps working).
 * Idempotent.
 */
export async function unlinkFollowUpKey(db: Db, viewer: Viewer): Promise<void> {
  if (viewer.kind !== 'participant') throw notFound();
  await db.transaction().execute(async (trx) => {
    const row = await findParticipant(trx, viewer.participantId);
    if (!row || row.revoked_at || row.erased_at) throw notFound();
    if (row.follow_up_key_id !== null) await repo.linkParticipant(trx, row.id, null);
  });
}

export interface FollowUpFinding {
  id: string;
  campaignId: string;
  campaignName: string;
  category: Theme;
  rating: Rating | null;
  answer: string | null;
  text: string | null;
  suggestion: string | null;
  /** The checklist question the finding follows up, if it was made from an answer. */
  question: string | null;
  spotName: string | null;
  streetName: string | null;
  /** When it was recorded, by the device's clock (as Mijn bevindingen shows it). */
  createdAt: string;
  /** When the server received it: the order of the list. */
  receivedAt: string;
  status: FindingStatus;
  statusHistory: { toStatus: FindingStatus; publicMessage: string; at: string }[];
  actionItems: { id: string; title: string; status: ActionItemStatus; publicMessage: string | null }[];
}

const unknownKey = () => new DomainError(ErrorCode.NOT_FOUND, 'Deze opvolgcode is niet (meer) geldig.');

/**
 * A page of the findings recorded under a follow-up key, newest first, with their status,
 * the public messages and the action plan items residents see: no participant, name,
 * contact or routing. Public (the key is the credential), so unknown keys count against
 * the caller's IP like unknown invite codes do.
 */
export async function followUp(db: DbOrTrx, settings: AuthSettings, presented: string, page: KeysetPage, clientIp: string): Promise<FollowUpFinding[]> {
  const key = await limitedKeyLookup(settings, `follow-up:${clientIp}`, async (unknown) => {
    const valid = await validFollowUpKey(db, presented);
    if (!valid) {
      unknown();
      throw unknownKey();
    }
    return valid;
  });
  const rows = await repo.followUpFindings(db, key.id, page);
  const ids = rows.map((r) => r.id);
  const [history, items] = await Promise.all([statusHistories(db, ids), actionItemsOfFindings(db, ids)]);
  return rows.map((r) => ({
    id: r.id,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    category: r.category,
    rating: r.rating,
    answer: r.answer,
    text: r.text,
    suggestion: r.suggestion,
    question: r.question,
    spotName: r.spot_name,
    streetName: r.street_name,
    createdAt: r.device_time,
    receivedAt: r.server_time,
    status: r.status,
    statusHistory: history.filter((h) => h.findingId === r.id).map((h) => ({ toStatus: h.toStatus, publicMessage: h.publicMessage, at: h.at })),
    // What residents see of an action plan item: never its owner or organisation.
    actionItems: items.filter((i) => i.findingId === r.id).map((i) => ({ id: i.id, title: i.title, status: i.status, publicMessage: i.publicMessage })),
  }));
}

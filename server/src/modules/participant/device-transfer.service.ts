/**
 * Moving to a new phone. The old phone proves what it holds (its follow-up key and the
 * token of every membership of that key that still works) and that the server has
 * everything it recorded; it gets a one-time code, valid for ten minutes. The new phone
 * completes with that code: it gets a new token per membership (the old tokens stop
 * working) and a new follow-up key (the old one is revoked). When the old phone's
 * memberships changed in between, completing is refused and nothing changes. Both calls
 * are public, since the secrets authenticate; wrong secrets count against the caller's IP.
 */
import { v7 as uuidv7 } from 'uuid';
import type { AuthSettings } from '../../auth/auth-settings.js';
import { hashSecret, inviteCode, normaliseInviteCode, randomToken } from '../../auth/tokens.js';
import type { Db } from '../../db/database.js';
import { DomainError, ErrorCode } from '../../domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { findCampaign as findCampaignRow } from '../campaign/campaign.repo.js';
import { toCampaign, type Campaign } from '../campaign/campaign.service.js';
import { findDevice } from '../sync/sync.repo.js';
import * as repo from './device-transfer.repo.js';
import { createFollowUpKey, validFollowUpKey } from './follow-up.service.js';
import { relinkParticipants, revokeKey } from './follow-up.repo.js';
import { findParticipant, findParticipantByTokenHash } from './participant.repo.js';
import { toParticipant, type Participant } from './participant.service.js';

export const TRANSFER_CODE_LENGTH = 8;
export const TRANSFER_VALID_MS = 10 * 60_000;
export const MAX_TRANSFER_MEMBERSHIPS = 50;
/** Ended transfers are kept this long (for a late, confused retry), then deleted. */
const KEEP_ENDED_MS = 86_400_000;

export interface TransferMembership {
  token: string;
  deviceId: string;
  /** The highest seq this membership's outbox handed out (0: nothing ever recorded). */
  lastSeq: number;
}

export interface StartedTransfer {
  /** Shown as ABCD-EFGH; typed in any case, with or without the dash. */
  code: string;
  link: string;
  expiresAt: string;
}

const refusedStart = () =>
  new DomainError(ErrorCode.NOT_FOUND, 'Overzetten lukt niet met de gegevens van deze telefoon. Open de app opnieuw en probeer het nog eens.');
const unsentWork = (deviceIds: string[]) =>
  new DomainError(ErrorCode.CONFLICT, 'Op deze telefoon staat nog werk dat niet is verstuurd. Verstuur dat eerst; daarna kun je overzetten.', {
    reason: 'UNSENT_WORK',
    deviceIds,
  });
const invalidCode = () => new DomainError(ErrorCode.NOT_FOUND, 'Deze code werkt niet (meer). Maak op je oude telefoon een nieuwe code.');
const membershipsChanged = () =>
  new DomainError(ErrorCode.CONFLICT, 'Op je oude telefoon is er sinds deze code iets veranderd. Maak op je oude telefoon een nieuwe code.', {
    reason: 'MEMBERSHIPS_CHANGED',
  });

/**
 * Runs one attempt against the caller's IP limit. The attempt counts from the start, so
 * that parallel ones cannot all pass before any is counted; it is forgiven unless it was
 * refused as a wrong secret (`guessed`): success, unsent work and a changed phone are no
 * guesses.
 */
async function limited<T>(settings: AuthSettings, clientIp: string, run: (guessed: () => void) => Promise<T>): Promise<T> {
  const limiter = settings.loginLimiterPerIp;
  const key = `transfer:${clientIp}`;
  const verdict = await limiter.attempt(key);
  if (!verdict.allowed) {
    throw new DomainError(ErrorCode.RATE_LIMITED, 'Te veel mislukte pogingen. Wacht even en probeer het opnieuw.', {
      retryAfterSeconds: verdict.retryAfterSeconds,
    });
  }
  let wrong = false;
  try {
    return await run(() => {
      wrong = true;
    });
  } finally {
    if (!wrong) await limiter.forgive(key);
  }
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && new Set([...a, ...b]).size === a.length;

/** The link the QR code carries: opening it on the new phone completes the transfer. */
export const transferLink = (settings: Pick<AuthSettings, 'publicUrl'>, code: string): string => `${settings.publicUrl}/overzetten?code=${code}`;

const displayed = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;

export async function startDeviceTransfer(
  db: Db,
  settings: AuthSettings,
  input: { followUpKey: string; memberships: readonly TransferMembership[]; clientIp: string; requestId: string },
  now = new Date(),
): Promise<StartedTransfer> {
  // A random code from the invite alphabet (no 0/O, 1/I/L), cut to eight characters.
  const code = inviteCode().slice(0, TRANSFER_CODE_LENGTH);
  return limited(settings, input.clientIp, (guessed) => {
    const refuse = () => {
      guessed();
      return refusedStart();
    };
    return db.transaction().execute(async (trx) => {
      const key = await validFollowUpKey(trx, input.followUpKey);
      if (!key) throw refuse();
      const participantIds: string[] = [];
      for (const membership of input.memberships) {
        const row = await findParticipantByTokenHash(trx, hashSecret(membership.token));
        // Which of the secrets did not fit is not said: that would help someone guessing.
        if (!row || row.revoked_at || row.erased_at || row.follow_up_key_id !== key.id || participantIds.includes(row.id)) throw refuse();
        participantIds.push(row.id);
      }
      // The key alone proves only that the caller once saw it: the phone proves itself with
      // the token of every membership of the key that still works. A subset (or none) could
      // otherwise end the tokens it left out, on a phone that is not the caller's.
      if (!sameSet(participantIds, await repo.activeParticipantIdsOfKey(trx, key.id))) throw refuse();
      const behind: string[] = [];
      for (const [i, membership] of input.memberships.entries()) {
        if (membership.lastSeq === 0) continue;
        const device = await findDevice(trx, membership.deviceId);
        if (device && device.owner !== `p:${participantIds[i]}`) throw refuse();
        if (!device || device.last_seq < membership.lastSeq) behind.push(membership.deviceId);
      }
      if (behind.length > 0) throw unsentWork(behind);
      const at = now.toISOString();
      await repo.deleteEndedTransfers(trx, new Date(now.getTime() - KEEP_ENDED_MS).toISOString());
      await repo.voidOpenTransfers(trx, key.id, at);
      const expiresAt = new Date(now.getTime() + TRANSFER_VALID_MS).toISOString();
      const id = uuidv7();
      await repo.insertTransfer(trx, { id, code_hash: hashSecret(code), follow_up_key_id: key.id, created_at: at, expires_at: expiresAt, used_at: null }, participantIds);
      await recordAudit(trx, { actorAccountId: null, action: 'device_transfer.started', subjectType: 'device_transfer', subjectId: id, detail: { memberships: participantIds.length }, requestId: input.requestId }, now);
      return { code: displayed(code), link: transferLink(settings, code), expiresAt };
    });
  });
}

export interface TransferredMembership {
  token: string;
  participant: Participant;
  campaign: Campaign;
}

export async function completeDeviceTransfer(
  db: Db,
  settings: AuthSettings,
  input: { code: string; clientIp: string; requestId: string },
  now = new Date(),
): Promise<{ followUpKey: string; memberships: TransferredMembership[] }> {
  return limited(settings, input.clientIp, (guessed) => {
    const refuse = () => {
      guessed();
      return invalidCode();
    };
    const code = normaliseInviteCode(input.code);
    if (code.length !== TRANSFER_CODE_LENGTH) throw refuse();
    const at = now.toISOString();
    return db.transaction().execute(async (trx) => {
      const transfer = await repo.claimTransfer(trx, hashSecret(code), at);
      // The old key is gone when another transfer of the same phone completed first.
      if (!transfer || !(await revokeKey(trx, transfer.follow_up_key_id, at))) throw refuse();
      const handedOver = await repo.participantIdsOfTransfer(trx, transfer.id);
      // Since the code was made the old phone joined another activity, or a handed-over one
      // was revoked or erased: what it handed over is no longer what it holds. Refused as a
      // whole (the transaction, and with it the use of the code, rolls back), so no
      // membership is ever ended that was not handed over.
      if (!sameSet(handedOver, await repo.activeParticipantIdsOfKey(trx, transfer.follow_up_key_id))) throw membershipsChanged();
      const newKey = await createFollowUpKey(trx, now);
      const memberships: TransferredMembership[] = [];
      for (const participantId of handedOver) {
        const token = randomToken(32);
        await repo.replaceToken(trx, participantId, hashSecret(token));
        await recordAudit(trx, { actorAccountId: null, action: 'participant.moved_to_new_device', subjectType: 'participant', subjectId: participantId, detail: { transfer: transfer.id }, requestId: input.requestId }, now);
        const row = (await findParticipant(trx, participantId))!;
        memberships.push({ token, participant: toParticipant(row), campaign: toCampaign((await findCampaignRow(trx, row.campaign_id))!) });
      }
      // Follow-up of every row of the old key (also revoked and erased ones) moves along.
      await relinkParticipants(trx, transfer.follow_up_key_id, newKey.id);
      await recordAudit(trx, { actorAccountId: null, action: 'device_transfer.completed', subjectType: 'device_transfer', subjectId: transfer.id, detail: { memberships: memberships.length }, requestId: input.requestId }, now);
      return { followUpKey: newKey.key, memberships };
    });
  });
}

/**
 * Moving to a new phone. The old phone proves what it holds (its follow-up key and each
 * membership's token) and that the server has everything it recorded; it gets a one-time
 * code, valid for ten minutes. The new phone completes with that code: it gets a new
 * token per membership (the old tokens stop working) and a new follow-up key (the old one
 * is revoked). Both calls are public, since the secrets authenticate; failures count
 * against the caller's IP.
 */
import { v7 as uuidv7 } from 'uuid';
import type { AuthSettings } from '../../auth/auth-settings.js';
import { hashSecret, inviteCode, normaliseInviteCode, randomToken } from '../../auth/tokens.js';
import type { Db } from '../../db/database.js';
import { ErrorCode, UserFacingError } from '../../graphql/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { findCampaign as findCampaignRow } from '../campaign/campaign.repo.js';
import { toCampaign, type Campaign } from '../campaign/campaign.service.js';
import { findDevice } from '../sync/sync.repo.js';
import * as repo from './device-transfer.repo.js';
import { createFollowUpKey, validFollowUpKey } from './follow-up.service.js';
import { relinkParticipants, revokeKey } from './follow-up.repo.js';
import { findParticipant, findParticipantByTokenHash, revokeParticipant } from './participant.repo.js';
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
  new UserFacingError(ErrorCode.NOT_FOUND, 'Overzetten lukt niet met de gegevens van deze telefoon. Open de app opnieuw en probeer het nog eens.');
const unsentWork = (deviceIds: string[]) =>
  new UserFacingError(ErrorCode.CONFLICT, 'Op deze telefoon staat nog werk dat niet is verstuurd. Verstuur dat eerst; daarna kun je overzetten.', {
    reason: 'UNSENT_WORK',
    deviceIds,
  });
const invalidCode = () => new UserFacingError(ErrorCode.NOT_FOUND, 'Deze code werkt niet (meer). Maak op je oude telefoon een nieuwe code.');

function checkLimit(settings: AuthSettings, key: string): void {
  const verdict = settings.loginLimiterPerIp.check(key);
  if (!verdict.allowed) {
    throw new UserFacingError(ErrorCode.RATE_LIMITED, 'Te veel mislukte pogingen. Wacht even en probeer het opnieuw.', {
      retryAfterSeconds: verdict.retryAfterSeconds,
      http: { status: 429, headers: new Map([['retry-after', String(verdict.retryAfterSeconds)]]) },
    });
  }
}

/** The link the QR code carries: opening it on the new phone completes the transfer. */
export const transferLink = (settings: Pick<AuthSettings, 'publicUrl'>, code: string): string => `${settings.publicUrl}/overzetten?code=${code}`;

const displayed = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;

export async function startDeviceTransfer(
  db: Db,
  settings: AuthSettings,
  input: { followUpKey: string; memberships: readonly TransferMembership[]; clientIp: string; requestId: string },
  now = new Date(),
): Promise<StartedTransfer> {
  const limitKey = `transfer:${input.clientIp}`;
  checkLimit(settings, limitKey);
  const refuse = () => {
    settings.loginLimiterPerIp.record(limitKey);
    return refusedStart();
  };
  // A random code from the invite alphabet (no 0/O, 1/I/L), cut to eight characters.
  const code = inviteCode().slice(0, TRANSFER_CODE_LENGTH);
  return db.transaction().execute(async (trx) => {
    const key = await validFollowUpKey(trx, input.followUpKey);
    if (!key) throw refuse();
    const participantIds: string[] = [];
    const behind: string[] = [];
    for (const membership of input.memberships) {
      const row = await findParticipantByTokenHash(trx, hashSecret(membership.token));
      // Which of the secrets did not fit is not said: that would help someone guessing.
      if (!row || row.revoked_at || row.erased_at || row.follow_up_key_id !== key.id || participantIds.includes(row.id)) throw refuse();
      participantIds.push(row.id);
      if (membership.lastSeq === 0) continue;
      const device = await findDevice(trx, membership.deviceId);
      if (device && device.owner !== `p:${row.id}`) throw refuse();
      if (!device || device.last_seq < membership.lastSeq) behind.push(membership.deviceId);
    }
    // Not a guess: the secrets were right, so this does not count against the IP.
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
  const limitKey = `transfer:${input.clientIp}`;
  checkLimit(settings, limitKey);
  const refuse = () => {
    settings.loginLimiterPerIp.record(limitKey);
    return invalidCode();
  };
  const code = normaliseInviteCode(input.code);
  if (code.length !== TRANSFER_CODE_LENGTH) throw refuse();
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const transfer = await repo.claimTransfer(trx, hashSecret(code), at);
    // The old key is gone when another transfer of the same phone completed first.
    if (!transfer || !(await revokeKey(trx, transfer.follow_up_key_id, at))) throw refuse();
    const newKey = await createFollowUpKey(trx, now);
    const handedOver = new Set(await repo.participantIdsOfTransfer(trx, transfer.id));
    const memberships: TransferredMembership[] = [];
    for (const participantId of await repo.activeParticipantIdsOfKey(trx, transfer.follow_up_key_id)) {
      if (!handedOver.has(participantId)) {
        // Still active on the old phone but not handed over: the old phone's tokens all end.
        await revokeParticipant(trx, participantId, at);
        await recordAudit(trx, { actorAccountId: null, action: 'participant.revoked', subjectType: 'participant', subjectId: participantId, detail: { transfer: transfer.id }, requestId: input.requestId }, now);
        continue;
      }
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
}

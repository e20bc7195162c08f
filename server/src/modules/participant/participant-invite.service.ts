/**
 * Participant invites: a coordinator makes a short code (and a link a QR code can carry)
 * for a campaign, optionally with an expiry and a use limit, and can revoke it.
 */
import { v7 as uuidv7 } from 'uuid';
import type { AuthSettings } from '../../auth/auth-settings.js';
import { inviteCode, normaliseInviteCode } from '../../auth/tokens.js';
import { managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import type { Db, DbOrTrx } from '../../db/database.js';
import type { KeysetPage } from '../../db/keyset.js';
import { badInput, notFound } from '../../domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { findCampaign as findCampaignRow } from '../campaign/campaign.repo.js';
import { requireManagedCampaign } from '../campaign/campaign.service.js';
import * as repo from './participant.repo.js';
import type { ParticipantInviteRow } from './participant.table.js';

export interface ParticipantInvite {
  id: string;
  campaignId: string;
  code: string;
  label: string | null;
  createdAt: string;
  expiresAt: string | null;
  maxUses: number | null;
  useCount: number;
  revokedAt: string | null;
}

export const toInvite = (row: ParticipantInviteRow): ParticipantInvite => ({
  id: row.id,
  campaignId: row.campaign_id,
  code: row.code,
  label: row.label,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  maxUses: row.max_uses,
  useCount: row.use_count,
  revokedAt: row.revoked_at,
});

/** The link a QR code carries: opening it on a phone starts joining. */
export const inviteLink = (settings: Pick<AuthSettings, 'publicUrl'>, code: string): string => `${settings.publicUrl}/meedoen/${code}`;

export function isInviteUsable(invite: ParticipantInvite, now: Date): boolean {
  return (
    invite.revokedAt === null &&
    (invite.expiresAt === null || Date.parse(invite.expiresAt) > now.getTime()) &&
    (invite.maxUses === null || invite.useCount < invite.maxUses)
  );
}

export async function createParticipantInvite(
  db: Db,
  viewer: Viewer,
  input: { campaignId: string; label?: string | null; expiresAt?: string | null; maxUses?: number | null; requestId: string },
  now = new Date(),
): Promise<ParticipantInvite> {
  if (input.expiresAt && Date.parse(input.expiresAt) <= now.getTime()) throw badInput('Kies een verloopdatum in de toekomst.');
  return db.transaction().execute(async (trx) => {
    const campaign = await requireManagedCampaign(trx, viewer, input.campaignId);
    if (campaign.status === 'CLOSED') throw badInput('Deze actie is gesloten; er kan niemand meer bij.');
    const row: ParticipantInviteRow = {
      id: uuidv7(),
      campaign_id: campaign.id,
      code: inviteCode(),
      label: input.label?.trim() || null,
      created_by: viewer.kind === 'staff' ? viewer.accountId : '',
      created_at: now.toISOString(),
      expires_at: input.expiresAt ?? null,
      max_uses: input.maxUses ?? null,
      use_count: 0,
      revoked_at: null,
    };
    await repo.insertInvite(trx, row);
    await recordAudit(trx, { actorAccountId: row.created_by, action: 'participant_invite.created', subjectType: 'participant_invite', subjectId: row.id, requestId: input.requestId }, now);
    return toInvite(row);
  });
}

export async function revokeParticipantInvite(db: Db, viewer: Viewer, inviteId: string, requestId: string, now = new Date()): Promise<ParticipantInvite> {
  return db.transaction().execute(async (trx) => {
    const invite = await repo.findInvite(trx, inviteId);
    if (!invite) throw notFound('Deze uitnodiging');
    await requireManagedCampaign(trx, viewer, invite.campaign_id).catch(() => {
      throw notFound('Deze uitnodiging');
    });
    await repo.revokeInvite(trx, invite.id, now.toISOString());
    await recordAudit(trx, { actorAccountId: viewer.kind === 'staff' ? viewer.accountId : null, action: 'participant_invite.revoked', subjectType: 'participant_invite', subjectId: invite.id, requestId }, now);
    return toInvite((await repo.findInvite(trx, invite.id))!);
  });
}

export async function listParticipantInvites(db: DbOrTrx, viewer: Viewer, campaignId: string, page: KeysetPage): Promise<ParticipantInvite[]> {
  await requireManagedCampaign(db, viewer, campaignId);
  return (await repo.listInvites(db, campaignId, page)).map(toInvite);
}

export async function countParticipantInvites(db: DbOrTrx, viewer: Viewer, campaignId: string): Promise<number> {
  await requireManagedCampaign(db, viewer, campaignId);
  return repo.countInvites(db, campaignId);
}

/** One invite by id for its campaign's coordinators (the poster page); null for anyone else. */
export async function findParticipantInvite(db: DbOrTrx, viewer: Viewer, id: string): Promise<ParticipantInvite | null> {
  const row = await repo.findInvite(db, id);
  const campaign = row && (await findCampaignRow(db, row.campaign_id));
  return campaign && managesNeighbourhood(viewer, campaign.neighbourhood_id) ? toInvite(row) : null;
}

/** The invite behind a typed or scanned code, if it can still be used. */
export async function findUsableInvite(db: DbOrTrx, typedCode: string, now = new Date()): Promise<ParticipantInvite | null> {
  const row = await repo.findInviteByCode(db, normaliseInviteCode(typedCode));
  if (!row) return null;
  const invite = toInvite(row);
  return isInviteUsable(invite, now) ? invite : null;
}

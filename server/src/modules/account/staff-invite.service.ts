/**
 * Staff invites: an admin invites a coordinator or partner by email; the one-time link
 * (valid for a limited time) lets that person choose a password and sign in.
 */
import { v7 as uuidv7 } from 'uuid';
import type { AuthSettings } from '../../auth/auth-settings.js';
import { hashSecret, randomToken } from '../../auth/tokens.js';
import { isAdmin, type StaffRole, type Viewer } from '../../auth/viewer.js';
import type { Db, DbOrTrx } from '../../db/database.js';
import type { KeysetPage } from '../../db/keyset.js';
import { badInput, notFound } from '../../domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './account.repo.js';
import { checkNewPassword, createStaffAccount, normaliseEmail, type StaffAccount } from './account.service.js';
import type { StaffInviteRow } from './account.table.js';
import { startSession } from './session.service.js';

export interface StaffInvite {
  id: string;
  email: string;
  role: StaffRole;
  organisationId: string | null;
  neighbourhoodIds: string[];
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

const toStaffInvite = (row: StaffInviteRow): StaffInvite => ({
  id: row.id,
  email: row.email,
  role: row.role,
  organisationId: row.organisation_id,
  neighbourhoodIds: JSON.parse(row.neighbourhood_ids) as string[],
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  usedAt: row.used_at,
});

export interface InviteStaffInput {
  email: string;
  role: StaffRole;
  organisationId?: string | null;
  neighbourhoodIds?: readonly string[];
  expiresInDays: number;
  requestId: string;
}

export async function inviteStaff(db: Db, settings: AuthSettings, viewer: Viewer, input: InviteStaffInput, now = new Date()) {
  if (!isAdmin(viewer) || viewer.kind !== 'staff') throw notFound();
  const email = normaliseEmail(input.email);
  if (input.role === 'PARTNER' && !input.organisationId) throw badInput('Kies de organisatie van deze partner.');
  if (input.role === 'COORDINATOR' && !input.neighbourhoodIds?.length) throw badInput('Kies minstens één buurt voor deze coördinator.');
  if (await repo.findAccountByEmail(db, email)) throw badInput('Er is al een account met dit e-mailadres.');
  const token = randomToken(32);
  const row = {
    id: uuidv7(),
    token_hash: hashSecret(token),
    email,
    role: input.role,
    organisation_id: input.role === 'PARTNER' ? (input.organisationId ?? null) : null,
    neighbourhood_ids: JSON.stringify(input.role === 'COORDINATOR' ? input.neighbourhoodIds : []),
    created_by: viewer.accountId,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString(),
    used_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertStaffInvite(trx, row);
    await recordAudit(trx, { actorAccountId: viewer.accountId, action: 'staff.invited', subjectType: 'staff_invite', subjectId: row.id, detail: { role: input.role }, requestId: input.requestId }, now);
  });
  // The token leaves the server only here, inside the link shown once to the admin.
  return { invite: toStaffInvite(row), link: `${settings.publicUrl}/account/uitnodiging#${token}` };
}

export async function acceptStaffInvite(
  db: Db,
  settings: AuthSettings,
  input: { token: string; displayName: string; password: string; requestId: string },
  now = new Date(),
): Promise<{ account: StaffAccount; sessionId: string }> {
  const invite = await repo.findStaffInviteByTokenHash(db, hashSecret(input.token));
  if (!invite || invite.used_at || Date.parse(invite.expires_at) <= now.getTime()) {
    throw badInput('Deze uitnodiging is niet (meer) geldig. Vraag een nieuwe aan.');
  }
  checkNewPassword(input.password, invite.email);
  // Hash outside the transaction: better-sqlite3 holds the write lock for its duration.
  const passwordHash = await settings.hasher.hash(input.password);
  return db.transaction().execute(async (trx) => {
    if (!(await repo.claimStaffInvite(trx, invite.id, now.toISOString()))) {
      throw badInput('Deze uitnodiging is al gebruikt.');
    }
    const account = await createStaffAccount(
      trx,
      {
        email: invite.email,
        displayName: input.displayName,
        role: invite.role,
        passwordHash,
        organisationId: invite.organisation_id,
        neighbourhoodIds: JSON.parse(invite.neighbourhood_ids) as string[],
      },
      now,
    );
    await recordAudit(trx, { actorAccountId: account.id, action: 'staff.joined', subjectType: 'staff_account', subjectId: account.id, detail: { inviteId: invite.id }, requestId: input.requestId }, now);
    return { account, sessionId: await startSession(trx, account.id, settings, now) };
  });
}

export async function listStaffInvites(db: DbOrTrx, viewer: Viewer, page: KeysetPage): Promise<StaffInvite[]> {
  if (!isAdmin(viewer)) throw notFound();
  return (await repo.listStaffInvites(db, page)).map(toStaffInvite);
}

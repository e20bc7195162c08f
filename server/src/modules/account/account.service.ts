/**
 * Staff accounts: sign-in and sign-out, password changes, organisations, and the admin's
 * tools (create, disable). Staff invites live in staff-invite.service.ts.
 */
import { v7 as uuidv7 } from 'uuid';
import type { AuthSettings } from '../../auth/auth-settings.js';
import { isAdmin, type StaffRole, type Viewer } from '../../auth/viewer.js';
import type { Db, DbOrTrx } from '../../db/database.js';
import type { KeysetPage } from '../../db/keyset.js';
import { badInput, DomainError, ErrorCode, notFound, unauthenticated } from '../../domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './account.repo.js';
import type { OrganisationRow, StaffAccountRow } from './account.table.js';
import { endSession, startSession } from './session.service.js';

export interface StaffAccount {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
  organisationId: string | null;
  disabledAt: string | null;
  createdAt: string;
}

export interface Organisation {
  id: string;
  name: string;
}

export const toStaffAccount = (row: StaffAccountRow): StaffAccount => ({
  id: row.id,
  email: row.email,
  displayName: row.display_name,
  role: row.role,
  organisationId: row.organisation_id,
  disabledAt: row.disabled_at,
  createdAt: row.created_at,
});

const toOrganisation = (row: OrganisationRow): Organisation => ({ id: row.id, name: row.name });

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

function rateLimited(retryAfterSeconds: number): DomainError {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new DomainError(ErrorCode.RATE_LIMITED, `Te veel pogingen. Probeer het over ${minutes} minuten opnieuw.`, {
    retryAfterSeconds,
  });
}

let dummyHash: Promise<string> | undefined;

export interface LoginInput {
  email: string;
  password: string;
  clientIp: string;
  /** The session the browser sent, ended so that sign-in always issues a new id. */
  previousSessionHash?: string;
}

export async function login(db: Db, settings: AuthSettings, input: LoginInput, now = new Date()) {
  const email = normaliseEmail(input.email);
  // Counted before the password is checked, so parallel guesses (on any app instance)
  // cannot all pass first; a refusal by the account's limit takes the IP's count back, and
  // a sign-in that succeeds takes the IP's count back and clears the account's failures.
  const perIp = await settings.loginLimiterPerIp.attempt(input.clientIp);
  if (!perIp.allowed) throw rateLimited(perIp.retryAfterSeconds);
  const perAccount = await settings.loginLimiterPerAccount.attempt(email);
  if (!perAccount.allowed) {
    await settings.loginLimiterPerIp.forgive(input.clientIp);
    throw rateLimited(perAccount.retryAfterSeconds);
  }
  let account: StaffAccountRow | undefined;
  let valid: boolean;
  try {
    account = await repo.findAccountByEmail(db, email);
    // Hash even for an unknown address so the answer takes as long as for a known one.
    dummyHash ??= settings.hasher.hash('not a real password, only for timing');
    valid = account
      ? await settings.hasher.verify(account.password_hash, input.password)
      : (await settings.hasher.verify(await dummyHash, `${input.password}x`)) && false;
  } catch (error) {
    // No password was tried (the hasher is busy, the database failed): no failure to count.
    await settings.loginLimiterPerIp.forgive(input.clientIp);
    await settings.loginLimiterPerAccount.forgive(email);
    throw error;
  }
  if (!account || !valid || account.disabled_at) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Het e-mailadres of het wachtwoord klopt niet.');
  await settings.loginLimiterPerIp.forgive(input.clientIp);
  await settings.loginLimiterPerAccount.reset(email);
  const sessionId = await db.transaction().execute(async (trx) => {
    if (input.previousSessionHash) await endSession(trx, input.previousSessionHash);
    return startSession(trx, account.id, settings, now);
  });
  return { account: toStaffAccount(account), sessionId };
}

export async function logout(db: DbOrTrx, viewer: Viewer): Promise<void> {
  if (viewer.kind === 'staff') await endSession(db, viewer.sessionHash);
}

export function checkNewPassword(password: string, email: string): void {
  if (password.length < 12) throw badInput('Kies een wachtwoord van minstens 12 tekens.');
  if (password.length > 200) throw badInput('Kies een wachtwoord van hoogstens 200 tekens.');
  if (password.toLowerCase().includes(email.split('@')[0]!.toLowerCase())) {
    throw badInput('Gebruik je e-mailadres niet in je wachtwoord.');
  }
}

export async function changePassword(
  db: Db,
  settings: AuthSettings,
  viewer: Viewer,
  input: { currentPassword: string; newPassword: string; requestId: string },
  now = new Date(),
): Promise<void> {
  if (viewer.kind !== 'staff') throw unauthenticated();
  const account = await repo.findAccountById(db, viewer.accountId);
  if (!account) throw unauthenticated();
  if (!(await settings.hasher.verify(account.password_hash, input.currentPassword))) {
    throw badInput('Je huidige wachtwoord klopt niet.');
  }
  checkNewPassword(input.newPassword, account.email);
  const passwordHash = await settings.hasher.hash(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await repo.setPassword(trx, account.id, passwordHash, now.toISOString());
    // Anyone who knew the old password is signed out everywhere else.
    await repo.deleteSessionsOfAccount(trx, account.id, viewer.sessionHash);
    await recordAudit(trx, { actorAccountId: account.id, action: 'staff.password_changed', subjectType: 'staff_account', subjectId: account.id, requestId: input.requestId }, now);
  });
}

export interface NewStaffAccount {
  email: string;
  displayName: string;
  role: StaffRole;
  /** From hasher.hash, computed before the transaction (hashing holds no lock). */
  passwordHash: string;
  organisationId?: string | null;
  neighbourhoodIds?: readonly string[];
}

/** Creates an account (CLI, seed, accepted invite); call inside a transaction. */
export async function createStaffAccount(trx: DbOrTrx, input: NewStaffAccount, now = new Date()): Promise<StaffAccount> {
  const email = normaliseEmail(input.email);
  if (await repo.findAccountByEmail(trx, email)) throw badInput('Er is al een account met dit e-mailadres.');
  if (input.role === 'PARTNER' && !input.organisationId) throw badInput('Een partneraccount hoort bij een organisatie.');
  const row = {
    id: uuidv7(),
    email,
    display_name: input.displayName.trim(),
    password_hash: input.passwordHash,
    role: input.role,
    organisation_id: input.role === 'PARTNER' ? (input.organisationId ?? null) : null,
    disabled_at: null,
    created_at: now.toISOString(),
    password_changed_at: now.toISOString(),
  };
  await repo.insertAccount(trx, row, input.role === 'COORDINATOR' ? (input.neighbourhoodIds ?? []) : []);
  return toStaffAccount(row);
}

export async function disableStaffAccount(db: Db, viewer: Viewer, accountId: string, requestId: string, now = new Date()): Promise<StaffAccount> {
  if (!isAdmin(viewer) || viewer.kind !== 'staff') throw notFound();
  if (viewer.accountId === accountId) throw badInput('Je kunt je eigen account niet uitschakelen.');
  return db.transaction().execute(async (trx) => {
    const account = await repo.findAccountById(trx, accountId);
    if (!account) throw notFound('Dit account');
    if (!account.disabled_at) {
      await repo.setAccountDisabled(trx, accountId, now.toISOString());
      await repo.deleteSessionsOfAccount(trx, accountId);
      await recordAudit(trx, { actorAccountId: viewer.accountId, action: 'staff.disabled', subjectType: 'staff_account', subjectId: accountId, requestId }, now);
    }
    return toStaffAccount({ ...account, disabled_at: account.disabled_at ?? now.toISOString() });
  });
}

export async function findStaffAccount(db: DbOrTrx, viewer: Viewer, accountId: string): Promise<StaffAccount | null> {
  if (viewer.kind !== 'staff' || (viewer.accountId !== accountId && !isAdmin(viewer))) return null;
  const row = await repo.findAccountById(db, accountId);
  return row ? toStaffAccount(row) : null;
}

export async function listStaffAccounts(db: DbOrTrx, viewer: Viewer, page: KeysetPage): Promise<StaffAccount[]> {
  if (!isAdmin(viewer)) throw notFound();
  return (await repo.listAccounts(db, page)).map(toStaffAccount);
}

export async function createOrganisation(db: DbOrTrx, viewer: Viewer, name: string, now = new Date()): Promise<Organisation> {
  if (!isAdmin(viewer)) throw notFound();
  const trimmed = name.trim();
  if (await repo.findOrganisationByName(db, trimmed)) throw badInput('Deze organisatie bestaat al.');
  const row = { id: uuidv7(), name: trimmed, created_at: now.toISOString() };
  await repo.insertOrganisation(db, row);
  return toOrganisation(row);
}

/** Organisation names are not personal; every staff member may list them. */
export async function listOrganisations(db: DbOrTrx, viewer: Viewer, page: KeysetPage): Promise<Organisation[]> {
  if (viewer.kind !== 'staff') throw notFound();
  return (await repo.listOrganisations(db, page)).map(toOrganisation);
}

export async function organisationsByIds(db: DbOrTrx, ids: readonly string[]): Promise<Organisation[]> {
  return (await repo.findOrganisationsByIds(db, ids)).map(toOrganisation);
}

/** Seed and CLI: an organisation by name, created when missing. */
export async function ensureOrganisation(trx: DbOrTrx, name: string, now = new Date()): Promise<Organisation> {
  const existing = await repo.findOrganisationByName(trx, name);
  if (existing) return toOrganisation(existing);
  const row = { id: uuidv7(), name, created_at: now.toISOString() };
  await repo.insertOrganisation(trx, row);
  return toOrganisation(row);
}

export async function countAdmins(db: DbOrTrx): Promise<number> {
  return repo.countAdmins(db);
}

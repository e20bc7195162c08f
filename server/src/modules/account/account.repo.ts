/** Every SQL statement of the account module. */
import type { DbOrTrx } from '../../db/database.js';
import { keysetPage, type KeysetPage } from '../../db/keyset.js';
import type {
  NewStaffAccountRow,
  NewStaffInviteRow,
  OrganisationRow,
  StaffAccountRow,
  StaffInviteRow,
  StaffSessionRow,
} from './account.table.js';

// Organisations

export async function insertOrganisation(db: DbOrTrx, row: OrganisationRow): Promise<void> {
  await db.insertInto('organisation').values(row).execute();
}

export async function findOrganisationByName(db: DbOrTrx, name: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisation').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function findOrganisationsByIds(db: DbOrTrx, ids: readonly string[]): Promise<OrganisationRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('organisation').selectAll().where('id', 'in', ids).execute();
}

export async function listOrganisations(db: DbOrTrx, page: KeysetPage): Promise<OrganisationRow[]> {
  return db
    .selectFrom('organisation')
    .selectAll()
    .$call(keysetPage(['name', 'id'], page))
    .execute();
}

// Accounts

export async function insertAccount(db: DbOrTrx, row: NewStaffAccountRow, neighbourhoodIds: readonly string[]): Promise<void> {
  await db.insertInto('staff_account').values(row).execute();
  if (neighbourhoodIds.length > 0) {
    await db
      .insertInto('coordinator_neighbourhood')
      .values(neighbourhoodIds.map((neighbourhood_id) => ({ account_id: row.id, neighbourhood_id })))
      .execute();
  }
}

export async function findAccountByEmail(db: DbOrTrx, email: string): Promise<StaffAccountRow | undefined> {
  return db.selectFrom('staff_account').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findAccountById(db: DbOrTrx, id: string): Promise<StaffAccountRow | undefined> {
  return db.selectFrom('staff_account').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countAdmins(db: DbOrTrx): Promise<number> {
  const { count } = await db
    .selectFrom('staff_account')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', 'ADMIN')
    .executeTakeFirstOrThrow();
  return Number(count);
}

export async function listAccounts(db: DbOrTrx, page: KeysetPage): Promise<StaffAccountRow[]> {
  return db
    .selectFrom('staff_account')
    .selectAll()
    .$call(keysetPage(['email', 'id'], page))
    .execute();
}

export async function neighbourhoodIdsOf(db: DbOrTrx, accountId: string): Promise<string[]> {
  const rows = await db.selectFrom('coordinator_neighbourhood').select('neighbourhood_id').where('account_id', '=', accountId).execute();
  return rows.map((r) => r.neighbourhood_id);
}

export async function setAccountDisabled(db: DbOrTrx, id: string, at: string | null): Promise<void> {
  await db.updateTable('staff_account').set({ disabled_at: at }).where('id', '=', id).execute();
}

export async function setPassword(db: DbOrTrx, id: string, passwordHash: string, at: string): Promise<void> {
  await db.updateTable('staff_account').set({ password_hash: passwordHash, password_changed_at: at }).where('id', '=', id).execute();
}

// Sessions

export async function insertSession(db: DbOrTrx, row: StaffSessionRow): Promise<void> {
  await db.insertInto('staff_session').values(row).execute();
}

export async function findSessionWithAccount(db: DbOrTrx, idHash: string) {
  return db
    .selectFrom('staff_session')
    .innerJoin('staff_account', 'staff_account.id', 'staff_session.account_id')
    .select([
      'staff_session.id_hash',
      'staff_session.last_seen_at',
      'staff_session.expires_at',
      'staff_account.id as account_id',
      'staff_account.role',
      'staff_account.organisation_id',
      'staff_account.disabled_at',
    ])
    .where('staff_session.id_hash', '=', idHash)
    .executeTakeFirst();
}

export async function touchSession(db: DbOrTrx, idHash: string, at: string): Promise<void> {
  await db.updateTable('staff_session').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: DbOrTrx, idHash: string): Promise<void> {
  await db.deleteFrom('staff_session').where('id_hash', '=', idHash).execute();
}

/** Ends every session of an account, optionally keeping one (the one changing the password). */
export async function deleteSessionsOfAccount(db: DbOrTrx, accountId: string, keepHash?: string): Promise<void> {
  let query = db.deleteFrom('staff_session').where('account_id', '=', accountId);
  if (keepHash) query = query.where('id_hash', '!=', keepHash);
  await query.execute();
}

// Staff invites

export async function insertStaffInvite(db: DbOrTrx, row: NewStaffInviteRow): Promise<void> {
  await db.insertInto('staff_invite').values(row).execute();
}

export async function findStaffInviteByTokenHash(db: DbOrTrx, tokenHash: string): Promise<StaffInviteRow | undefined> {
  return db.selectFrom('staff_invite').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Marks an invite used; false when it was used already (the loser of a race). */
export async function claimStaffInvite(db: DbOrTrx, id: string, at: string): Promise<boolean> {
  const result = await db.updateTable('staff_invite').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listStaffInvites(db: DbOrTrx, page: KeysetPage): Promise<StaffInviteRow[]> {
  return db
    .selectFrom('staff_invite')
    .selectAll()
    .$call(keysetPage(['created_at', 'id'], page))
    .execute();
}

/** Every SQL statement about sign-ups (signup), their dates (signup_day) and their tools (signup_tool). */
import { v7 as uuidv7 } from 'uuid';
import type { DbOrTrx } from '../../db/database.js';
import type { ParticipantInviteRow } from '../participant/participant.table.js';
import type { SignupDayRow, SignupRow, SignupToolRow } from './signup.table.js';

export async function insertSignup(db: DbOrTrx, row: SignupRow): Promise<void> {
  await db.insertInto('signup').values(row).execute();
}

/**
 * A sign-up made at `at` with nothing filled in but what `fields` gives: for the demo seed and
 * tests that write sign-ups straight into the table, bypassing the form's checks.
 */
export const blankSignupRow = (at: string, fields: Pick<SignupRow, 'campaign_id' | 'token_hash'> & Partial<SignupRow>): SignupRow => ({
  id: uuidv7(),
  display_name: null,
  contact: null,
  contact_consent_at: null,
  walker_kind: null,
  organisation: null,
  needs: null,
  street_id: null,
  house_number: null,
  estimate_area_cm2: null,
  estimate_tiles: null,
  wants_help: 0,
  wants_pickup: 0,
  participant_id: null,
  created_at: at,
  updated_at: at,
  cancelled_at: null,
  erased_at: null,
  ...fields,
});

export async function findSignup(db: DbOrTrx, id: string): Promise<SignupRow | undefined> {
  return db.selectFrom('signup').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The sign-up a personal link opens: the one from the confirmation screen, or one from a confirmation mail. */
export async function findSignupByTokenHash(db: DbOrTrx, tokenHash: string): Promise<SignupRow | undefined> {
  return db
    .selectFrom('signup')
    .selectAll()
    .where((eb) => eb.or([eb('token_hash', '=', tokenHash), eb('id', 'in', eb.selectFrom('signup_mail_link').select('signup_id').where('token_hash', '=', tokenHash))]))
    .executeTakeFirst();
}

export async function insertSignupMailLink(db: DbOrTrx, tokenHash: string, signupId: string, at: string): Promise<void> {
  await db.insertInto('signup_mail_link').values({ token_hash: tokenHash, signup_id: signupId, created_at: at }).execute();
}

export async function deleteSignupMailLink(db: DbOrTrx, tokenHash: string): Promise<void> {
  await db.deleteFrom('signup_mail_link').where('token_hash', '=', tokenHash).execute();
}

export async function findSignupsByIds(db: DbOrTrx, ids: readonly string[]): Promise<SignupRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('signup').selectAll().where('id', 'in', ids).execute();
}

export type SignupDetails = Omit<SignupRow, 'id' | 'campaign_id' | 'token_hash' | 'participant_id' | 'created_at' | 'cancelled_at' | 'erased_at'>;

export async function updateSignupDetails(db: DbOrTrx, id: string, set: SignupDetails): Promise<void> {
  await db.updateTable('signup').set(set).where('id', '=', id).execute();
}

/**
 * A cancelled sign-up keeps no contact, consent or needs: they were given for taking part.
 * The name stays for the person's own page (which says they cancelled); a cancelled
 * sign-up holds no date, so no planning shows it.
 */
export async function markCancelled(db: DbOrTrx, id: string, at: string): Promise<void> {
  await db.updateTable('signup').set({ cancelled_at: at, contact: null, contact_consent_at: null, needs: null, updated_at: at }).where('id', '=', id).execute();
}

export async function linkParticipant(db: DbOrTrx, id: string, participantId: string): Promise<void> {
  await db.updateTable('signup').set({ participant_id: participantId }).where('id', '=', id).execute();
}

export async function insertSignupDays(db: DbOrTrx, rows: SignupDayRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('signup_day').values(rows).execute();
}

export async function deleteSignupDays(db: DbOrTrx, signupId: string, dayIds: readonly string[]): Promise<void> {
  if (dayIds.length > 0) await db.deleteFrom('signup_day').where('signup_id', '=', signupId).where('day_id', 'in', dayIds).execute();
}

export async function daysOfSignups(db: DbOrTrx, signupIds: readonly string[]): Promise<SignupDayRow[]> {
  if (signupIds.length === 0) return [];
  return db.selectFrom('signup_day').selectAll().where('signup_id', 'in', signupIds).execute();
}

export async function confirmSignupDay(db: DbOrTrx, signupId: string, dayId: string): Promise<void> {
  await db.updateTable('signup_day').set({ status: 'CONFIRMED', waiting_since: null }).where('signup_id', '=', signupId).where('day_id', '=', dayId).execute();
}

/** Per day: how many are confirmed and how many wait. */
export async function countsOfDays(db: DbOrTrx, dayIds: readonly string[]): Promise<Map<string, { confirmed: number; waiting: number }>> {
  const counts = new Map(dayIds.map((id) => [id, { confirmed: 0, waiting: 0 }]));
  if (dayIds.length === 0) return counts;
  const rows = await db
    .selectFrom('signup_day')
    .select((eb) => ['day_id', 'status', eb.fn.countAll<number | string>().as('count')])
    .where('day_id', 'in', dayIds)
    .groupBy(['day_id', 'status'])
    .execute();
  for (const row of rows) {
    const entry = counts.get(row.day_id)!;
    if (row.status === 'CONFIRMED') entry.confirmed = Number(row.count);
    else entry.waiting = Number(row.count);
  }
  return counts;
}

/** The day's sign-up rows of one status: confirmed in signed-up order, waiting in waiting-list order. */
export async function signupDaysOfDay(db: DbOrTrx, dayId: string, status: 'CONFIRMED' | 'WAITING', limit?: number): Promise<SignupDayRow[]> {
  let query = db.selectFrom('signup_day').selectAll().where('day_id', '=', dayId).where('status', '=', status);
  query = status === 'WAITING' ? query.orderBy('waiting_since').orderBy('signup_id') : query.orderBy('created_at').orderBy('signup_id');
  if (limit !== undefined) query = query.limit(limit);
  return query.execute();
}

/** How many wait before this row on its day (the waiting list is in waiting_since, then id order). */
export async function waitingAhead(db: DbOrTrx, row: Pick<SignupDayRow, 'day_id' | 'signup_id' | 'waiting_since'>): Promise<number> {
  const since = row.waiting_since ?? '';
  const result = await db
    .selectFrom('signup_day')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('day_id', '=', row.day_id)
    .where('status', '=', 'WAITING')
    .where((eb) => eb.or([eb('waiting_since', '<', since), eb.and([eb('waiting_since', '=', since), eb('signup_id', '<', row.signup_id)])]))
    .executeTakeFirstOrThrow();
  return Number(result.count);
}

export async function replaceSignupTools(db: DbOrTrx, signupId: string, rows: SignupToolRow[]): Promise<void> {
  await db.deleteFrom('signup_tool').where('signup_id', '=', signupId).execute();
  if (rows.length > 0) await db.insertInto('signup_tool').values(rows).execute();
}

export async function toolsOfSignups(db: DbOrTrx, signupIds: readonly string[]): Promise<SignupToolRow[]> {
  if (signupIds.length === 0) return [];
  return db.selectFrom('signup_tool').selectAll().where('signup_id', 'in', signupIds).execute();
}

/** How many are signed up for the day, confirmed or waiting (a cancelled or removed sign-up holds no date). */
export async function signupCountOfDay(db: DbOrTrx, dayId: string): Promise<number> {
  const row = await db.selectFrom('signup_day').select((eb) => eb.fn.countAll<number | string>().as('count')).where('day_id', '=', dayId).executeTakeFirstOrThrow();
  return Number(row.count);
}

type ErasedSignups = { campaignId: string } | { participantId: string } | { signupId: string };

const erasedColumn = (where: ErasedSignups) =>
  'campaignId' in where ? (['campaign_id', where.campaignId] as const) : 'participantId' in where ? (['participant_id', where.participantId] as const) : (['id', where.signupId] as const);

/**
 * Erased sign-ups keep no name, contact, house number or needs, and no mailed links: a
 * campaign's at retention, the one linked to a participant who deletes their data, or
 * one a coordinator removes. One of the three is required, so a call can never erase
 * every sign-up.
 */
export async function eraseSignups(db: DbOrTrx, where: ErasedSignups, at: string): Promise<number> {
  const [column, value] = erasedColumn(where);
  await db
    .deleteFrom('signup_mail_link')
    .where('signup_id', 'in', (eb) => eb.selectFrom('signup').select('id').where(column, '=', value))
    .execute();
  const result = await db
    .updateTable('signup')
    .set({ display_name: null, contact: null, contact_consent_at: null, house_number: null, needs: null, erased_at: at, updated_at: at })
    .where(column, '=', value)
    .where('erased_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * The campaign's invite behind participants who joined with their sign-up link (the
 * participant table needs one): it takes no code (max_uses 0), which no coordinator's
 * invite has (those take at least one use).
 */
export async function findSignupInvite(db: DbOrTrx, campaignId: string): Promise<ParticipantInviteRow | undefined> {
  return db.selectFrom('participant_invite').selectAll().where('campaign_id', '=', campaignId).where('max_uses', '=', 0).executeTakeFirst();
}

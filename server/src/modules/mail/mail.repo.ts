/**
 * Every SQL statement of residents' e-mail: the outbox, the unsubscribe tokens, and the
 * reads of a participant that mail needs (their address and consent, read at send time).
 * Unsubscribing withdraws consent through participant/consent.repo.ts, as the app does.
 */
import { sql, type Insertable } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import type { MailKind, MailOutboxTable, MailState } from './mail.table.js';

export interface MailRecipient {
  contact: string | null;
  contact_consent_at: string | null;
  erased_at: string | null;
}

export async function findRecipient(db: DbOrTrx, participantId: string): Promise<MailRecipient | undefined> {
  return db.selectFrom('participant').select(['contact', 'contact_consent_at', 'erased_at']).where('id', '=', participantId).executeTakeFirst();
}

/** A row of one kind leaves the other kind's columns out. */
export async function insertOutboxMail(db: DbOrTrx, row: Insertable<MailOutboxTable>): Promise<void> {
  await db.insertInto('mail_outbox').values(row).execute();
}

/** How many sign-up mails were queued for this address (by hash) since `since`, whatever became of them. */
export async function countMailToRecipientSince(db: DbOrTrx, recipientHash: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('mail_outbox')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('recipient_hash', '=', recipientHash)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Housekeeping: a row queued before `before` no longer counts against its address, so it keeps no hash of it. */
export async function clearRecipientHashesBefore(db: DbOrTrx, before: string): Promise<void> {
  await db.updateTable('mail_outbox').set({ recipient_hash: null }).where('recipient_hash', 'is not', null).where('created_at', '<', before).execute();
}

export async function mailKindOf(db: DbOrTrx, id: string): Promise<MailKind | undefined> {
  return (await db.selectFrom('mail_outbox').select('kind').where('id', '=', id).executeTakeFirst())?.kind;
}

/** A claimed sign-up mail: the sign-up it is about (its address and consent are read from there) and, for a freed place, the date. */
export async function loadSignupMail(db: DbOrTrx, id: string) {
  return db
    .selectFrom('mail_outbox')
    .innerJoin('signup', 'signup.id', 'mail_outbox.signup_id')
    .select(['mail_outbox.id', 'mail_outbox.signup_id', 'mail_outbox.day_id', 'mail_outbox.attempts', 'mail_outbox.created_at'])
    .where('mail_outbox.id', '=', id)
    .where('mail_outbox.kind', 'in', ['SIGNUP_CONFIRMATION', 'SIGNUP_PLACE_FREED'])
    .executeTakeFirst();
}

/** Mails due now, oldest due first. */
export async function dueMailIds(db: DbOrTrx, now: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('mail_outbox')
    .select('id')
    .where('state', '=', 'PENDING')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Takes a due mail for one attempt: counts the attempt and moves its due time to the end of
 * the lease, so no other loop takes it meanwhile. False when another loop was first.
 */
export async function claimMail(db: DbOrTrx, id: string, now: string, leaseUntil: string): Promise<boolean> {
  const result = await db
    .updateTable('mail_outbox')
    .set({ attempts: sql`attempts + 1`, next_attempt_at: leaseUntil })
    .where('id', '=', id)
    .where('state', '=', 'PENDING')
    .where('next_attempt_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A claimed mail with what it needs: the recipient's address and consent, the finding as the resident recorded it. */
export async function loadMailToSend(db: DbOrTrx, id: string) {
  return db
    .selectFrom('mail_outbox')
    .innerJoin('participant', 'participant.id', 'mail_outbox.participant_id')
    .innerJoin('finding', 'finding.id', 'mail_outbox.finding_id')
    .innerJoin('campaign', 'campaign.id', 'finding.campaign_id')
    .leftJoin('spot', 'spot.id', 'finding.spot_id')
    .leftJoin('street', 'street.id', 'finding.street_id')
    .select([
      'mail_outbox.id',
      'mail_outbox.participant_id',
      'mail_outbox.finding_id',
      'mail_outbox.finding_status',
      'mail_outbox.public_message',
      'mail_outbox.attempts',
      'mail_outbox.created_at',
      'participant.contact',
      'participant.contact_consent_at',
      'participant.erased_at',
      'finding.category',
      'finding.text',
      'finding.server_time as recorded_at',
      'campaign.name as campaign_name',
      'spot.name as spot_name',
      'street.name as street_name',
    ])
    .where('mail_outbox.id', '=', id)
    .where('mail_outbox.kind', '=', 'FINDING_STATUS')
    .executeTakeFirst();
}

export async function markSent(db: DbOrTrx, id: string, at: string): Promise<void> {
  await db.updateTable('mail_outbox').set({ state: 'SENT', sent_at: at, last_error: null }).where('id', '=', id).execute();
}

export async function scheduleRetry(db: DbOrTrx, id: string, nextAttemptAt: string, error: string): Promise<void> {
  await db.updateTable('mail_outbox').set({ next_attempt_at: nextAttemptAt, last_error: error }).where('id', '=', id).where('state', '=', 'PENDING').execute();
}

/**
 * Gives a claimed mail back as it was before the claim, but for the error: the attempt
 * failed at the mail server, not at this mail, so it uses up no try. Due again at `dueAt`.
 */
export async function releaseMail(db: DbOrTrx, id: string, dueAt: string, error: string): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ attempts: sql`attempts - 1`, next_attempt_at: dueAt, last_error: error })
    .where('id', '=', id)
    .where('state', '=', 'PENDING')
    .where('attempts', '>', 0)
    .execute();
}

export async function finishMail(db: DbOrTrx, id: string, state: Exclude<MailState, 'PENDING' | 'SENT'>, error: string): Promise<void> {
  await db.updateTable('mail_outbox').set({ state, last_error: error }).where('id', '=', id).where('state', '=', 'PENDING').execute();
}

export async function insertUnsubscribeToken(db: DbOrTrx, tokenHash: string, participantId: string, at: string): Promise<void> {
  await db.insertInto('mail_unsubscribe_token').values({ token_hash: tokenHash, participant_id: participantId, created_at: at }).execute();
}

export async function deleteUnsubscribeToken(db: DbOrTrx, tokenHash: string): Promise<void> {
  await db.deleteFrom('mail_unsubscribe_token').where('token_hash', '=', tokenHash).execute();
}

/** Whose link a token is, whether they still get mail, and the activity it was about. */
export async function findUnsubscribeToken(db: DbOrTrx, tokenHash: string) {
  return db
    .selectFrom('mail_unsubscribe_token')
    .innerJoin('participant', 'participant.id', 'mail_unsubscribe_token.participant_id')
    .innerJoin('campaign', 'campaign.id', 'participant.campaign_id')
    .select(['participant.id as participant_id', 'participant.contact_consent_at', 'participant.erased_at', 'campaign.name as campaign_name'])
    .where('mail_unsubscribe_token.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function cancelPendingMail(db: DbOrTrx, participantId: string, reason: string): Promise<number> {
  const result = await db
    .updateTable('mail_outbox')
    .set({ state: 'CANCELLED', last_error: reason })
    .where('participant_id', '=', participantId)
    .where('state', '=', 'PENDING')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Housekeeping: pending mail too old to be worth sending is given up. */
export async function expirePendingBefore(db: DbOrTrx, before: string): Promise<number> {
  const result = await db
    .updateTable('mail_outbox')
    .set({ state: 'FAILED', last_error: 'EXPIRED' })
    .where('state', '=', 'PENDING')
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Housekeeping: unsubscribe links stop working this long after their mail was sent. */
export async function deleteUnsubscribeTokensBefore(db: DbOrTrx, before: string): Promise<number> {
  const result = await db.deleteFrom('mail_unsubscribe_token').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Housekeeping: finished mail is forgotten after a while; tokens of erased participants go at once. */
export async function deleteFinishedBefore(db: DbOrTrx, before: string): Promise<void> {
  await db.deleteFrom('mail_outbox').where('state', '!=', 'PENDING').where('created_at', '<', before).execute();
  await db
    .deleteFrom('mail_unsubscribe_token')
    .where('participant_id', 'in', (eb) => eb.selectFrom('participant').select('id').where('erased_at', 'is not', null))
    .execute();
}

/**
 * The mail outbox also sends the confirmation of a sign-up (with its personal link), so a
 * row is about a finding (participant_id, finding_id, finding_status, public_message) or
 * about a sign-up (signup_id). SQLite cannot drop NOT NULL from a column: the table is
 * rebuilt with the same rows. Neither the outbox nor the new signup_mail_link table holds
 * an e-mail address or a link's secret: the address is read at send time, and the link
 * in the mail is a secret of its own made at send time, stored here only as its hash
 * (the secret on the confirmation screen is never stored, so it cannot be mailed later).
 */
import type { Kysely } from 'kysely';

const KEPT_COLUMNS = ['id', 'participant_id', 'finding_id', 'kind', 'finding_status', 'public_message', 'state', 'attempts', 'next_attempt_at', 'created_at', 'sent_at', 'last_error'] as const;

async function createOutbox(db: Kysely<any>, name: string, withSignups: boolean): Promise<void> {
  let table = db.schema
    .createTable(name)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('participant_id', 'text', (c) => (withSignups ? c.references('participant.id') : c.notNull().references('participant.id')))
    .addColumn('finding_id', 'text', (c) => (withSignups ? c.references('finding.id') : c.notNull().references('finding.id')));
  if (withSignups) table = table.addColumn('signup_id', 'text', (c) => c.references('signup.id'));
  await table
    // 'FINDING_STATUS' or 'SIGNUP_CONFIRMATION'.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('finding_status', 'text', (c) => (withSignups ? c : c.notNull()))
    .addColumn('public_message', 'text', (c) => (withSignups ? c : c.notNull()))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('last_error', 'text')
    .execute();
}

async function rebuild(db: Kysely<any>, withSignups: boolean): Promise<void> {
  await createOutbox(db, 'mail_outbox_rebuilt', withSignups);
  let rows = db.selectFrom('mail_outbox').select([...KEPT_COLUMNS]);
  // Going down, sign-up mail has no place in the old table.
  if (!withSignups) rows = rows.where('kind', '=', 'FINDING_STATUS');
  await db.insertInto('mail_outbox_rebuilt').columns([...KEPT_COLUMNS]).expression(rows).execute();
  await db.schema.dropTable('mail_outbox').execute();
  await db.schema.alterTable('mail_outbox_rebuilt').renameTo('mail_outbox').execute();
  await db.schema.createIndex('mail_outbox_due_idx').on('mail_outbox').columns(['state', 'next_attempt_at']).execute();
  await db.schema.createIndex('mail_outbox_participant_idx').on('mail_outbox').columns(['participant_id', 'state']).execute();
  if (withSignups) await db.schema.createIndex('mail_outbox_signup_idx').on('mail_outbox').column('signup_id').execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await rebuild(db, true);
  await db.schema
    .createTable('signup_mail_link')
    // SHA-256 of the personal link's secret in a confirmation mail; it opens the sign-up as the first link does.
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('signup_id', 'text', (c) => c.notNull().references('signup.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('signup_mail_link_signup_idx').on('signup_mail_link').column('signup_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('signup_mail_link').execute();
  await rebuild(db, false);
}

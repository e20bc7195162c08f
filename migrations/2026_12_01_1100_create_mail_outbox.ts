/**
 * E-mail to residents about their findings: a transactional outbox (a row is written in
 * the same transaction as the status change it tells about, and a background loop sends
 * it later, with retries), and the unsubscribe links' tokens (only their SHA-256 hashes).
 * Neither table holds an e-mail address: it is read from the participant at send time, so
 * an erasure or a withdrawn consent before sending means no mail.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participant.id'))
    .addColumn('finding_id', 'text', (c) => c.notNull().references('finding.id'))
    // 'FINDING_STATUS' for now; the column lets other kinds of mail share the loop later.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('finding_status', 'text', (c) => c.notNull())
    .addColumn('public_message', 'text', (c) => c.notNull())
    // 'PENDING', 'SENT', 'CANCELLED' (no consent or address any more) or 'FAILED' (given up).
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // When the loop may (try to) send it next; while an attempt runs, the end of its lease.
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    // A short code for operators ("451 DATA EMESSAGE", "CONN ESOCKET"), never an address.
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('mail_outbox_due_idx').on('mail_outbox').columns(['state', 'next_attempt_at']).execute();
  await db.schema.createIndex('mail_outbox_participant_idx').on('mail_outbox').columns(['participant_id', 'state']).execute();

  await db.schema
    .createTable('mail_unsubscribe_token')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participant.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mail_unsubscribe_token_participant_idx').on('mail_unsubscribe_token').column('participant_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mail_unsubscribe_token').execute();
  await db.schema.dropTable('mail_outbox').execute();
}

/**
 * Sign-up mail goes to any address a person types, so mail per address is capped (a few a
 * day, mail-outbox.service.ts). To count it the outbox row keeps a hash of the normalised
 * address it was queued for, never the address itself; the hourly tidy-up clears the hash
 * once the row no longer counts. Finding mail leaves it empty.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mail_outbox').addColumn('recipient_hash', 'text').execute();
  await db.schema.createIndex('mail_outbox_recipient_idx').on('mail_outbox').columns(['recipient_hash', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('mail_outbox_recipient_idx').execute();
  await db.schema.alterTable('mail_outbox').dropColumn('recipient_hash').execute();
}

/**
 * A person on a waiting list who moves up gets a mail naming the date (SIGNUP_PLACE_FREED):
 * the outbox row keeps which date. If the date is taken out before the mail goes, the row
 * keeps no dangling id (set null) and the delivery loop sends nothing.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('mail_outbox')
    .addColumn('day_id', 'text', (c) => c.references('campaign_day.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('mail_outbox').where('kind', '=', 'SIGNUP_PLACE_FREED').execute();
  await db.schema.alterTable('mail_outbox').dropColumn('day_id').execute();
}

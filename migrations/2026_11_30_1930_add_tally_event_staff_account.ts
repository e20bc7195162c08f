/**
 * Which staff account recorded a tally event (null for participants' events and for
 * events recorded before this column existed). Resending an event id is answered with
 * the event only for whoever recorded it; before, the ledger could not tell two
 * coordinators apart.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tally_event').addColumn('staff_account_id', 'text', (c) => c.references('staff_account.id')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tally_event').dropColumn('staff_account_id').execute();
}

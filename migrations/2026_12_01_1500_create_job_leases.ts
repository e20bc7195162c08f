/**
 * Job leases (issue 20): when several app instances share one database, a background job
 * (the retention run, the e-mail loop, the outbox housekeeping) runs on one of them at a
 * time, the one whose holder id the job's row names until `expires_at` (ISO-8601 UTC). The
 * holder renews the row while it runs the job and deletes it when it stops; a row that
 * ran out (its holder crashed) is taken over by the next instance that asks.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_lease')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job_lease').execute();
}

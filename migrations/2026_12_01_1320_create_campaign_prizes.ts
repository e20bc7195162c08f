/**
 * Prizes for the most active participants (issue 17): the prize categories a coordinator
 * chose for a campaign's closing event, one row per chosen category. The categories
 * themselves are a fixed list in code (server/src/modules/prize/prize-categories.ts); the
 * winners are not stored, they are proposed from the data each time.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('campaign_prize')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('chosen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_prize_pk', ['campaign_id', 'category'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('campaign_prize').execute();
}

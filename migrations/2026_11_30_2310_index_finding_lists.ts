/**
 * Indexes for the console's findings lists, which page, filter and count in the database:
 * - a partner's routed findings are read newest first by (server_time, id); the old index
 *   stopped at server_time, so every page sorted the ties in a temporary b-tree;
 * - the counts per theme and rating of a campaign read only the index, already grouped.
 * Pages of a campaign's findings keep finding_campaign_idx (campaign_id, server_time, id).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('finding_routed_list_idx').on('finding').columns(['routed_organisation_id', 'server_time', 'id']).execute();
  await db.schema.dropIndex('finding_routed_idx').execute();
  await db.schema.createIndex('finding_theme_rating_idx').on('finding').columns(['campaign_id', 'category', 'rating']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('finding_theme_rating_idx').execute();
  await db.schema.createIndex('finding_routed_idx').on('finding').columns(['routed_organisation_id', 'server_time']).execute();
  await db.schema.dropIndex('finding_routed_list_idx').execute();
}

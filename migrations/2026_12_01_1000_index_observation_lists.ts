/**
 * A schouw's answers newest first (Campaign.observations in the console) and the answers
 * export read a campaign's observations in (server_time, id) order; this index serves both
 * without sorting every answer of a big schouw.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('observation_list_idx').on('observation').columns(['campaign_id', 'server_time', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('observation_list_idx').execute();
}

/**
 * Indexes for the editable action plan and the public schouw results:
 * - a finding's action items are looked up by finding (Finding.actionItems, the FINDING
 *   snapshot that phones pull); the primary key starts with the item, so that read
 *   scanned the whole link table;
 * - a campaign's action plan, ordered by due date;
 * - a partner's items, those whose owner organisation is theirs, newest first;
 * - who may see a photo is decided from the findings that show it, looked up by photo
 *   (GET /media/:id); the primary key starts with the finding.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('action_item_finding_finding_idx').on('action_item_finding').columns(['finding_id', 'action_item_id']).execute();
  await db.schema.createIndex('action_item_campaign_idx').on('action_item').columns(['campaign_id', 'due_date']).execute();
  await db.schema.createIndex('action_item_organisation_idx').on('action_item').columns(['owner_organisation_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('finding_photo_photo_idx').on('finding_photo').columns(['photo_id', 'finding_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('finding_photo_photo_idx').execute();
  await db.schema.dropIndex('action_item_organisation_idx').execute();
  await db.schema.dropIndex('action_item_campaign_idx').execute();
  await db.schema.dropIndex('action_item_finding_finding_idx').execute();
}

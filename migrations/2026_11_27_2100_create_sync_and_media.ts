/**
 * Offline sync and photos: devices and the mutations they pushed (kept for good, so a
 * replay gets the same answer), a change log that devices pull from, finding edit
 * conflicts, and uploaded photos.
 */
import type { Kysely } from 'kysely';
import { increasingKey } from './support/dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sync_device')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // 'p:<participant id>' or 's:<staff account id>': a device id belongs to one principal.
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.references('campaign.id'))
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_sync_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sync_device_campaign_idx').on('sync_device').columns(['campaign_id', 'last_sync_at']).execute();

  await db.schema
    .createTable('sync_mutation')
    .addColumn('mutation_id', 'text', (c) => c.primaryKey())
    .addColumn('device_id', 'text', (c) => c.notNull().references('sync_device.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('message', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('flags', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('sync_mutation_device_seq', ['device_id', 'seq'])
    .execute();

  await db.schema
    .createTable('change_log')
    .addColumn('seq', 'integer', increasingKey(db))
    .addColumn('neighbourhood_id', 'text', (c) => c.notNull())
    // Null: the change concerns every campaign of the neighbourhood (a spot, a street).
    .addColumn('campaign_id', 'text')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('change_log_scope_idx').on('change_log').columns(['neighbourhood_id', 'seq']).execute();

  await db.schema.alterTable('finding').addColumn('field_versions', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  await db.schema
    .createTable('finding_conflict')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('finding_id', 'text', (c) => c.notNull().references('finding.id'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('device_value', 'text')
    .addColumn('server_value', 'text')
    .addColumn('base_version', 'integer', (c) => c.notNull())
    .addColumn('device_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolution', 'text')
    .execute();
  await db.schema.createIndex('finding_conflict_finding_idx').on('finding_conflict').columns(['finding_id', 'resolved_at']).execute();

  await db.schema
    .createTable('media')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('original_bytes', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['media', 'finding_conflict', 'change_log', 'sync_mutation', 'sync_device']) await db.schema.dropTable(table).execute();
  await db.schema.alterTable('finding').dropColumn('field_versions').execute();
}

/**
 * The field work: spots on streets, campaign days and targets, versioned checklists,
 * findings with their follow-up and action plan, and the append-only tegelwip ledger with
 * its rollups (kept in the same transaction as each event).
 */
import type { Kysely } from 'kysely';
import { doubleType } from './support/dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('spot')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('neighbourhood_id', 'text', (c) => c.notNull().references('neighbourhood.id'))
    .addColumn('street_id', 'text', (c) => c.notNull().references('street.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('lat', doubleType(db))
    .addColumn('lon', doubleType(db))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('spot_street_idx').on('spot').columns(['neighbourhood_id', 'street_id', 'name']).execute();

  await db.schema
    .createTable('checklist_template')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('checklist_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('template_id', 'text', (c) => c.notNull().references('checklist_template.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff_account.id'))
    .addUniqueConstraint('checklist_version_unique', ['template_id', 'version'])
    .execute();
  await db.schema
    .createTable('checklist_section')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) => c.notNull().references('checklist_version.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('checklist_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) => c.notNull().references('checklist_version.id'))
    .addColumn('section_id', 'text', (c) => c.notNull().references('checklist_section.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('prompt', 'text', (c) => c.notNull())
    .addColumn('help', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    // JSON arrays: the options of a CHOICE item, and the spot types it applies to ([] = all).
    .addColumn('choices', 'text', (c) => c.notNull())
    .addColumn('spot_types', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('checklist_item_version_idx').on('checklist_item').columns(['version_id', 'position']).execute();

  await db.schema.alterTable('campaign').addColumn('target_area_cm2', 'integer').execute();
  await db.schema.alterTable('campaign').addColumn('public_progress', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('campaign').addColumn('checklist_version_id', 'text', (c) => c.references('checklist_version.id')).execute();
  await db.schema
    .createTable('campaign_day')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addUniqueConstraint('campaign_day_unique', ['campaign_id', 'date'])
    .execute();

  await db.schema
    .createTable('finding')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('spot_id', 'text', (c) => c.references('spot.id'))
    .addColumn('street_id', 'text', (c) => c.references('street.id'))
    .addColumn('checklist_item_id', 'text', (c) => c.references('checklist_item.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('rating', 'text')
    .addColumn('answer', 'text')
    .addColumn('text', 'text')
    .addColumn('suggestion', 'text')
    .addColumn('lat', doubleType(db))
    .addColumn('lon', doubleType(db))
    .addColumn('accuracy_m', doubleType(db))
    .addColumn('participant_id', 'text', (c) => c.references('participant.id'))
    .addColumn('staff_account_id', 'text', (c) => c.references('staff_account.id'))
    .addColumn('device_time', 'text', (c) => c.notNull())
    .addColumn('server_time', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('routed_organisation_id', 'text', (c) => c.references('organisation.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('finding_campaign_idx').on('finding').columns(['campaign_id', 'server_time', 'id']).execute();
  await db.schema.createIndex('finding_routed_idx').on('finding').columns(['routed_organisation_id', 'server_time']).execute();
  await db.schema.createIndex('finding_spot_idx').on('finding').columns(['spot_id', 'server_time']).execute();
  await db.schema
    .createTable('finding_photo')
    .addColumn('finding_id', 'text', (c) => c.notNull().references('finding.id'))
    .addColumn('photo_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('finding_photo_pk', ['finding_id', 'photo_id'])
    .execute();
  await db.schema
    .createTable('finding_status_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('finding_id', 'text', (c) => c.notNull().references('finding.id'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('public_message', 'text', (c) => c.notNull())
    .addColumn('actor_account_id', 'text', (c) => c.references('staff_account.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('finding_status_event_idx').on('finding_status_event').columns(['finding_id', 'at']).execute();

  await db.schema
    .createTable('action_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('owner_organisation_id', 'text', (c) => c.references('organisation.id'))
    .addColumn('due_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('action_item_finding')
    .addColumn('action_item_id', 'text', (c) => c.notNull().references('action_item.id'))
    .addColumn('finding_id', 'text', (c) => c.notNull().references('finding.id'))
    .addPrimaryKeyConstraint('action_item_finding_pk', ['action_item_id', 'finding_id'])
    .execute();

  await db.schema
    .createTable('tally_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('action_day_id', 'text', (c) => c.notNull().references('campaign_day.id'))
    .addColumn('street_id', 'text', (c) => c.notNull().references('street.id'))
    .addColumn('house_number', 'text')
    .addColumn('participant_id', 'text', (c) => c.references('participant.id'))
    .addColumn('size_code', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('area_cm2', 'integer', (c) => c.notNull())
    .addColumn('corrects_event_id', 'text', (c) => c.references('tally_event.id'))
    .addColumn('device_id', 'text')
    .addColumn('client_time', 'text')
    .addColumn('server_time', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tally_event_campaign_idx').on('tally_event').columns(['campaign_id', 'street_id']).execute();
  await db.schema.createIndex('tally_event_corrects_idx').on('tally_event').column('corrects_event_id').execute();

  // One row per (campaign, dimension, key): the dashboard reads a few hundred rows, never the ledger.
  await db.schema
    .createTable('tally_rollup')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('area_cm2', 'integer', (c) => c.notNull())
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('tally_rollup_pk', ['campaign_id', 'dimension', 'key'])
    .execute();
  await db.schema.createIndex('tally_rollup_rank_idx').on('tally_rollup').columns(['campaign_id', 'dimension', 'area_cm2']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['tally_rollup', 'tally_event', 'action_item_finding', 'action_item', 'finding_status_event', 'finding_photo', 'finding', 'campaign_day', 'checklist_item', 'checklist_section', 'checklist_version', 'checklist_template', 'spot']) {
    await db.schema.dropTable(table).execute();
  }
  for (const column of ['checklist_version_id', 'public_progress', 'target_area_cm2']) {
    await db.schema.alterTable('campaign').dropColumn(column).execute();
  }
}

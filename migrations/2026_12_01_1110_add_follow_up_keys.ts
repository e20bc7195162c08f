/**
 * Follow-up keys and device transfers. A follow-up key is a random secret per device (not
 * per person, not per campaign); the server keeps only its hash. Each participant row a
 * device joined with links to it, so the device keeps seeing its findings' follow-up after
 * retention ended its tokens. A device transfer is a one-time code that moves a device's
 * memberships and key to a new phone. Existing participants keep a null key: their device
 * gets one at its next join or through claimFollowUpKey.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('follow_up_key')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema.alterTable('participant').addColumn('follow_up_key_id', 'text', (c) => c.references('follow_up_key.id')).execute();
  await db.schema.createIndex('participant_follow_up_key_idx').on('participant').column('follow_up_key_id').execute();
  // followUp lists a device's findings newest first: by recorder, then (server_time, id).
  await db.schema.createIndex('finding_participant_idx').on('finding').columns(['participant_id', 'server_time', 'id']).execute();

  await db.schema
    .createTable('device_transfer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('follow_up_key_id', 'text', (c) => c.notNull().references('follow_up_key.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('device_transfer_key_idx').on('device_transfer').columns(['follow_up_key_id', 'used_at']).execute();

  await db.schema
    .createTable('device_transfer_participant')
    .addColumn('transfer_id', 'text', (c) => c.notNull().references('device_transfer.id'))
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participant.id'))
    .addPrimaryKeyConstraint('device_transfer_participant_pk', ['transfer_id', 'participant_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('device_transfer_participant').execute();
  await db.schema.dropTable('device_transfer').execute();
  await db.schema.dropIndex('finding_participant_idx').execute();
  await db.schema.dropIndex('participant_follow_up_key_idx').execute();
  await db.schema.alterTable('participant').dropColumn('follow_up_key_id').execute();
  await db.schema.dropTable('follow_up_key').execute();
}

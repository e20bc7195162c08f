/**
 * Who may do what: partner organisations, staff accounts with their sessions and
 * invites, campaigns (the unit participants join), participant invites and participants,
 * and the audit log of staff actions on personal data and status changes.
 * Secrets (session ids, tokens) are stored only as SHA-256 hashes.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organisation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('staff_account')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.references('organisation.id'))
    .addColumn('disabled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('coordinator_neighbourhood')
    .addColumn('account_id', 'text', (c) => c.notNull().references('staff_account.id').onDelete('cascade'))
    .addColumn('neighbourhood_id', 'text', (c) => c.notNull().references('neighbourhood.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('coordinator_neighbourhood_pk', ['account_id', 'neighbourhood_id'])
    .execute();

  await db.schema
    .createTable('staff_session')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('staff_account.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_session_account_idx').on('staff_session').column('account_id').execute();

  await db.schema
    .createTable('staff_invite')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.references('organisation.id'))
    .addColumn('neighbourhood_ids', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff_account.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await db.schema
    .createTable('campaign')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('neighbourhood_id', 'text', (c) => c.notNull().references('neighbourhood.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    // Set once the personal data of a closed campaign has been erased by the retention job.
    .addColumn('personal_data_erased_at', 'text')
    .execute();
  await db.schema.createIndex('campaign_neighbourhood_idx').on('campaign').columns(['neighbourhood_id', 'created_at']).execute();

  await db.schema
    .createTable('participant_invite')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff_account.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('max_uses', 'integer')
    .addColumn('use_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('participant_invite_campaign_idx').on('participant_invite').column('campaign_id').execute();

  await db.schema
    .createTable('participant')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('invite_id', 'text', (c) => c.notNull().references('participant_invite.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    // Personal data: null once erased (by the person or by the retention job).
    .addColumn('display_name', 'text')
    .addColumn('contact', 'text')
    .addColumn('contact_consent_at', 'text')
    // Stable and never personal: shown in rankings without consent and after erasure.
    .addColumn('pseudonym', 'text', (c) => c.notNull())
    .addColumn('show_name_in_rankings', 'integer', (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('erased_at', 'text')
    .execute();
  await db.schema.createIndex('participant_campaign_idx').on('participant').columns(['campaign_id', 'joined_at']).execute();

  await db.schema
    .createTable('audit_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_account_id', 'text', (c) => c.references('staff_account.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('request_id', 'text')
    .execute();
  await db.schema.createIndex('audit_event_at_idx').on('audit_event').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['audit_event', 'participant', 'participant_invite', 'campaign', 'staff_invite', 'staff_session', 'coordinator_neighbourhood', 'staff_account', 'organisation']) {
    await db.schema.dropTable(table).execute();
  }
}

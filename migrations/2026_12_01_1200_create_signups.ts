/**
 * Sign-up (inschrijving) before an activity: a campaign opens a public sign-up form, a
 * person chooses dates (each with an optional capacity and a waiting list), tells what
 * the activity needs to know (a garden's address, estimate, tools and help for a tegelwip
 * day; resident or professional for a schouw walk) and keeps a personal link (only its
 * hash is stored) to view, change or cancel. Tools are campaign data with a stock.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // 0 or 1: whether the public sign-up form takes sign-ups.
  await db.schema.alterTable('campaign').addColumn('signup_open', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // How many people a date takes; null = no limit.
  await db.schema.alterTable('campaign_day').addColumn('capacity', 'integer').execute();

  await db.schema
    .createTable('campaign_tool')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    // What the coordinator has available on the central location; null = not entered yet.
    .addColumn('stock', 'integer')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('campaign_tool_name_unique', ['campaign_id', 'name'])
    .execute();

  await db.schema
    .createTable('signup')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    // SHA-256 of the personal link's secret.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text')
    .addColumn('contact', 'text')
    .addColumn('contact_consent_at', 'text')
    // Schouw: 'RESIDENT' or 'PROFESSIONAL' (with organisation); null for a tegelwip day.
    .addColumn('walker_kind', 'text')
    .addColumn('organisation', 'text')
    // Anything that helps the person take part (e.g. walking distance), free text.
    .addColumn('needs', 'text')
    // Tegelwippen: the garden's address and estimate (m² in cm², or a number of tiles).
    .addColumn('street_id', 'text', (c) => c.references('street.id'))
    .addColumn('house_number', 'text')
    .addColumn('estimate_area_cm2', 'integer')
    .addColumn('estimate_tiles', 'integer')
    .addColumn('wants_help', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('wants_pickup', 'integer', (c) => c.notNull().defaultTo(0))
    // The field-app membership made from this sign-up on the day (joinWithSignup).
    .addColumn('participant_id', 'text', (c) => c.references('participant.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    // Set by retention / erasure; name, contact, address and needs are null from then on.
    .addColumn('erased_at', 'text')
    .execute();
  await db.schema.createIndex('signup_campaign_idx').on('signup').columns(['campaign_id', 'created_at']).execute();
  await db.schema.createIndex('signup_participant_idx').on('signup').column('participant_id').execute();

  await db.schema
    .createTable('signup_day')
    .addColumn('signup_id', 'text', (c) => c.notNull().references('signup.id'))
    .addColumn('day_id', 'text', (c) => c.notNull().references('campaign_day.id'))
    // 'CONFIRMED' or 'WAITING'; the waiting list is in order of waiting_since.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('waiting_since', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('signup_day_pk', ['signup_id', 'day_id'])
    .execute();
  await db.schema.createIndex('signup_day_day_idx').on('signup_day').columns(['day_id', 'status']).execute();

  await db.schema
    .createTable('signup_tool')
    .addColumn('signup_id', 'text', (c) => c.notNull().references('signup.id'))
    .addColumn('tool_id', 'text', (c) => c.notNull().references('campaign_tool.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('signup_tool_pk', ['signup_id', 'tool_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('signup_tool').execute();
  await db.schema.dropTable('signup_day').execute();
  await db.schema.dropTable('signup').execute();
  await db.schema.dropTable('campaign_tool').execute();
  await db.schema.alterTable('campaign_day').dropColumn('capacity').execute();
  await db.schema.alterTable('campaign').dropColumn('signup_open').execute();
}

/**
 * Teams for a schouw walk date: the composer forms them from the date's sign-ups and
 * splits the campaign's spots over them; the coordinator may move people and spots and
 * lock the result. Past teams are the history the composer rotates away from.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('team')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('day_id', 'text', (c) => c.notNull().references('campaign_day.id'))
    // 1, 2, 3 … within the day: "Team 2".
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('team_number_unique', ['day_id', 'number'])
    .execute();
  await db.schema.createIndex('team_campaign_idx').on('team').column('campaign_id').execute();

  await db.schema
    .createTable('team_member')
    .addColumn('team_id', 'text', (c) => c.notNull().references('team.id'))
    .addColumn('signup_id', 'text', (c) => c.notNull().references('signup.id'))
    .addPrimaryKeyConstraint('team_member_pk', ['team_id', 'signup_id'])
    .execute();
  await db.schema.createIndex('team_member_signup_idx').on('team_member').column('signup_id').execute();

  await db.schema
    .createTable('team_spot')
    .addColumn('team_id', 'text', (c) => c.notNull().references('team.id'))
    .addColumn('spot_id', 'text', (c) => c.notNull().references('spot.id'))
    // Walking order within the team's route, from 0.
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_spot_pk', ['team_id', 'spot_id'])
    .execute();

  // Per walk date: the team size asked for, and whether the coordinator locked the teams.
  await db.schema
    .createTable('team_plan')
    .addColumn('day_id', 'text', (c) => c.primaryKey().references('campaign_day.id'))
    .addColumn('team_size', 'integer', (c) => c.notNull())
    .addColumn('locked_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('team_plan').execute();
  await db.schema.dropTable('team_spot').execute();
  await db.schema.dropTable('team_member').execute();
  await db.schema.dropTable('team').execute();
}

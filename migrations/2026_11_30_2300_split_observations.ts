/**
 * Checklist answers become observations; findings keep only what needs follow-up.
 *
 * Until now every answer to a checklist item was stored as a finding with status NIEUW, so
 * the findings table, the follow-up and the report filled with answers like "Vaak". This
 * migration:
 * - creates `observation` (an answer at a spot: rating or yes/no, number, choice, text) and
 *   gives every answer-type finding one, under the same id, so a phone that resends an old
 *   answer finds it again;
 * - deletes the answer-type findings that nobody followed up (status NIEUW, no status
 *   message, not routed, no photo, no kans, not in the action plan, no edit conflict); the
 *   others stay findings, linked to their observation (`finding.observation_id`); a kans of
 *   only spaces is no follow-up. Both kinds get a change-log row, so phones pull them again;
 * - adds what the new follow-up needs: which answers of an item ask "should someone do
 *   something about this?" (`checklist_item.signal_answers`), a public message and an
 *   update time on action-plan items, a switch for the public schouw results
 *   (`campaign.public_results`), and photos a coordinator marked public
 *   (`finding_photo.public_at`).
 */
import { sql, type Kysely } from 'kysely';
import { doubleType } from './support/dialect.js';

/** Answer-type findings that someone followed up in any way; they stay findings. */
const FOLLOWED_UP = sql`(
  f.status != 'NIEUW'
  or f.routed_organisation_id is not null
  or nullif(trim(f.suggestion), '') is not null
  or f.version > 1
  or exists (select 1 from finding_status_event e where e.finding_id = f.id)
  or exists (select 1 from finding_photo p where p.finding_id = f.id)
  or exists (select 1 from action_item_finding a where a.finding_id = f.id)
  or exists (select 1 from finding_conflict c where c.finding_id = f.id)
)`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('observation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('spot_id', 'text', (c) => c.notNull().references('spot.id'))
    .addColumn('street_id', 'text', (c) => c.references('street.id'))
    .addColumn('checklist_item_id', 'text', (c) => c.notNull().references('checklist_item.id'))
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('rating', 'text')
    .addColumn('answer', 'text')
    .addColumn('note', 'text')
    .addColumn('lat', doubleType(db))
    .addColumn('lon', doubleType(db))
    .addColumn('accuracy_m', doubleType(db))
    .addColumn('participant_id', 'text', (c) => c.references('participant.id'))
    .addColumn('staff_account_id', 'text', (c) => c.references('staff_account.id'))
    .addColumn('device_time', 'text', (c) => c.notNull())
    .addColumn('server_time', 'text', (c) => c.notNull())
    // A walker who changes an answer: the later one (by device time) counts, the earlier
    // one stays, pointing at it.
    .addColumn('superseded_by', 'text')
    .execute();
  // Scores group a campaign's current ratings by spot and theme; history looks up a spot.
  await db.schema.createIndex('observation_campaign_idx').on('observation').columns(['campaign_id', 'superseded_by', 'spot_id', 'theme', 'rating']).execute();
  await db.schema.createIndex('observation_answer_idx').on('observation').columns(['campaign_id', 'spot_id', 'checklist_item_id']).execute();
  await db.schema.createIndex('observation_spot_idx').on('observation').columns(['spot_id', 'server_time']).execute();
  await db.schema.createIndex('observation_participant_idx').on('observation').columns(['participant_id', 'server_time']).execute();

  await db.schema.alterTable('finding').addColumn('observation_id', 'text', (c) => c.references('observation.id')).execute();
  await db.schema.createIndex('finding_observation_idx').on('finding').column('observation_id').execute();
  await db.schema.alterTable('checklist_item').addColumn('signal_answers', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('action_item').addColumn('public_message', 'text').execute();
  await db.schema.alterTable('action_item').addColumn('updated_at', 'text').execute();
  await db.schema.alterTable('campaign').addColumn('public_results', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('finding_photo').addColumn('public_at', 'text').execute();

  // Every answer keeps its values as an observation under its own id. The text of an
  // answer was a note; a kans (suggestion) keeps the answer a finding, see FOLLOWED_UP.
  await sql`
    insert into observation (id, campaign_id, spot_id, street_id, checklist_item_id, theme, rating, answer, note, lat, lon, accuracy_m, participant_id, staff_account_id, device_time, server_time)
    select id, campaign_id, spot_id, street_id, checklist_item_id, category, rating, answer, text, lat, lon, accuracy_m, participant_id, staff_account_id, device_time, server_time
    from finding where checklist_item_id is not null and spot_id is not null`.execute(db);
  // One walker's earlier answers to the same item at the same spot no longer count.
  await sql`
    update observation as o set superseded_by = (
      select n.id from observation n
      where n.campaign_id = o.campaign_id and n.spot_id = o.spot_id and n.checklist_item_id = o.checklist_item_id
        and (n.participant_id = o.participant_id or n.staff_account_id = o.staff_account_id)
        and (n.device_time, n.id) > (o.device_time, o.id)
      order by n.device_time desc, n.id desc limit 1)`.execute(db);
  await sql`update finding as f set observation_id = f.id where f.checklist_item_id is not null and f.spot_id is not null and ${FOLLOWED_UP}`.execute(db);
  // Phones hold these findings: each gets a change, so the next pull sends the kept ones
  // anew (now with their observation) and, for the deleted ones, finds no finding and
  // answers DELETE (sync-pull.service.ts).
  await sql`
    insert into change_log (neighbourhood_id, campaign_id, entity_type, entity_id, op, at)
    select c.neighbourhood_id, f.campaign_id, 'FINDING', f.id, 'UPSERT', ${new Date().toISOString()}
    from finding f join campaign c on c.id = f.campaign_id
    where f.checklist_item_id is not null and f.spot_id is not null
    order by f.id`.execute(db);
  await sql`delete from finding as f where f.checklist_item_id is not null and f.spot_id is not null and f.observation_id is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // Observations that were never findings become NIEUW findings again, as before.
  await sql`
    insert into finding (id, campaign_id, spot_id, street_id, checklist_item_id, category, rating, answer, text, suggestion, lat, lon, accuracy_m, participant_id, staff_account_id, device_time, server_time, status, routed_organisation_id, version, field_versions)
    select o.id, o.campaign_id, o.spot_id, o.street_id, o.checklist_item_id, o.theme, o.rating, o.answer, o.note, null, o.lat, o.lon, o.accuracy_m, o.participant_id, o.staff_account_id, o.device_time, o.server_time, 'NIEUW', null, 1, '{}'
    from observation o where not exists (select 1 from finding f where f.id = o.id)`.execute(db);
  await db.schema.alterTable('finding_photo').dropColumn('public_at').execute();
  await db.schema.alterTable('campaign').dropColumn('public_results').execute();
  await db.schema.alterTable('action_item').dropColumn('updated_at').execute();
  await db.schema.alterTable('action_item').dropColumn('public_message').execute();
  await db.schema.alterTable('checklist_item').dropColumn('signal_answers').execute();
  await db.schema.dropIndex('finding_observation_idx').execute();
  await db.schema.alterTable('finding').dropColumn('observation_id').execute();
  await db.schema.dropTable('observation').execute();
}

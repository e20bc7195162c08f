/**
 * Questionnaires (vragenlijsten) after an activity. A questionnaire is a checklist template
 * with purpose QUESTIONNAIRE, versioned the same way (an edit is a new version); its
 * questions have no schouw theme and no spot, so they are rows of their own. A campaign
 * names the version it asks (questionnaire_version_id).
 *
 * Answers are anonymous unless the questionnaire asks to link them and the person agrees:
 * a response names its participant only then. Who answered at all is kept apart
 * (questionnaire_participation): one response per participant, and the response rate,
 * without saying who gave which answers. Nothing orders these tables by arrival (without
 * rowid: rows lie in key order; an app response's id is random and it keeps only the
 * date), so no row lines up with the sync request that brought it.
 */
import type { Kysely } from 'kysely';
import { withoutRowidOn } from './support/dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checklist_template').addColumn('purpose', 'text', (c) => c.notNull().defaultTo('CHECKLIST')).execute();
  // 0 or 1, questionnaires only: whether it asks people to link their answers to themselves.
  await db.schema.alterTable('checklist_version').addColumn('asks_to_link', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema
    .createTable('questionnaire_question')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) => c.notNull().references('checklist_version.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('prompt', 'text', (c) => c.notNull())
    .addColumn('help', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    // JSON string[]: the options of a CHOICE question.
    .addColumn('choices', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('questionnaire_question_version_idx').on('questionnaire_question').columns(['version_id', 'position']).execute();
  await db.schema.alterTable('campaign').addColumn('questionnaire_version_id', 'text', (c) => c.references('checklist_version.id')).execute();
  await db.schema
    .createTable('questionnaire_response')
    // The id the phone or the form made: a resent answer is the same response.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('version_id', 'text', (c) => c.notNull().references('checklist_version.id'))
    // 'APP' (a participant's phone) or 'LINK' (the public form).
    .addColumn('channel', 'text', (c) => c.notNull())
    // Only when the questionnaire asks to link and the person agreed.
    .addColumn('participant_id', 'text', (c) => c.references('participant.id'))
    // The Dutch date it arrived, not the time: a time would match the sync that brought it.
    .addColumn('received_on', 'text', (c) => c.notNull())
    .modifyEnd(withoutRowidOn(db))
    .execute();
  await db.schema.createIndex('questionnaire_response_campaign_idx').on('questionnaire_response').columns(['campaign_id', 'received_on']).execute();
  await db.schema
    .createTable('questionnaire_answer')
    .addColumn('response_id', 'text', (c) => c.notNull().references('questionnaire_response.id'))
    .addColumn('question_id', 'text', (c) => c.notNull().references('questionnaire_question.id'))
    // A number (SCALE, NUMBER) as its digits, or the text (YES_NO, CHOICE, TEXT).
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('questionnaire_answer_pk', ['response_id', 'question_id'])
    .modifyEnd(withoutRowidOn(db))
    .execute();
  await db.schema.createIndex('questionnaire_answer_question_idx').on('questionnaire_answer').column('question_id').execute();
  await db.schema
    .createTable('questionnaire_participation')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participant.id'))
    .addPrimaryKeyConstraint('questionnaire_participation_pk', ['campaign_id', 'participant_id'])
    .modifyEnd(withoutRowidOn(db))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('questionnaire_participation').execute();
  await db.schema.dropTable('questionnaire_answer').execute();
  await db.schema.dropTable('questionnaire_response').execute();
  await db.schema.alterTable('campaign').dropColumn('questionnaire_version_id').execute();
  await db.schema.dropTable('questionnaire_question').execute();
  await db.schema.alterTable('checklist_version').dropColumn('asks_to_link').execute();
  await db.schema.alterTable('checklist_template').dropColumn('purpose').execute();
}

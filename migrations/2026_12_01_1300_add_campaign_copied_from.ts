/**
 * "Kopieer voor volgend jaar": a campaign remembers the campaign it was copied from, so the
 * console can link the two years both ways, and one campaign gets one copy (the unique
 * index: a double click or two coordinators at once make one draft, not two).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('campaign')
    .addColumn('copied_from_id', 'text', (c) => c.references('campaign.id'))
    .execute();
  await db.schema.createIndex('campaign_copied_from_idx').unique().on('campaign').column('copied_from_id').where(sql.ref('copied_from_id'), 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('campaign_copied_from_idx').execute();
  await db.schema.alterTable('campaign').dropColumn('copied_from_id').execute();
}

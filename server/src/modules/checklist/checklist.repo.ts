/** Every SQL statement of the checklist module. Versions are written once, never changed. */
import type { DbOrTrx } from '../../db/database.js';
import { keysetPage, type KeysetPage } from '../../db/keyset.js';
import type { ChecklistItemRow, ChecklistSectionRow, ChecklistTemplateRow, ChecklistVersionRow, TemplatePurpose } from './checklist.table.js';

export async function insertTemplate(db: DbOrTrx, row: ChecklistTemplateRow): Promise<void> {
  await db.insertInto('checklist_template').values(row).execute();
}

export async function findTemplate(db: DbOrTrx, id: string): Promise<ChecklistTemplateRow | undefined> {
  return db.selectFrom('checklist_template').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listTemplates(db: DbOrTrx, purpose: TemplatePurpose, page: KeysetPage): Promise<ChecklistTemplateRow[]> {
  return db
    .selectFrom('checklist_template')
    .selectAll()
    .where('purpose', '=', purpose)
    .$call(keysetPage(['name', 'id'], page))
    .execute();
}

export async function latestVersionNumber(db: DbOrTrx, templateId: string): Promise<number> {
  const row = await db
    .selectFrom('checklist_version')
    .select((eb) => eb.fn.max('version').as('latest'))
    .where('template_id', '=', templateId)
    .executeTakeFirst();
  return Number(row?.latest ?? 0);
}

export async function latestVersionsOf(db: DbOrTrx, templateIds: readonly string[]): Promise<ChecklistVersionRow[]> {
  if (templateIds.length === 0) return [];
  return db
    .selectFrom('checklist_version as v')
    .selectAll('v')
    .where('v.template_id', 'in', templateIds)
    .where(({ eb, selectFrom }) =>
      eb('v.version', '=', selectFrom('checklist_version as w').select((e) => e.fn.max('w.version').as('m')).whereRef('w.template_id', '=', 'v.template_id')),
    )
    .execute();
}

/** The purpose of the template a version belongs to, or undefined for an unknown version. */
export async function purposeOfVersion(db: DbOrTrx, versionId: string): Promise<TemplatePurpose | undefined> {
  const row = await db.selectFrom('checklist_version as v').innerJoin('checklist_template as t', 't.id', 'v.template_id').select('t.purpose').where('v.id', '=', versionId).executeTakeFirst();
  return row?.purpose;
}

export async function insertVersionRow(db: DbOrTrx, version: ChecklistVersionRow): Promise<void> {
  await db.insertInto('checklist_version').values(version).execute();
}

export async function insertVersion(db: DbOrTrx, version: ChecklistVersionRow, sections: ChecklistSectionRow[], items: ChecklistItemRow[]): Promise<void> {
  await insertVersionRow(db, version);
  await db.insertInto('checklist_section').values(sections).execute();
  // SQLite allows ~32k bound values per statement; a checklist stays far below that.
  await db.insertInto('checklist_item').values(items).execute();
}

export async function findVersion(db: DbOrTrx, id: string): Promise<ChecklistVersionRow | undefined> {
  return db.selectFrom('checklist_version').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function sectionsOf(db: DbOrTrx, versionIds: readonly string[]): Promise<ChecklistSectionRow[]> {
  if (versionIds.length === 0) return [];
  return db.selectFrom('checklist_section').selectAll().where('version_id', 'in', versionIds).orderBy('position').execute();
}

export async function itemsOf(db: DbOrTrx, versionIds: readonly string[]): Promise<ChecklistItemRow[]> {
  if (versionIds.length === 0) return [];
  return db.selectFrom('checklist_item').selectAll().where('version_id', 'in', versionIds).orderBy('position').execute();
}

export async function findItem(db: DbOrTrx, id: string): Promise<ChecklistItemRow | undefined> {
  return db.selectFrom('checklist_item').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSection(db: DbOrTrx, id: string): Promise<ChecklistSectionRow | undefined> {
  return db.selectFrom('checklist_section').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Versioned checklists. Editing a checklist publishes a new version with all its
 * sections and items; a schouw pins the version it walks with, so answers always refer
 * to the exact question that was asked.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import type { KeysetPage } from '../../db/keyset.js';
import { inTransaction } from '../../db/transaction.js';
import { badInput, notFound } from '../../domain-error.js';
import type { SpotType } from '../spot/spot.table.js';
import * as repo from './checklist.repo.js';
import type { ChecklistItemRow, ChecklistVersionRow, ItemType, TemplatePurpose, Theme } from './checklist.table.js';

export interface ChecklistItem {
  id: string;
  sectionId: string;
  position: number;
  prompt: string;
  help: string | null;
  type: ItemType;
  choices: string[];
  /** Empty: applies to every spot. */
  spotTypes: SpotType[];
  /** Answers after which the walk asks whether someone should act (ratings C and D always do). */
  signalAnswers: string[];
}

export interface ChecklistSection {
  id: string;
  position: number;
  theme: Theme;
  title: string;
  items: ChecklistItem[];
}

export interface ChecklistVersion {
  id: string;
  templateId: string;
  version: number;
  createdAt: string;
  sections: ChecklistSection[];
}

export interface ChecklistTemplate {
  id: string;
  name: string;
}

export const toItem = (row: ChecklistItemRow): ChecklistItem => ({
  id: row.id,
  sectionId: row.section_id,
  position: row.position,
  prompt: row.prompt,
  help: row.help,
  type: row.type,
  choices: JSON.parse(row.choices) as string[],
  spotTypes: JSON.parse(row.spot_types) as SpotType[],
  signalAnswers: JSON.parse(row.signal_answers) as string[],
});

export const appliesTo = (item: Pick<ChecklistItem, 'spotTypes'>, spotType: SpotType): boolean =>
  item.spotTypes.length === 0 || item.spotTypes.includes(spotType);

export interface ChecklistInput {
  name: string;
  sections: {
    theme: Theme;
    title: string;
    items: { prompt: string; help?: string | null; type: ItemType; choices?: string[] | null; spotTypes?: SpotType[] | null; signalAnswers?: string[] | null }[];
  }[];
}

export const MAX_SECTIONS = 20;
export const MAX_ITEMS = 200;

function checkChecklist(input: ChecklistInput): void {
  const items = input.sections.flatMap((s) => s.items);
  if (input.sections.length === 0 || items.length === 0) throw badInput('Een checklist heeft minstens één onderdeel met één vraag.');
  if (input.sections.length > MAX_SECTIONS) throw badInput(`Een checklist heeft hoogstens ${MAX_SECTIONS} onderdelen.`);
  if (items.length > MAX_ITEMS) throw badInput(`Een checklist heeft hoogstens ${MAX_ITEMS} vragen.`);
  for (const item of items) {
    const choices = item.choices ?? [];
    if (item.type === 'CHOICE' && (choices.length < 2 || new Set(choices).size !== choices.length)) {
      throw badInput(`De keuzevraag "${item.prompt}" heeft minstens twee verschillende keuzes nodig.`);
    }
    if (item.type !== 'CHOICE' && choices.length > 0) throw badInput(`Alleen een keuzevraag heeft keuzes ("${item.prompt}").`);
    const signals = item.signalAnswers ?? [];
    const signalOk = item.type === 'YES_NO' ? signals.every((a) => a === 'JA' || a === 'NEE') : item.type === 'CHOICE' ? signals.every((a) => choices.includes(a)) : signals.length === 0;
    if (!signalOk || new Set(signals).size !== signals.length) {
      throw badInput(`Bij "${item.prompt}" kan alleen een ja/nee-antwoord of een van de keuzes om actie vragen.`);
    }
  }
}

/**
 * The row of a template's next version, for a checklist and a questionnaire alike: a new
 * template when no `templateId` is given, else the next number of that template, which
 * must be of this purpose (anything else is answered as not found). Not yet inserted.
 */
export async function newVersionRow(
  trx: DbOrTrx,
  accountId: string,
  input: { templateId?: string | null; name: string; asksToLink?: boolean },
  purpose: TemplatePurpose,
  now: Date,
): Promise<ChecklistVersionRow> {
  let templateId = input.templateId ?? null;
  if (templateId) {
    if ((await repo.findTemplate(trx, templateId))?.purpose !== purpose) throw notFound(purpose === 'CHECKLIST' ? 'Deze checklist' : 'Deze vragenlijst');
  } else {
    templateId = uuidv7();
    await repo.insertTemplate(trx, { id: templateId, name: input.name.trim(), created_at: now.toISOString(), purpose });
  }
  return { id: uuidv7(), template_id: templateId, version: (await repo.latestVersionNumber(trx, templateId)) + 1, created_at: now.toISOString(), created_by: accountId, asks_to_link: input.asksToLink ? 1 : 0 };
}

/** Publishes a checklist as a new template, or as the next version of an existing one. */
export async function publishChecklistVersion(
  db: DbOrTrx,
  viewer: Viewer,
  input: ChecklistInput & { templateId?: string | null },
  now = new Date(),
): Promise<ChecklistVersion> {
  if (viewer.kind !== 'staff' || viewer.role === 'PARTNER') throw notFound();
  checkChecklist(input);
  return inTransaction(db, async (trx) => {
    const version = await newVersionRow(trx, viewer.accountId, input, 'CHECKLIST', now);
    const sections = input.sections.map((s, i) => ({ id: uuidv7(), version_id: version.id, position: i + 1, theme: s.theme, title: s.title.trim() }));
    let position = 0;
    const items = input.sections.flatMap((s, i) =>
      s.items.map((item) => ({
        id: uuidv7(),
        version_id: version.id,
        section_id: sections[i]!.id,
        position: ++position,
        prompt: item.prompt.trim(),
        help: item.help?.trim() || null,
        type: item.type,
        choices: JSON.stringify(item.choices ?? []),
        spot_types: JSON.stringify(item.spotTypes ?? []),
        signal_answers: JSON.stringify(item.signalAnswers ?? []),
      })),
    );
    await repo.insertVersion(trx, version, sections, items);
    return (await loadVersion(trx, version.id))!;
  });
}

export async function loadVersion(db: DbOrTrx, id: string): Promise<ChecklistVersion | null> {
  const version = await repo.findVersion(db, id);
  if (!version) return null;
  const [sections, items] = await Promise.all([repo.sectionsOf(db, [id]), repo.itemsOf(db, [id])]);
  return {
    id: version.id,
    templateId: version.template_id,
    version: version.version,
    createdAt: version.created_at,
    sections: sections.map((s) => ({ id: s.id, position: s.position, theme: s.theme, title: s.title, items: items.filter((i) => i.section_id === s.id).map(toItem) })),
  };
}

export async function listTemplates(db: DbOrTrx, viewer: Viewer, page: KeysetPage, purpose: TemplatePurpose = 'CHECKLIST'): Promise<ChecklistTemplate[]> {
  if (viewer.kind !== 'staff') throw notFound();
  return (await repo.listTemplates(db, purpose, page)).map((r) => ({ id: r.id, name: r.name }));
}

/** Refuses a version id that is not a version of a template for this purpose (a questionnaire is no schouw checklist). */
export async function requireVersionFor(db: DbOrTrx, versionId: string, purpose: TemplatePurpose): Promise<void> {
  if ((await repo.purposeOfVersion(db, versionId)) !== purpose) throw badInput(purpose === 'CHECKLIST' ? 'Kies een checklist uit de lijst.' : 'Kies een vragenlijst uit de lijst.');
}

export async function latestVersionIds(db: DbOrTrx, templateIds: readonly string[]): Promise<Map<string, string>> {
  return new Map((await repo.latestVersionsOf(db, templateIds)).map((v) => [v.template_id, v.id]));
}

export async function findItemWithSection(db: DbOrTrx, itemId: string) {
  const item = await repo.findItem(db, itemId);
  const section = item && (await repo.findSection(db, item.section_id));
  return item && section ? { item: toItem(item), versionId: item.version_id, theme: section.theme } : null;
}

/**
 * Table shapes of versioned checklists: a template has numbered versions; a version's
 * sections and items never change once written (an edit is a new version).
 */
import type { Theme } from '@buurtkracht/protocol/themes';
import type { Selectable } from 'kysely';
import type { SpotType } from '../spot/spot.table.js';

// A section's theme column holds one of the protocol's themes (the web lists the same).
export { THEMES, type Theme } from '@buurtkracht/protocol/themes';

export const ITEM_TYPES = ['RATING', 'YES_NO', 'NUMBER', 'CHOICE', 'TEXT'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** A schouw checklist, or a questionnaire (vragenlijst) made with the same editor and versions. */
export type TemplatePurpose = 'CHECKLIST' | 'QUESTIONNAIRE';

export interface ChecklistTemplateTable {
  id: string;
  name: string;
  created_at: string;
  purpose: TemplatePurpose;
}

export interface ChecklistVersionTable {
  id: string;
  template_id: string;
  version: number;
  created_at: string;
  created_by: string | null;
  /** 0 or 1, questionnaires: whether it asks people to link their answers to themselves. */
  asks_to_link: number;
}

export interface ChecklistSectionTable {
  id: string;
  version_id: string;
  position: number;
  theme: Theme;
  title: string;
}

export interface ChecklistItemTable {
  id: string;
  version_id: string;
  section_id: string;
  position: number;
  prompt: string;
  help: string | null;
  type: ItemType;
  /** JSON string[]: the options of a CHOICE item. */
  choices: string;
  /** JSON SpotType[]: where the item applies; [] means every spot. */
  spot_types: string;
  /**
   * JSON string[]: answers after which the walk asks whether someone should do something
   * about it (e.g. JA to "Blijft hier water staan?"). Ratings C and D always ask.
   */
  signal_answers: string;
}

export type ChecklistTemplateRow = Selectable<ChecklistTemplateTable>;
export type ChecklistVersionRow = Selectable<ChecklistVersionTable>;
export type ChecklistSectionRow = Selectable<ChecklistSectionTable>;
export type ChecklistItemRow = Selectable<ChecklistItemTable>;
export type { SpotType };

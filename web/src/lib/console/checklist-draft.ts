/**
 * The checklist editor's working copy: made from the latest published version (or empty),
 * checked before publishing with messages a coordinator understands, and turned into the
 * publishChecklist input. Publishing always makes a new version; running schouws keep the
 * version they started with.
 */
import type { ChecklistItem, ChecklistTemplate } from '$lib/graphql/console/campaign-operations';
import type { SpotType, Theme } from '$lib/graphql/schema-types';

export interface ItemDraft {
  prompt: string;
  help: string;
  type: ChecklistItem['type'];
  /** One choice per line, as typed. */
  choicesText: string;
  spotTypes: SpotType[];
  /** Answers that ask for follow-up: JA/NEE for a yes/no item, typed choices for a choice item. */
  signalAnswers: string[];
}

export interface SectionDraft {
  title: string;
  theme: Theme;
  items: ItemDraft[];
}

export interface ChecklistDraft {
  templateId: string | null;
  name: string;
  sections: SectionDraft[];
}

export const emptyItem = (): ItemDraft => ({ prompt: '', help: '', type: 'RATING', choicesText: '', spotTypes: [], signalAnswers: [] });
export const emptySection = (): SectionDraft => ({ title: '', theme: 'GROEN_ONDERHOUD', items: [emptyItem()] });

export function draftFrom(template: ChecklistTemplate | null): ChecklistDraft {
  if (!template) return { templateId: null, name: '', sections: [emptySection()] };
  return {
    templateId: template.id,
    name: template.name,
    sections: template.latestVersion.sections.map((s) => ({
      title: s.title,
      theme: s.theme,
      items: s.items.map((i) => ({ prompt: i.prompt, help: i.help ?? '', type: i.type, choicesText: i.choices.join('\n'), spotTypes: [...i.spotTypes], signalAnswers: [...(i.signalAnswers ?? [])] })),
    })),
  };
}

export const choicesOf = (item: ItemDraft): string[] =>
  item.choicesText
    .split('\n')
    .map((c) => c.trim())
    .filter(Boolean);

/**
 * The answers that may ask for follow-up, given the item's type: yes/no answers, or its
 * choices as typed now. Ticked answers that no longer exist (a choice renamed, the type
 * changed) fall away when publishing.
 */
export function signalOptions(item: ItemDraft): { value: string; label: string }[] {
  if (item.type === 'YES_NO') return [{ value: 'JA', label: 'Ja' }, { value: 'NEE', label: 'Nee' }];
  if (item.type === 'CHOICE') return choicesOf(item).map((c) => ({ value: c, label: c }));
  return [];
}

const signalsOf = (item: ItemDraft): string[] => {
  const allowed = new Set(signalOptions(item).map((o) => o.value));
  return item.signalAnswers.filter((a) => allowed.has(a));
};

/** Every problem in the draft, in reading order; empty when it can be published. */
export function problemsIn(draft: ChecklistDraft): string[] {
  const problems: string[] = [];
  if (!draft.name.trim()) problems.push('Geef de checklist een naam.');
  if (draft.sections.length === 0) problems.push('Een checklist heeft minstens één onderdeel.');
  draft.sections.forEach((section, s) => {
    const where = `Onderdeel ${s + 1}`;
    if (!section.title.trim()) problems.push(`${where}: vul een titel in.`);
    if (section.items.length === 0) problems.push(`${where}: voeg minstens één vraag toe.`);
    section.items.forEach((item, i) => {
      const at = `${where}, vraag ${i + 1}`;
      if (!item.prompt.trim()) problems.push(`${at}: vul de vraag in.`);
      if (item.prompt.trim().length > 300) problems.push(`${at}: de vraag mag hoogstens 300 tekens hebben.`);
      const choices = choicesOf(item);
      if (item.type === 'CHOICE') {
        if (choices.length < 2) problems.push(`${at}: een keuzevraag heeft minstens twee keuzes (één per regel).`);
        if (new Set(choices).size !== choices.length) problems.push(`${at}: elke keuze mag maar één keer voorkomen.`);
        if (choices.length > 20) problems.push(`${at}: hoogstens 20 keuzes.`);
      }
    });
  });
  return problems;
}

export function publishInput(draft: ChecklistDraft) {
  return {
    templateId: draft.templateId,
    name: draft.name.trim(),
    sections: draft.sections.map((s) => ({
      title: s.title.trim(),
      theme: s.theme,
      items: s.items.map((i) => ({
        prompt: i.prompt.trim(),
        help: i.help.trim() || null,
        type: i.type,
        choices: i.type === 'CHOICE' ? choicesOf(i) : null,
        spotTypes: i.spotTypes,
        signalAnswers: signalsOf(i),
      })),
    })),
  };
}

/** Moves an entry one place up (-1) or down (+1); out-of-range moves change nothing. */
export function move<T>(list: T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  [copy[index], copy[to]] = [copy[to]!, copy[index]!];
  return copy;
}

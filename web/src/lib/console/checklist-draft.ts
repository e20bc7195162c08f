/**
 * The checklist editor's working copy: made from the latest published version (or empty),
 * checked before publishing with messages a coordinator understands, and turned into the
 * publishChecklist input. Publishing always makes a new version; running schouws keep the
 * version they started with.
 *
 * The same editor makes questionnaires (vragenlijsten, purpose QUESTIONNAIRE): one list of
 * questions without sections, themes, spot types or signalling answers, the 1–5 scale
 * instead of the A+…D rating, and publishQuestionnaire's input. A questionnaire's
 * questions are the draft's one section.
 */
import type { ChecklistItem, ChecklistTemplate } from '$lib/graphql/console/campaign-operations';
import type { QuestionnaireTemplate } from '$lib/graphql/console/questionnaire-operations';
import type { SpotType, Theme } from '$lib/graphql/schema-types';
import { ITEM_TYPES } from './labels';
import { MAX_CHOICES, MAX_QUESTIONS, type QuestionType, type YES_NO_VALUES } from '@buurtkracht/protocol/questionnaire';

export type DraftPurpose = 'CHECKLIST' | 'QUESTIONNAIRE';

/** The answer types each purpose offers, with the words the editor shows for them. */
export const ANSWER_TYPES = {
  CHECKLIST: ITEM_TYPES,
  QUESTIONNAIRE: { SCALE: 'Tevredenheid (5 gezichtjes, 1 t/m 5)', YES_NO: 'Ja / nee', CHOICE: 'Keuze uit opties', NUMBER: 'Getal', TEXT: 'Open antwoord' } satisfies Record<QuestionType, string>,
};

export interface ItemDraft {
  prompt: string;
  help: string;
  type: ChecklistItem['type'] | QuestionType;
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
  purpose: DraftPurpose;
  templateId: string | null;
  name: string;
  /** Questionnaires: whether they ask people to link their answers to themselves (answers are anonymous otherwise). */
  asksToLink: boolean;
  sections: SectionDraft[];
}

export const emptyItem = (purpose: DraftPurpose = 'CHECKLIST'): ItemDraft => ({
  prompt: '',
  help: '',
  type: purpose === 'CHECKLIST' ? 'RATING' : 'SCALE',
  choicesText: '',
  spotTypes: [],
  signalAnswers: [],
});
export const emptySection = (purpose: DraftPurpose = 'CHECKLIST'): SectionDraft => ({ title: '', theme: 'GROEN_ONDERHOUD', items: [emptyItem(purpose)] });

export function draftFrom(template: ChecklistTemplate | null): ChecklistDraft {
  if (!template) return { purpose: 'CHECKLIST', templateId: null, name: '', asksToLink: false, sections: [emptySection()] };
  return {
    purpose: 'CHECKLIST',
    templateId: template.id,
    name: template.name,
    asksToLink: false,
    sections: template.latestVersion.sections.map((s) => ({
      title: s.title,
      theme: s.theme,
      items: s.items.map((i) => ({ prompt: i.prompt, help: i.help ?? '', type: i.type, choicesText: i.choices.join('\n'), spotTypes: [...i.spotTypes], signalAnswers: [...(i.signalAnswers ?? [])] })),
    })),
  };
}

/** A questionnaire's working copy: its latest version (its next version is made from it), or empty. */
export function questionnaireDraftFrom(template: QuestionnaireTemplate | null): ChecklistDraft {
  const questions = template?.latestVersion.questions ?? [];
  return {
    purpose: 'QUESTIONNAIRE',
    templateId: template?.id ?? null,
    name: template?.name ?? '',
    asksToLink: template?.latestVersion.asksToLink ?? false,
    sections: [
      {
        title: '',
        theme: 'GROEN_ONDERHOUD',
        items: template ? questions.map((q) => ({ prompt: q.prompt, help: q.help ?? '', type: q.type, choicesText: q.choices.join('\n'), spotTypes: [], signalAnswers: [] })) : [emptyItem('QUESTIONNAIRE')],
      },
    ],
  };
}

/** The questions of a questionnaire draft (its one section). */
export const questionsOf = (draft: ChecklistDraft): ItemDraft[] => draft.sections[0]?.items ?? [];

export type ItemField = 'prompt' | 'type' | 'help' | 'choices';

/**
 * The key of an item's field as the API names it in a refusal, so that the message stands
 * next to that field: "sections.0.items.2.prompt" for a checklist, "questions.2.prompt"
 * for a questionnaire.
 */
export const itemFieldKey = (purpose: DraftPurpose, section: number, item: number, field: ItemField): string =>
  purpose === 'CHECKLIST' ? `sections.${section}.items.${item}.${field}` : `questions.${item}.${field}`;

/** Every field of the editor the API may name in a refusal (see FormErrors). */
export const editorFields = (purpose: DraftPurpose): string[] =>
  purpose === 'CHECKLIST'
    ? ['name', 'sections.*.title', 'sections.*.items.*.prompt', 'sections.*.items.*.type', 'sections.*.items.*.help', 'sections.*.items.*.choices']
    : ['name', 'questions.*.prompt', 'questions.*.type', 'questions.*.help', 'questions.*.choices'];

export const choicesOf = (item: ItemDraft): string[] =>
  item.choicesText
    .split('\n')
    .map((c) => c.trim())
    .filter(Boolean);

/** A yes/no answer in words, for the editor's signal options and the questionnaire's results. */
export const YES_NO_WORDS = { JA: 'Ja', NEE: 'Nee' } as const satisfies Record<(typeof YES_NO_VALUES)[number], string>;

/**
 * The answers that may ask for follow-up, given the item's type: yes/no answers, or its
 * choices as typed now. Ticked answers that no longer exist (a choice renamed, the type
 * changed) fall away when publishing.
 */
export function signalOptions(item: ItemDraft): { value: string; label: string }[] {
  if (item.type === 'YES_NO') return Object.entries(YES_NO_WORDS).map(([value, label]) => ({ value, label }));
  if (item.type === 'CHOICE') return choicesOf(item).map((c) => ({ value: c, label: c }));
  return [];
}

const signalsOf = (item: ItemDraft): string[] => {
  const allowed = new Set(signalOptions(item).map((o) => o.value));
  return item.signalAnswers.filter((a) => allowed.has(a));
};

/** A check of the draft that failed: its message, and the field it belongs to (null: the draft as a whole). */
export interface DraftProblem {
  field: string | null;
  message: string;
}

function itemProblems(item: ItemDraft, purpose: DraftPurpose, at: string, field: (f: ItemField) => string): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const add = (f: ItemField, text: string) => problems.push({ field: field(f), message: `${at}: ${text}` });
  if (!item.prompt.trim()) add('prompt', 'vul de vraag in.');
  if (item.prompt.trim().length > 300) add('prompt', 'de vraag mag hoogstens 300 tekens hebben.');
  if (!(item.type in ANSWER_TYPES[purpose])) add('type', 'kies een soort antwoord uit de lijst.');
  const choices = choicesOf(item);
  if (item.type === 'CHOICE') {
    if (choices.length < 2) add('choices', 'een keuzevraag heeft minstens twee keuzes (één per regel).');
    if (new Set(choices).size !== choices.length) add('choices', 'elke keuze mag maar één keer voorkomen.');
    if (choices.length > MAX_CHOICES) add('choices', `hoogstens ${MAX_CHOICES} keuzes.`);
  }
  return problems;
}

/**
 * Every problem in the draft, in reading order, each with the field it belongs to (the
 * keys of editorFields and itemFieldKey, so that it stands next to that field as the API's
 * refusals do); empty when it can be published.
 */
export function draftProblems(draft: ChecklistDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const whole = (message: string) => problems.push({ field: null, message });
  if (draft.purpose === 'QUESTIONNAIRE') {
    const questions = questionsOf(draft);
    if (!draft.name.trim()) problems.push({ field: 'name', message: 'Geef de vragenlijst een naam.' });
    if (questions.length === 0) whole('Een vragenlijst heeft minstens één vraag.');
    if (questions.length > MAX_QUESTIONS) whole(`Een vragenlijst heeft hoogstens ${MAX_QUESTIONS} vragen.`);
    questions.forEach((item, i) => problems.push(...itemProblems(item, 'QUESTIONNAIRE', `Vraag ${i + 1}`, (f) => itemFieldKey('QUESTIONNAIRE', 0, i, f))));
    return problems;
  }
  if (!draft.name.trim()) problems.push({ field: 'name', message: 'Geef de checklist een naam.' });
  if (draft.sections.length === 0) whole('Een checklist heeft minstens één onderdeel.');
  draft.sections.forEach((section, s) => {
    const where = `Onderdeel ${s + 1}`;
    if (!section.title.trim()) problems.push({ field: `sections.${s}.title`, message: `${where}: vul een titel in.` });
    if (section.items.length === 0) whole(`${where}: voeg minstens één vraag toe.`);
    section.items.forEach((item, i) => problems.push(...itemProblems(item, 'CHECKLIST', `${where}, vraag ${i + 1}`, (f) => itemFieldKey('CHECKLIST', s, i, f))));
  });
  return problems;
}

/** Every problem in the draft in words, in reading order; empty when it can be published. */
export const problemsIn = (draft: ChecklistDraft): string[] => draftProblems(draft).map((p) => p.message);

/** The publishChecklist input of a checklist draft. */
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
        type: i.type as ChecklistItem['type'],
        choices: i.type === 'CHOICE' ? choicesOf(i) : null,
        spotTypes: i.spotTypes,
        signalAnswers: signalsOf(i),
      })),
    })),
  };
}

/** The publishQuestionnaire input of a questionnaire draft (checked with problemsIn first). */
export function publishQuestionnaireInput(draft: ChecklistDraft) {
  return {
    templateId: draft.templateId,
    name: draft.name.trim(),
    asksToLink: draft.asksToLink,
    questions: questionsOf(draft).map((q) => ({
      prompt: q.prompt.trim(),
      help: q.help.trim() || null,
      type: q.type as QuestionType,
      choices: q.type === 'CHOICE' ? choicesOf(q) : null,
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

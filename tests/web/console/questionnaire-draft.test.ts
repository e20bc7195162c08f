/**
 * The checklist editor's questionnaire mode: a questionnaire's working copy (one list of
 * questions, the 1–5 scale, asksToLink), its checks before publishing, the input for
 * publishQuestionnaire, and where the API's refusals stand.
 */
import { describe, expect, it } from 'vitest';
import { ANSWER_TYPES, draftFrom, draftProblems, editorFields, emptyItem, itemFieldKey, problemsIn, publishQuestionnaireInput, questionnaireDraftFrom, questionsOf, signalOptions, YES_NO_WORDS } from '$lib/console/checklist-draft';
import { matchField } from '$lib/console/form-errors.svelte';
import type { QuestionnaireTemplate } from '$lib/graphql/console/questionnaire-operations';
import { QUESTION_TYPES } from '@buurtkracht/protocol/questionnaire';

const template: QuestionnaireTemplate = {
  id: 'q1',
  name: 'Na de actiedag',
  latestVersion: {
    id: 'qv2',
    name: 'Na de actiedag',
    version: 2,
    createdAt: '2026-12-01T10:00:00.000Z',
    asksToLink: true,
    questions: [
      { id: 'a', prompt: 'Hoe tevreden ben je?', help: null, type: 'SCALE', choices: [] },
      { id: 'b', prompt: 'Doe je volgend jaar mee?', help: 'Eerlijk zeggen mag.', type: 'YES_NO', choices: [] },
      { id: 'c', prompt: 'Hoe hoorde je ervan?', help: null, type: 'CHOICE', choices: ['Flyer', 'Buren'] },
      { id: 'd', prompt: 'Hoeveel tegels?', help: null, type: 'NUMBER', choices: [] },
      { id: 'e', prompt: 'Wat kan beter?', help: null, type: 'TEXT', choices: [] },
    ],
  },
};

describe('checklist editor in questionnaire mode', () => {
  it('offers exactly the question types of a questionnaire, starting with the 1–5 scale, and not the A+…D rating', () => {
    expect(Object.keys(ANSWER_TYPES.QUESTIONNAIRE).sort()).toEqual([...QUESTION_TYPES].sort());
    expect(Object.keys(ANSWER_TYPES.CHECKLIST)).toContain('RATING');
    expect(Object.keys(ANSWER_TYPES.QUESTIONNAIRE)).not.toContain('RATING');
    expect(emptyItem('QUESTIONNAIRE').type).toBe('SCALE');
    expect(emptyItem().type).toBe('RATING');
  });

  it('starts a new questionnaire anonymous, with one scale question', () => {
    const draft = questionnaireDraftFrom(null);
    expect(draft).toMatchObject({ purpose: 'QUESTIONNAIRE', templateId: null, name: '', asksToLink: false });
    expect(questionsOf(draft).map((q) => q.type)).toEqual(['SCALE']);
  });

  it('publishes the next version with the same questions, choices and link question it was made from', () => {
    expect(publishQuestionnaireInput(questionnaireDraftFrom(template))).toEqual({
      templateId: 'q1',
      name: 'Na de actiedag',
      asksToLink: true,
      questions: [
        { prompt: 'Hoe tevreden ben je?', help: null, type: 'SCALE', choices: null },
        { prompt: 'Doe je volgend jaar mee?', help: 'Eerlijk zeggen mag.', type: 'YES_NO', choices: null },
        { prompt: 'Hoe hoorde je ervan?', help: null, type: 'CHOICE', choices: ['Flyer', 'Buren'] },
        { prompt: 'Hoeveel tegels?', help: null, type: 'NUMBER', choices: null },
        { prompt: 'Wat kan beter?', help: null, type: 'TEXT', choices: null },
      ],
    });
    expect(problemsIn(questionnaireDraftFrom(template))).toEqual([]);
  });

  it('trims what was typed and sends choices only for a choice question', () => {
    const draft = questionnaireDraftFrom(null);
    draft.name = '  Na de schouw ';
    questionsOf(draft)[0] = { ...emptyItem('QUESTIONNAIRE'), prompt: ' Wat vond je? ', help: '  ', type: 'TEXT', choicesText: 'blijft van een keuzevraag over' };
    questionsOf(draft).push({ ...emptyItem('QUESTIONNAIRE'), prompt: 'Welke dag?', type: 'CHOICE', choicesText: ' Zaterdag \n\nZondag\n' });
    expect(publishQuestionnaireInput(draft)).toEqual({
      templateId: null,
      name: 'Na de schouw',
      asksToLink: false,
      questions: [
        { prompt: 'Wat vond je?', help: null, type: 'TEXT', choices: null },
        { prompt: 'Welke dag?', help: null, type: 'CHOICE', choices: ['Zaterdag', 'Zondag'] },
      ],
    });
  });

  it('names every problem by its question, in the words of a questionnaire, without sections', () => {
    const draft = questionnaireDraftFrom(template);
    draft.name = '';
    questionsOf(draft)[0]!.prompt = ' ';
    questionsOf(draft)[2]!.choicesText = 'Flyer';
    questionsOf(draft)[3]!.type = 'RATING';
    expect(problemsIn(draft)).toEqual([
      'Geef de vragenlijst een naam.',
      'Vraag 1: vul de vraag in.',
      'Vraag 3: een keuzevraag heeft minstens twee keuzes (één per regel).',
      'Vraag 4: kies een soort antwoord uit de lijst.',
    ]);
    draft.sections[0]!.items = [];
    expect(problemsIn(draft)).toContain('Een vragenlijst heeft minstens één vraag.');
    draft.sections[0]!.items = Array.from({ length: 41 }, () => ({ ...emptyItem('QUESTIONNAIRE'), prompt: 'Vraag' }));
    expect(problemsIn(draft)).toContain('Een vragenlijst heeft hoogstens 40 vragen.');
  });

  it('a checklist refuses the scale, which belongs to questionnaires', () => {
    const draft = draftFrom(null);
    draft.name = 'Schouw';
    draft.sections[0]!.title = 'Groen';
    draft.sections[0]!.items[0] = { ...emptyItem(), prompt: 'Tevreden?', type: 'SCALE' };
    expect(problemsIn(draft)).toEqual(['Onderdeel 1, vraag 1: kies een soort antwoord uit de lijst.']);
  });

  it("puts the API's refusal of a question next to that question's field", () => {
    // publishQuestionnaire names problems as ["input", "questions", "2", "choices"].
    const fields = editorFields('QUESTIONNAIRE');
    expect(matchField('questions.2.choices', fields)).toBe('questions.2.choices');
    expect(matchField('questions.2.choices.1', fields)).toBe('questions.2.choices');
    expect(matchField('questions.0.prompt', fields)).toBe('questions.0.prompt');
    expect(itemFieldKey('QUESTIONNAIRE', 0, 2, 'choices')).toBe('questions.2.choices');
    expect(matchField('sections.1.items.0.prompt', editorFields('CHECKLIST'))).toBe('sections.1.items.0.prompt');
    expect(itemFieldKey('CHECKLIST', 1, 0, 'prompt')).toBe('sections.1.items.0.prompt');
  });

  it("puts the draft's own checks at their fields too, the keys the editor's inputs use; what has no field stays in the summary only", () => {
    const draft = questionnaireDraftFrom(template);
    draft.name = ' ';
    questionsOf(draft)[0]!.prompt = '';
    questionsOf(draft)[2]!.choicesText = 'Flyer\nFlyer';
    questionsOf(draft)[3]!.type = 'RATING';
    const fields = editorFields('QUESTIONNAIRE');
    const found = draftProblems(draft);
    expect(found).toEqual([
      { field: 'name', message: 'Geef de vragenlijst een naam.' },
      { field: 'questions.0.prompt', message: 'Vraag 1: vul de vraag in.' },
      { field: 'questions.2.choices', message: 'Vraag 3: elke keuze mag maar één keer voorkomen.' },
      { field: 'questions.3.type', message: 'Vraag 4: kies een soort antwoord uit de lijst.' },
    ]);
    // Every field named is one the editor marks (FormErrors knows it as a field of the form).
    for (const { field } of found) expect(matchField(field!, fields)).toBe(field);
    expect(problemsIn(draft)).toEqual(found.map((p) => p.message));
    draft.sections[0]!.items = [];
    expect(draftProblems(draft)).toContainEqual({ field: null, message: 'Een vragenlijst heeft minstens één vraag.' });

    const checklist = draftFrom(null);
    checklist.name = 'Schouw';
    expect(draftProblems(checklist)).toEqual([
      { field: 'sections.0.title', message: 'Onderdeel 1: vul een titel in.' },
      { field: 'sections.0.items.0.prompt', message: 'Onderdeel 1, vraag 1: vul de vraag in.' },
    ]);
  });

  it('words yes and no once, for the signal options and the results', () => {
    expect(signalOptions({ ...emptyItem(), type: 'YES_NO' })).toEqual([{ value: 'JA', label: YES_NO_WORDS.JA }, { value: 'NEE', label: YES_NO_WORDS.NEE }]);
  });
});

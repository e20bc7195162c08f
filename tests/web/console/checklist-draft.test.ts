import { describe, expect, it } from 'vitest';
import { draftFrom, emptyItem, move, problemsIn, publishInput, signalOptions } from '$lib/console/checklist-draft';
import type { ChecklistTemplate } from '$lib/graphql/console/campaign-operations';

const template: ChecklistTemplate = {
  id: 't1',
  name: 'Buurtschouw',
  latestVersion: {
    id: 'v3',
    version: 3,
    createdAt: '2026-11-27T10:00:00.000Z',
    sections: [
      {
        id: 's1',
        title: 'Spelen',
        theme: 'ONTMOETEN_SPELEN',
        items: [
          { id: 'i1', prompt: 'Hoe zijn de toestellen?', type: 'RATING', choices: [], spotTypes: ['SPEELPLEK'], signalAnswers: [], help: null },
          { id: 'i2', prompt: 'Wat ligt er op de grond?', type: 'CHOICE', choices: ['Zand', 'Gras'], spotTypes: [], signalAnswers: ['Zand'], help: 'Kies wat het meest voorkomt.' },
        ],
      },
    ],
  },
};

describe('checklist editor draft', () => {
  it('offers the answers of a yes/no or choice item as signalling answers, and drops ticked answers that no longer exist', () => {
    const item = { ...emptyItem(), type: 'CHOICE' as const, choicesText: 'Vaak\nSoms\n\nBijna nooit', signalAnswers: ['Bijna nooit', 'Nooit'] };
    expect(signalOptions(item).map((o) => o.value)).toEqual(['Vaak', 'Soms', 'Bijna nooit']);
    expect(signalOptions({ ...item, type: 'YES_NO' })).toEqual([{ value: 'JA', label: 'Ja' }, { value: 'NEE', label: 'Nee' }]);
    expect(signalOptions({ ...item, type: 'RATING' })).toEqual([]);
    const draft = { purpose: 'CHECKLIST' as const, templateId: null, name: 'Test', asksToLink: false, sections: [{ title: 'A', theme: 'HEEL' as const, items: [item, { ...item, type: 'YES_NO' as const, signalAnswers: ['JA', 'Soms'] }, { ...item, type: 'TEXT' as const }] }] };
    expect(publishInput(draft).sections[0]!.items.map((i) => i.signalAnswers)).toEqual([['Bijna nooit'], ['JA'], []]);
  });

  it('publishes the next version of a template with the same content it was made from', () => {
    expect(publishInput(draftFrom(template))).toEqual({
      templateId: 't1',
      name: 'Buurtschouw',
      sections: [
        {
          title: 'Spelen',
          theme: 'ONTMOETEN_SPELEN',
          items: [
            { prompt: 'Hoe zijn de toestellen?', help: null, type: 'RATING', choices: null, spotTypes: ['SPEELPLEK'], signalAnswers: [] },
            { prompt: 'Wat ligt er op de grond?', help: 'Kies wat het meest voorkomt.', type: 'CHOICE', choices: ['Zand', 'Gras'], spotTypes: [], signalAnswers: ['Zand'] },
          ],
        },
      ],
    });
    expect(problemsIn(draftFrom(template))).toEqual([]);
  });

  it('names every problem with the section and question it is in', () => {
    const draft = draftFrom(template);
    draft.name = ' ';
    draft.sections[0]!.items[1]!.choicesText = 'Zand\nZand';
    draft.sections[0]!.items.push(emptyItem());
    draft.sections.push({ title: '', theme: 'SCHOON', items: [] });
    expect(problemsIn(draft)).toEqual([
      'Geef de checklist een naam.',
      'Onderdeel 1, vraag 2: elke keuze mag maar één keer voorkomen.',
      'Onderdeel 1, vraag 3: vul de vraag in.',
      'Onderdeel 2: vul een titel in.',
      'Onderdeel 2: voeg minstens één vraag toe.',
    ]);
  });

  it('asks for at least two choices, one per line, ignoring blank lines', () => {
    const draft = draftFrom(null);
    draft.name = 'Nieuw';
    draft.sections[0]!.title = 'Schoon';
    draft.sections[0]!.items[0] = { ...emptyItem(), prompt: 'Hoeveel afval?', type: 'CHOICE', choicesText: 'Weinig\n\n' };
    expect(problemsIn(draft)).toEqual(['Onderdeel 1, vraag 1: een keuzevraag heeft minstens twee keuzes (één per regel).']);
    draft.sections[0]!.items[0]!.choicesText = ' Weinig \n\nVeel\n';
    expect(publishInput(draft).sections[0]!.items[0]!.choices).toEqual(['Weinig', 'Veel']);
  });

  it('moves entries within bounds only', () => {
    expect(move(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(move(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
  });
});

/** The walk: items per spot grouped by section, the walker's current answers and how far they are per spot. */
import { describe, expect, it } from 'vitest';
import type { CampaignSnapshot, ChecklistItemSnapshot } from '$lib/graphql/field-operations';
import type { MyObservation } from '$lib/offline/findings-store';
import { bySection, currentAnswers, itemsFor, spotState } from '$lib/walk/walk';

const item = (id: string, type: ChecklistItemSnapshot['type'], spotTypes: ChecklistItemSnapshot['spotTypes'] = []) => ({ id, prompt: id, help: null, type, choices: [], spotTypes, signalAnswers: [] });
const checklist: CampaignSnapshot['checklist'] = {
  id: 'cl',
  version: 1,
  sections: [
    { id: 'sec1', theme: 'SCHOON', title: 'Schoon', items: [item('schoon', 'RATING'), item('bakken', 'NUMBER', ['SPEELPLEK'])] },
    { id: 'sec2', theme: 'VEILIG', title: 'Veilig', items: [item('verkeer', 'TEXT'), item('nest', 'CHOICE', ['NESTKAST'])] },
  ],
};
const campaign = { checklist } as CampaignSnapshot;

const obs = (id: string, spotId: string, itemId: string, answer: string): MyObservation => ({ id, spotId, itemId, prompt: itemId, theme: 'SCHOON', rating: null, answer, createdAt: '', delivery: 'sent' });

describe('the walk', () => {
  it('gives a spot the items of its type, grouped by section with the section theme', () => {
    const items = itemsFor(campaign, { type: 'SPEELPLEK' });
    expect(items.map((i) => [i.id, i.theme, i.sectionTitle])).toEqual([
      ['schoon', 'SCHOON', 'Schoon'],
      ['bakken', 'SCHOON', 'Schoon'],
      ['verkeer', 'VEILIG', 'Veilig'],
    ]);
    expect(bySection(items).map((s) => [s.title, s.items.length])).toEqual([
      ['Schoon', 2],
      ['Veilig', 1],
    ]);
  });

  it('counts the newest answer per item at a spot, and says how far the walker is', () => {
    const items = itemsFor(campaign, { type: 'SPEELPLEK' });
    // Newest first, as myObservations gives them.
    const list = [obs('o3', 's1', 'bakken', '4'), obs('o2', 's1', 'bakken', '3'), obs('o1', 's1', 'schoon', ''), obs('o0', 's2', 'verkeer', 'x'), obs('old', 's1', 'gone', 'x')];
    const answers = currentAnswers(list, 's1');
    expect(answers.get('bakken')?.id).toBe('o3');
    expect(spotState(items, answers)).toEqual({ state: 'started', answered: 2, total: 3 });
    expect(spotState(items, currentAnswers([obs('v', 's1', 'verkeer', 'x'), ...list], 's1'))).toEqual({ state: 'done', answered: 3, total: 3 });
    expect(spotState(items, new Map())).toEqual({ state: 'todo', answered: 0, total: 3 });
    expect(spotState([], new Map()).state).toBe('todo');
  });
});

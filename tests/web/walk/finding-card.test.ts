/** What a card on Mijn bevindingen says: place, theme, date, status, latest message, action plan item. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CampaignSnapshot } from '$lib/graphql/field-operations';
import { i18n } from '$lib/i18n/i18n.svelte';
import { walkSection } from '$lib/i18n/nl-walk';
import type { MyFinding, MyObservation } from '$lib/offline/findings-store';
import { dateTimeText } from '$lib/i18n/field-time';
import { findingCard } from '$lib/walk/finding-card';

const campaign = {
  id: 'c',
  name: 'Schouw',
  kind: 'SCHOUW',
  status: 'OPEN',
  targetAreaM2: null,
  days: [],
  neighbourhood: {
    name: 'Staatsliedenbuurt',
    streets: { edges: [{ node: { id: 'st1', name: 'Troelstrastraat' } }] },
    spots: { edges: [{ node: { id: 's1', name: 'Speeltuin Boerenpad', type: 'SPEELPLEK', street: { id: 'st1' }, previousRating: null } }] },
  },
  checklist: null,
} satisfies CampaignSnapshot;

const finding = (over: Partial<MyFinding> & { data?: MyFinding['data'] }): MyFinding => ({
  id: 'f1',
  data: { category: 'HEEL', text: 'Losse tegel', photoIds: ['p1'] },
  createdAt: '2026-05-01T10:00:00.000Z',
  delivery: 'sent',
  status: null,
  statusHistory: [],
  streetId: null,
  actionItems: [],
  followsUp: null,
  ...over,
});

// The schouw's words load with its routes (lib/i18n/sections.ts), as the app does.
beforeAll(() => i18n.need(walkSection));

describe('a card on Mijn bevindingen', () => {
  it('names the spot, the theme, the date, the status in words and the photos', () => {
    const card = findingCard(finding({ data: { category: 'HEEL', text: 'Losse tegel', spotId: 's1', photoIds: ['p1', 2] } }), campaign, i18n.t);
    expect(card).toMatchObject({ title: 'Losse tegel', place: 'Speeltuin Boerenpad', theme: 'Heel', status: 'Nieuw', latestMessage: null, actionItems: [], photoIds: ['p1'] });
    expect(card.recordedOn).toBe(dateTimeText('2026-05-01T10:00:00.000Z'));
    expect(card.recordedOn).toMatch(/^1 mei 2026/);
  });

  it('names the street when there is no spot, else says it is somewhere in the neighbourhood', () => {
    expect(findingCard(finding({ streetId: 'st1' }), campaign, i18n.t).place).toBe('Troelstrastraat');
    expect(findingCard(finding({}), campaign, i18n.t).place).toBe('Ergens in de buurt');
    expect(findingCard(finding({ data: { category: 'HEEL', spotName: 'Oude plek' } }), null, i18n.t).place).toBe('Oude plek');
  });

  it('says a finding is not sent yet instead of a status', () => {
    expect(findingCard(finding({ delivery: 'unsent' }), campaign, i18n.t).status).toBeNull();
  });

  it('shows the latest public message with its status, and the action plan item with its status and message', () => {
    const card = findingCard(
      finding({
        status: 'INGEPLAND',
        statusHistory: [
          { toStatus: 'IN_BEHANDELING', publicMessage: 'We kijken ernaar.', at: '2026-05-02T08:00:00.000Z' },
          { toStatus: 'INGEPLAND', publicMessage: 'De gemeente legt de tegel volgende week vast.', at: '2026-05-03T08:00:00.000Z' },
          { toStatus: 'INGEPLAND', publicMessage: '  ', at: '2026-05-04T08:00:00.000Z' },
        ],
        actionItems: [
          { id: 'a1', title: 'Stoep Troelstrastraat herstellen', status: 'BEZIG', publicMessage: 'Uitvoering in juni.' },
          { id: 'a2', title: 'Nieuw', status: 'LATER_STATUS', publicMessage: null },
        ],
      }),
      campaign,
      i18n.t,
    );
    expect(card.status).toBe('Ingepland');
    expect(card.latestMessage).toEqual({ text: 'De gemeente legt de tegel volgende week vast.', status: 'Ingepland', at: dateTimeText('2026-05-03T08:00:00.000Z') });
    expect(card.actionItems.map((a) => [a.title, a.statusText, a.publicMessage])).toEqual([
      ['Stoep Troelstrastraat herstellen', 'Mee bezig', 'Uitvoering in juni.'],
      ['Nieuw', 'LATER_STATUS', null],
    ]);
  });

  it('says which answer a finding follows up, and uses the question as its title when nothing was written', () => {
    const answer: MyObservation = { id: 'o1', spotId: 's1', itemId: 'i1', prompt: 'Hoe schoon is het?', theme: 'SCHOON', rating: 'C', answer: null, createdAt: '', delivery: 'sent' };
    const card = findingCard(finding({ data: { category: 'SCHOON', spotId: 's1', rating: 'C', text: '' }, followsUp: answer }), campaign, i18n.t);
    expect(card.title).toBe('Hoe schoon is het?');
    expect(card.followsUp).toBe('Bij de vraag: Hoe schoon is het? Jouw antwoord: Matig (C).');
    expect(card.theme).toBe('Schoon');
  });
});

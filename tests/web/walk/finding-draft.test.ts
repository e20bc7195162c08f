import { describe, expect, it } from 'vitest';
import type { MyFinding } from '$lib/offline/findings-store';
import { findingProblem, findingsAtSpot, followedUpAnswers, photoIdsOf } from '$lib/walk/finding-draft';

const finding = (id: string, data: MyFinding['data'], followsUp: MyFinding['followsUp'] = null): MyFinding => ({ id, data, createdAt: '2026-05-01T10:00:00Z', delivery: 'unsent', status: null, statusHistory: [], streetId: null, actionItems: [], followsUp });

describe('finding form rules', () => {
  it('asks for something to save, and the problem goes away once anything is filled in', () => {
    const empty = { rating: null, text: '  ', suggestion: '', photoCount: 0 };
    expect(findingProblem(empty)).toBe('finding.empty');
    expect(findingProblem({ ...empty, text: 'Losse tegel' })).toBeNull();
    expect(findingProblem({ ...empty, rating: 'C' })).toBeNull();
    expect(findingProblem({ ...empty, suggestion: 'Bankje' })).toBeNull();
    expect(findingProblem({ ...empty, photoCount: 1 })).toBeNull();
  });

  it('lists the findings at a spot', () => {
    const list = [
      finding('a', { spotId: 's1', text: 'Losse tegel', photoIds: ['p1'] }),
      finding('c', { spotId: 's2', text: 'Elders' }),
      finding('d', { spotId: null, text: 'Vrij' }),
    ];
    expect(findingsAtSpot(list, 's1').map((f) => f.id)).toEqual(['a']);
  });

  it('knows which answers were reported: those a finding follows up', () => {
    const answer = { id: 'old', spotId: 's1', itemId: 'i1', prompt: '', theme: 'SCHOON', rating: 'D', answer: null, createdAt: '', delivery: 'sent' as const };
    const list = [finding('a', { observationId: 'o1' }), finding('old', {}, answer), finding('free', { observationId: null })];
    expect([...followedUpAnswers(list)].sort()).toEqual(['o1', 'old']);
  });

  it('reads photo ids defensively', () => {
    expect(photoIdsOf(finding('a', { photoIds: ['p1', 7, 'p2'] }))).toEqual(['p1', 'p2']);
    expect(photoIdsOf(finding('a', {}))).toEqual([]);
  });
});

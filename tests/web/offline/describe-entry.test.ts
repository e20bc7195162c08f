/** The sync screen names an answer as an answer (with what was answered), new and old command alike. */
import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '$lib/offline/idb';
import { describeEntry } from '$lib/sync/describe-entry';

const entry = (name: string, args: Record<string, unknown>): OutboxEntry => ({ seq: 1, mutationId: 'm', name, args, clientTime: '', formatVersion: 1, state: 'REJECTED', photoIds: [], createdAt: '2026-05-01T10:00:00.000Z', membership: '' });

describe('describing an outbox entry', () => {
  it('says what was answered, for recordObservation and for the older answerChecklistItem', () => {
    expect(describeEntry(entry('recordObservation', { rating: 'C', answer: null }))).toMatch(/^Antwoord op een vraag: Matig \(C\) \(vastgelegd op /);
    expect(describeEntry(entry('recordObservation', { rating: null, answer: 'JA' }))).toMatch(/^Antwoord op een vraag: Ja \(/);
    expect(describeEntry(entry('recordObservation', { rating: null, answer: '12' }))).toMatch(/^Antwoord op een vraag: 12 \(/);
    expect(describeEntry(entry('answerChecklistItem', { rating: 'D' }))).toMatch(/^Antwoord op een vraag: Slecht \(D\) \(/);
  });

  it('names a finding as before, with its text', () => {
    expect(describeEntry(entry('recordFinding', { rating: 'C', text: 'Losse tegel', observationId: 'o1' }))).toMatch(/^Bevinding: “Losse tegel” \(/);
  });
});

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

  it('names what a tally entry counted as the counter says it: clean-up units in words, tiles by size, also entries stored before units', () => {
    expect(describeEntry(entry('recordTallyEvent', { unitCode: 'ZAK_ZWERFVUIL', count: 3 }))).toMatch(/^Telling: 3 zakken zwerfvuil \(/);
    expect(describeEntry(entry('recordTallyEvent', { unitCode: 'GROFVUIL', count: 1 }))).toMatch(/^Telling: 1 stuk grofvuil \(/);
    expect(describeEntry(entry('recordTallyEvent', { unitCode: 'TUIN_GEHOLPEN', count: 2 }))).toMatch(/^Telling: 2 tuinen geholpen \(/);
    expect(describeEntry(entry('recordTallyEvent', { unitCode: 'TEGEL_40X40', count: 5 }))).toMatch(/^Telling: 5 × 40×40 \(/);
    expect(describeEntry(entry('recordTallyEvent', { sizeCode: 'KLINKER_20X5', count: 7 }))).toMatch(/^Telling: 7 × klinker 20×5 \(/);
    expect(describeEntry(entry('recordTallyEvent', { sizeCode: 'AREA', count: 25_000 }))).toMatch(/^Telling: 2,5 m² gemeten \(/);
  });

  it('names a finding as before, with its text', () => {
    expect(describeEntry(entry('recordFinding', { rating: 'C', text: 'Losse tegel', observationId: 'o1' }))).toMatch(/^Bevinding: “Losse tegel” \(/);
  });
});

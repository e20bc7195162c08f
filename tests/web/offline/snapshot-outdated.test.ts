/** A campaign stored by an older app version is fetched again when it lacks what this version reads. */
import { describe, expect, it } from 'vitest';
import type { CampaignSnapshot } from '$lib/graphql/field-operations';
import { snapshotOutdated } from '$lib/offline/field-store';

const campaign = (items: Record<string, unknown>[]) => ({ questionnaire: null, checklist: { sections: [{ items }] } }) as unknown as CampaignSnapshot;

describe('snapshotOutdated', () => {
  it('asks for the campaign again when a checklist item has no signalling answers (stored before they existed)', () => {
    expect(snapshotOutdated(campaign([{ id: 'a', signalAnswers: ['JA'] }, { id: 'b' }]))).toBe(true);
  });
  it('asks for the campaign again when it was stored before questionnaires', () => {
    expect(snapshotOutdated({ checklist: null } as unknown as CampaignSnapshot)).toBe(true);
  });
  it('keeps a current snapshot, and a campaign without a checklist (tegelwippen) or questionnaire', () => {
    expect(snapshotOutdated(campaign([{ id: 'a', signalAnswers: [] }]))).toBe(false);
    expect(snapshotOutdated({ kind: 'TEGELWIPPEN', units: [], checklist: null, questionnaire: null } as unknown as CampaignSnapshot)).toBe(false);
  });
  it('asks for a counting campaign again when it was stored before units (what it counts)', () => {
    const kept = (kind: string, units?: unknown[]) => ({ kind, ...(units ? { units } : {}), checklist: null, questionnaire: null }) as unknown as CampaignSnapshot;
    expect(snapshotOutdated(kept('TEGELWIPPEN'))).toBe(true);
    expect(snapshotOutdated(kept('OPRUIMEN'))).toBe(true);
    expect(snapshotOutdated(kept('OPRUIMEN', [{ code: 'GROFVUIL', areaCm2PerPiece: 0, measured: false, target: null }]))).toBe(false);
    // A schouw counts nothing: it needs no units.
    expect(snapshotOutdated(kept('SCHOUW'))).toBe(false);
  });
});

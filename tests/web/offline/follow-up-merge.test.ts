/**
 * Mijn bevindingen with what the device's follow-up key told: a newer follow-up (of an
 * activity whose token was erased, which no longer pulls) wins over the pulled one, an
 * older one changes nothing, and findings recorded by this phone that are not on it (moved
 * from an old phone) are added, newest first.
 */
import { describe, expect, it } from 'vitest';
import type { FollowedFinding } from '$lib/graphql/follow-up-operations';
import { withFollowUp, type FindingOfActivity } from '$lib/offline/findings-store';

const followed = (id: string, at: string, history: FollowedFinding['statusHistory'], extra: Partial<FollowedFinding> = {}): FollowedFinding => ({
  id,
  campaignId: 'oud',
  campaignName: 'Schouw 2025',
  category: 'HEEL',
  rating: null,
  answer: null,
  text: 'Losse stoeptegel',
  suggestion: null,
  question: null,
  spotName: null,
  streetName: 'Kerkstraat',
  createdAt: at,
  receivedAt: at,
  status: history.at(-1)?.toStatus ?? 'NIEUW',
  statusHistory: history,
  actionItems: [],
  ...extra,
});

const local = (id: string, at: string, history: FindingOfActivity['finding']['statusHistory']): FindingOfActivity => ({
  campaignId: 'nu',
  campaignName: 'Schouw 2026',
  finding: { id, data: { text: 'Kapotte bank' }, createdAt: at, delivery: 'sent', status: history.at(-1)?.toStatus ?? 'NIEUW', statusHistory: history, streetId: null, actionItems: [], followsUp: null },
});

describe('withFollowUp', () => {
  it('takes the newer follow-up, keeps the newer pulled one, and adds findings only the key knows', () => {
    const pulledOld = local('a', '2026-04-01T10:00:00Z', [{ toStatus: 'NIEUW', publicMessage: '', at: '2026-04-01T10:00:00Z' }]);
    const pulledNew = local('b', '2026-04-02T10:00:00Z', [{ toStatus: 'INGEPLAND', publicMessage: 'Komt in mei', at: '2026-04-20T10:00:00Z' }]);
    const merged = withFollowUp(
      [pulledOld, pulledNew],
      [
        followed('a', '2026-04-01T10:00:00Z', [{ toStatus: 'AFGEHANDELD', publicMessage: 'De gemeente heeft de bank vervangen.', at: '2026-09-01T10:00:00Z' }], { actionItems: [{ id: 'x', title: 'Bankjes', status: 'KLAAR', publicMessage: null }] }),
        followed('b', '2026-04-02T10:00:00Z', [{ toStatus: 'NIEUW', publicMessage: '', at: '2026-04-02T10:00:00Z' }]),
        followed('c', '2025-05-01T10:00:00Z', [{ toStatus: 'AFGEHANDELD', publicMessage: 'Gerepareerd', at: '2025-06-01T10:00:00Z' }], { question: 'Staat de stoep er goed bij?', rating: 'D' }),
      ],
    );
    expect(merged.map((m) => m.finding.id)).toEqual(['b', 'a', 'c']);
    const [b, a, c] = merged;
    expect(a!.finding.status).toBe('AFGEHANDELD');
    expect(a!.finding.actionItems).toHaveLength(1);
    expect(a!.campaignName).toBe('Schouw 2026');
    expect(b!.finding.status).toBe('INGEPLAND');
    expect(c).toMatchObject({ campaignId: 'oud', campaignName: 'Schouw 2025', finding: { delivery: 'sent', status: 'AFGEHANDELD', data: { streetName: 'Kerkstraat', text: 'Losse stoeptegel' } } });
    expect(c!.finding.followsUp).toMatchObject({ prompt: 'Staat de stoep er goed bij?', rating: 'D' });
  });
});

import { describe, expect, it, vi } from 'vitest';

const pages: unknown[] = [];
vi.mock('$lib/console/api', () => ({ staffGql: vi.fn(async () => pages.shift()) }));

const { allFindings, findingsByThemeAndStreet, spotsGotWorse } = await import('$lib/console/report/report-data');

const page = (ids: string[], totalCount: number, next: string | null) => ({
  campaign: { findings: { totalCount, edges: ids.map((id) => ({ node: { id } })), pageInfo: { hasNextPage: next !== null, endCursor: next } } },
});

describe('the report reads every finding', () => {
  it('reads all pages', async () => {
    pages.push(page(['a', 'b'], 3, 'c1'), page(['c'], 3, null));
    expect((await allFindings('s')).map((f) => f.id)).toEqual(['a', 'b', 'c']);
  });
  it('reads again once when a finding arrived while reading, then fails with a Dutch message', async () => {
    pages.push(page(['a'], 2, null), page(['a', 'b'], 2, null));
    expect((await allFindings('s')).map((f) => f.id)).toEqual(['a', 'b']);
    pages.push(page(['a'], 2, null), page(['a'], 3, null));
    await expect(allFindings('s')).rejects.toThrow('Het verslag kreeg 1 van de 3 bevindingen binnen. Laad de pagina opnieuw.');
  });
});

describe('report groupings', () => {
  it('groups findings by the theme the recorder chose, in the plan’s order, then by street with no street last', () => {
    const f = (category: string, street: string | null) => ({ category, street: street ? { id: street, name: street } : null });
    const groups = findingsByThemeAndStreet([f('HEEL', 'Troelstrastraat'), f('GROEN_ONDERHOUD', null), f('HEEL', null), f('HEEL', 'Johan de Wittstraat')]);
    expect(groups.map((g) => [g.theme, g.streets.map((s) => s.street)])).toEqual([
      ['GROEN_ONDERHOUD', ['']],
      ['HEEL', ['Johan de Wittstraat', 'Troelstrastraat', '']],
    ]);
  });
  it('lists the spots that got worse, the biggest drop first', () => {
    const spot = (name: string, level: string, previousLevel: string, change: 'UP' | 'DOWN' | 'SAME') => ({
      spot: { id: name, name, type: 'PARK', street: null },
      score: { level, previousLevel, change, observationCount: 3, distribution: [] },
    });
    const scores = { previousSchouw: { name: 'vorig jaar' }, overall: spot('x', 'B', 'B', 'SAME').score, themes: [], streets: [], spots: [spot('Park', 'C', 'B', 'DOWN'), spot('Bank', 'D', 'A', 'DOWN'), spot('Pad', 'A', 'B', 'UP')] };
    expect(spotsGotWorse(scores).map((s) => s.spot.name)).toEqual(['Bank', 'Park']);
  });
});

/**
 * Team composer (issue 16, point 3). Property: whoever signs up (0–250 walkers, residents
 * and professionals, some people signed up twice) and whatever teams walked before (0–10
 * walks), the composer puts everyone in exactly one team, sizes differ by at most one,
 * professionals are spread (one per team when there are enough), the repeated pairs it
 * reports are the distinct pairs an independent count finds, it is never worse than the
 * simple greedy, no single swap would lower the repeats further, and the same seed gives
 * the same teams. Plus hand examples. Pure tests of a pure function: no database needed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeTeams, countRepeatedPairs, greedyBaseline, teamSizes, type ComposeInput, type ComposerWalker, type ComposeResult } from '../../server/src/modules/team/team-composer.js';

/** People are p0 … p(pool-1); a small pool makes dense histories, a large one sparse ones. Lengths range over the whole span (size 'max'), not fast-check's short default. */
const composeInput = (maxWalkers: number): fc.Arbitrary<ComposeInput> =>
  fc
    .record({ pool: fc.integer({ min: 1, max: 300 }), teamSize: fc.integer({ min: 2, max: 6 }), seed: fc.nat() })
    .chain(({ pool, teamSize, seed }) =>
      fc.record({
        teamSize: fc.constant(teamSize),
        seed: fc.constant(seed),
        walkers: fc
          .array(fc.record({ person: fc.nat(pool - 1), pro: fc.integer({ min: 0, max: 3 }) }), { maxLength: maxWalkers, size: 'max' })
          .map((list) => list.map(({ person, pro }, i): ComposerWalker => ({ id: `w${i}`, personKey: `p${person}`, kind: pro === 0 ? 'PROFESSIONAL' : 'RESIDENT' }))),
        pastTeams: fc
          .array(fc.array(fc.array(fc.nat(pool - 1), { minLength: 1, maxLength: 8 }), { maxLength: 40, size: 'max' }), { maxLength: 10, size: 'max' })
          .map((walks) => walks.flat().map((team) => team.map((p) => `p${p}`))),
      }),
    );

/** Pairs of different persons who shared a past team, as "p|q" with p < q. */
function pastPairs(input: ComposeInput): Set<string> {
  const pairs = new Set<string>();
  for (const past of input.pastTeams) for (const p of past) for (const q of past) if (p < q) pairs.add(`${p}|${q}`);
  return pairs;
}

/** The definition, written plainly: distinct pairs of different persons in one team now who shared a past team. */
function expectedRepeats(teams: string[][], input: ComposeInput): number {
  const personOf = new Map(input.walkers.map((w) => [w.id, w.personKey]));
  const past = pastPairs(input);
  const pairs = new Set<string>();
  for (const team of teams) {
    for (const a of team) {
      for (const b of team) {
        const pair = `${personOf.get(a)!}|${personOf.get(b)!}`;
        if (past.has(pair)) pairs.add(pair);
      }
    }
  }
  return pairs.size;
}

function expectValidTeams(result: ComposeResult, input: ComposeInput): void {
  const n = input.walkers.length;
  expect(result.teams.flat().sort()).toEqual(input.walkers.map((w) => w.id).sort());
  const expectedCount = n === 0 ? 0 : n === 1 ? 1 : Math.min(Math.floor(n / 2), Math.max(1, Math.round(n / input.teamSize)));
  expect(result.teams).toHaveLength(expectedCount);
  const sizes = result.teams.map((t) => t.length);
  if (n > 0) expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  if (n > 1) expect(Math.min(...sizes)).toBeGreaterThanOrEqual(2);
  const kindOf = new Map(input.walkers.map((w) => [w.id, w.kind]));
  const pros = result.teams.map((t) => t.filter((id) => kindOf.get(id) === 'PROFESSIONAL').length);
  const totalPros = pros.reduce((a, b) => a + b, 0);
  if (totalPros >= result.teams.length) expect(Math.min(...pros)).toBeGreaterThanOrEqual(1);
  if (n > 0) expect(Math.max(...pros) - Math.min(...pros)).toBeLessThanOrEqual(1);
  expect(result.repeatedPairs).toBe(countRepeatedPairs(result.teams, input.walkers, input.pastTeams));
  expect(result.repeatedPairs).toBe(expectedRepeats(result.teams, input));
}

/** True when swapping two walkers of the same kind between teams gives fewer repeats (one sign-up per person). */
function someSwapHelps(result: ComposeResult, input: ComposeInput): boolean {
  const walker = new Map(input.walkers.map((w) => [w.id, w]));
  const past = pastPairs(input);
  const walked = (x: string, y: string) => {
    const [p, q] = [walker.get(x)!.personKey, walker.get(y)!.personKey];
    return past.has(p < q ? `${p}|${q}` : `${q}|${p}`) ? 1 : 0;
  };
  const repeatsWith = (x: string, team: string[], leaving: string) => team.reduce((sum, z) => sum + (z === x || z === leaving ? 0 : walked(x, z)), 0);
  const teams = result.teams;
  for (const a of teams) {
    for (const b of teams) {
      if (a === b) continue;
      for (const x of a) {
        for (const y of b) {
          if (walker.get(x)!.kind !== walker.get(y)!.kind) continue;
          const before = repeatsWith(x, a, x) + repeatsWith(y, b, y);
          const after = repeatsWith(x, b, y) + repeatsWith(y, a, x);
          if (after < before) return true;
        }
      }
    }
  }
  return false;
}

describe('team composer (property)', () => {
  it('puts everyone in one team, even sizes, spread professionals, honest count, never worse than the greedy, deterministic', () => {
    fc.assert(
      fc.property(composeInput(250), (input) => {
        const ours = composeTeams(input);
        const greedy = greedyBaseline(input);
        expectValidTeams(ours, input);
        expectValidTeams(greedy, input);
        expect(ours.repeatedPairs).toBeLessThanOrEqual(greedy.repeatedPairs);
        expect(composeTeams(input)).toEqual(ours);
      }),
      { numRuns: 60 },
    );
  });

  it('leaves no swap of two walkers of the same kind that would lower the repeats (one sign-up per person, up to 40 walkers)', () => {
    const small = composeInput(40).map((input) => ({ ...input, walkers: input.walkers.map((w) => ({ ...w, personKey: w.id.replace('w', 'p') })) }));
    fc.assert(
      fc.property(small, (input) => {
        expect(someSwapHelps(composeTeams(input), input)).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});

const resident = (id: string): ComposerWalker => ({ id, personKey: id, kind: 'RESIDENT' });
const professional = (id: string): ComposerWalker => ({ id, personKey: id, kind: 'PROFESSIONAL' });

describe('team composer (examples)', () => {
  it('gives four people who walked in two pairs last year new pairs', () => {
    const input = { walkers: ['anna', 'bram', 'cem', 'dewi'].map(resident), teamSize: 2, pastTeams: [['anna', 'bram'], ['cem', 'dewi']] };
    const result = composeTeams(input);
    expect(result.repeatedPairs).toBe(0);
    expect(result.teams.map((t) => [...t].sort())).not.toContainEqual(['anna', 'bram']);
    expect(result.teams.map((t) => [...t].sort())).not.toContainEqual(['cem', 'dewi']);
  });

  it('does better than the greedy where taking people in order walks into a corner', () => {
    // The greedy seats a, b, c, d one per team, and then e and f have only teams left where they walked before.
    const input = {
      walkers: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map(resident),
      teamSize: 2,
      pastTeams: [['e', 'a'], ['e', 'b'], ['e', 'c'], ['f', 'a'], ['f', 'b'], ['f', 'c']],
    };
    expect(greedyBaseline(input).repeatedPairs).toBeGreaterThan(0);
    expect(composeTeams(input).repeatedPairs).toBe(0);
  });

  it('spreads professionals one per team when there are enough, and never two while a team has none', () => {
    const walkers = [professional('p1'), professional('p2'), professional('p3'), ...['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'].map(resident)];
    const result = composeTeams({ walkers, teamSize: 3, pastTeams: [['p1', 'p2', 'p3']] });
    expect(result.teams.map((t) => t.filter((id) => id.startsWith('p')).length)).toEqual([1, 1, 1]);
    const few = composeTeams({ walkers: [professional('p1'), ...['r1', 'r2', 'r3', 'r4', 'r5'].map(resident)], teamSize: 2, pastTeams: [] });
    expect(few.teams.map((t) => t.filter((id) => id.startsWith('p')).length).sort()).toEqual([0, 0, 1]);
  });

  it('chooses the number of teams as documented', () => {
    expect(teamSizes(7, 3)).toEqual([4, 3]);
    expect(teamSizes(10, 4)).toEqual([4, 3, 3]);
    expect(teamSizes(3, 2)).toEqual([3]);
    expect(teamSizes(1, 4)).toEqual([1]);
    expect(teamSizes(0, 4)).toEqual([]);
    expect(() => teamSizes(5, 1)).toThrow(RangeError);
  });

  it('treats two sign-ups of one person as one person, not as a pair', () => {
    const walkers = [{ id: 's1', personKey: 'anna', kind: 'RESIDENT' as const }, { id: 's2', personKey: 'anna', kind: 'RESIDENT' as const }, resident('bram'), resident('cem')];
    expect(countRepeatedPairs([['s1', 's2'], ['bram', 'cem']], walkers, [['anna', 'anna', 'bram']])).toBe(0);
    expect(countRepeatedPairs([['s1', 's2', 'bram', 'cem']], walkers, [['anna', 'bram']])).toBe(1);
    expect(composeTeams({ walkers, teamSize: 2, pastTeams: [['anna', 'bram']] }).repeatedPairs).toBe(0);
  });
});

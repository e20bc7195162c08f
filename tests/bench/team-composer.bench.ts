/**
 * team-composer: 200 sign-ups for a schouw walk (about a quarter professionals) from a
 * neighbourhood of 205 people who nearly all walked the 10 earlier walks, in teams of 5–7
 * (so each person has about 50 earlier team mates among the 200). Forms teams of 5 with
 * the composer and with the simple greedy it must beat: the
 * repeated pairs of each, the composer's time (median of 5 runs, target ≤ 1 s) and the
 * greedy's time as the baseline. The same line has the worst case, where repeats cannot
 * be avoided (everyone walked in teams of 20–29 before), so the search spends its whole
 * budget: `dense_*`. Pure computation, no database. One JSON line.
 */
import { composeTeams, greedyBaseline, type ComposeInput, type ComposerWalker } from '../../server/src/modules/team/team-composer.js';
import { median, report, round } from './support/measure.js';

const SIGN_UPS = 200;
const PAST_WALKS = 10;
const PEOPLE = 205;
const TEAM_SIZE = 5;
const RUNS = 5;
const TARGET_MS = 1_000;

function benchInput(pastTeamSize: { min: number; spread: number }): ComposeInput {
  let seed = 16;
  const random = (below: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648), seed % below);
  const shuffled = <T>(items: T[]) => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = random(i + 1);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  };
  const people = Array.from({ length: PEOPLE }, (_, p) => `persoon-${p}`);
  const pastTeams: string[][] = [];
  for (let walk = 0; walk < PAST_WALKS; walk++) {
    const walkers = shuffled([...people]).slice(0, 195 + random(11));
    for (let start = 0; start < walkers.length; ) {
      const size = pastTeamSize.min + random(pastTeamSize.spread);
      pastTeams.push(walkers.slice(start, start + size));
      start += size;
    }
  }
  const walkers: ComposerWalker[] = shuffled([...people])
    .slice(0, SIGN_UPS)
    .map((personKey, i) => ({ id: `aanmelding-${i}`, personKey, kind: random(4) === 0 ? 'PROFESSIONAL' : 'RESIDENT' }));
  return { walkers, teamSize: TEAM_SIZE, pastTeams, seed: 1 };
}

function timed<T>(work: () => T): { result: T; ms: number[] } {
  const ms: number[] = [];
  let result = work();
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    result = work();
    ms.push(performance.now() - started);
  }
  return { result, ms };
}

export async function run(): Promise<void> {
  const input = benchInput({ min: 5, spread: 3 });
  const ours = timed(() => composeTeams(input));
  const greedy = timed(() => greedyBaseline(input));
  const oursMs = median(ours.ms);
  const greedyMs = median(greedy.ms);
  const dense = benchInput({ min: 20, spread: 10 });
  const denseOurs = timed(() => composeTeams(dense));
  const denseGreedy = greedyBaseline(dense);
  const denseMs = median(denseOurs.ms);
  report({
    bench: 'team-composer',
    sign_ups: SIGN_UPS,
    past_walks: PAST_WALKS,
    teams: ours.result.teams.length,
    repeated_pairs: ours.result.repeatedPairs,
    greedy_repeated_pairs: greedy.result.repeatedPairs,
    ms: round(oursMs, 1),
    greedy_ms: round(greedyMs, 1),
    ratio: round(oursMs / greedyMs, 1),
    target_ms: TARGET_MS,
    target_met: Math.max(oursMs, denseMs) <= TARGET_MS,
    dense_repeated_pairs: denseOurs.result.repeatedPairs,
    dense_greedy_repeated_pairs: denseGreedy.repeatedPairs,
    dense_ms: round(denseMs, 1),
  });
}

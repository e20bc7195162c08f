/**
 * Forms the teams of a schouw walk from its sign-ups (issue 16, point 3): sizes differ by
 * at most one, professionals spread over the teams, and as few pairs as possible who
 * walked together before, so that residents meet new people each walk. Pure: the team
 * service passes sign-ups and earlier teams in and stores what comes out.
 *
 * How: the greedy baseline (team-pairs.ts) is the start; a local search then swaps two
 * walkers between teams, or moves one from a bigger to a smaller team, while that lowers
 * the repeats, with only moves that keep sizes and the professional spread. To get out of
 * a local minimum it swaps a walker who has a repeat with a random one and searches again
 * (iterated local search), for a bounded amount of work, so the result depends only on the
 * input and the seed, never on the clock. Since the search starts at the greedy result and
 * keeps its best, it is never worse than the greedy.
 */
import { countRepeatedPairs, greedyLayout, teamProblem, teamsOfLayout, type ComposeInput, type ComposeResult, type TeamProblem } from './team-pairs.js';

export { countRepeatedPairs, greedyBaseline, teamSizes, type ComposeInput, type ComposeResult, type ComposerWalker, type WalkerKind } from './team-pairs.js';

/**
 * Pair evaluations the search may spend, growing with the square of the walkers (one
 * sweep looks at every pair) up to a cap. It stops early at zero repeats, which realistic
 * histories reach in a few ms; only where repeats cannot be avoided (200 walkers who all
 * walked in teams of 20 before) is the budget spent: 0.1–0.2 s on this machine, and
 * more gains little (on such a case 6, 30 and 100 million evaluations left 80, 68 and 61
 * repeats, where the greedy left 155).
 */
const budgetFor = (walkers: number) => Math.min(15_000_000, 400 * walkers * walkers);

/** A small, seedable generator (mulberry32): the same seed gives the same kicks. */
function seededRandom(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * below);
  };
}

class TeamSearch {
  readonly n: number;
  readonly k: number;
  /** repeatsWith[x * k + t]: how many walkers of team t walked with x before. */
  readonly repeatsWith: Int32Array;
  readonly size: Int32Array;
  readonly pros: Int32Array;
  evaluations = 0;
  cost = 0;

  constructor(
    readonly problem: TeamProblem,
    readonly teamOf: Int32Array,
  ) {
    this.n = teamOf.length;
    this.k = problem.sizes.length;
    this.repeatsWith = new Int32Array(this.n * this.k);
    this.size = new Int32Array(this.k);
    this.pros = new Int32Array(this.k);
    this.reset(teamOf);
  }

  reset(layout: Int32Array): void {
    const { n, k, problem } = this;
    this.teamOf.set(layout);
    this.repeatsWith.fill(0);
    this.size.fill(0);
    this.pros.fill(0);
    let twice = 0;
    for (let x = 0; x < n; x++) {
      this.size[layout[x]!]!++;
      this.pros[layout[x]!]! += problem.isPro[x]!;
      for (let z = 0; z < n; z++) if (problem.conflict[x * n + z]) this.repeatsWith[x * k + layout[z]!]!++;
      twice += this.repeatsWith[x * k + layout[x]!]!;
    }
    this.cost = twice / 2;
    this.evaluations += n * n;
  }

  /** A professional may leave team `from` for team `to` only if both stay within the spread. */
  private proMayMove(from: number, to: number): boolean {
    return this.pros[from]! - 1 >= this.problem.minPros && this.pros[to]! + 1 <= this.problem.maxPros;
  }

  swapAllowed(x: number, y: number): boolean {
    const { isPro } = this.problem;
    const a = this.teamOf[x]!;
    const b = this.teamOf[y]!;
    if (a === b) return false;
    if (isPro[x] === isPro[y]) return true;
    return isPro[x] ? this.proMayMove(a, b) : this.proMayMove(b, a);
  }

  moveAllowed(x: number, to: number): boolean {
    const from = this.teamOf[x]!;
    return this.size[from] === this.size[to]! + 1 && (!this.problem.isPro[x] || this.proMayMove(from, to));
  }

  swapDelta(x: number, y: number): number {
    const { n, k, repeatsWith, teamOf } = this;
    const a = teamOf[x]!;
    const b = teamOf[y]!;
    const between = this.problem.conflict[x * n + y]!;
    return repeatsWith[x * k + b]! + repeatsWith[y * k + a]! - 2 * between - repeatsWith[x * k + a]! - repeatsWith[y * k + b]!;
  }

  /** Moves x to team `to`, keeping every walker's repeat counts current. */
  move(x: number, to: number): void {
    const { n, k, repeatsWith, teamOf, problem } = this;
    const from = teamOf[x]!;
    this.cost += repeatsWith[x * k + to]! - repeatsWith[x * k + from]!;
    for (let z = 0; z < n; z++) {
      if (problem.conflict[z * n + x]) {
        repeatsWith[z * k + from]!--;
        repeatsWith[z * k + to]!++;
      }
    }
    teamOf[x] = to;
    this.size[from]!--;
    this.size[to]!++;
    this.pros[from]! -= problem.isPro[x]!;
    this.pros[to]! += problem.isPro[x]!;
    this.evaluations += n;
  }

  swap(x: number, y: number): void {
    const a = this.teamOf[x]!;
    const b = this.teamOf[y]!;
    this.move(x, b);
    this.move(y, a);
  }

  /** For each walker in turn the best improving swap or move, until none is left or `budget` is spent. */
  descend(order: readonly number[], budget: number): void {
    const { n, k, repeatsWith, teamOf } = this;
    for (let improved = true; improved && this.cost > 0 && this.evaluations < budget; ) {
      improved = false;
      for (const x of order) {
        const a = teamOf[x]!;
        if (repeatsWith[x * k + a] === 0) continue;
        let bestDelta = 0;
        let bestY = -1;
        let bestTeam = -1;
        for (let y = 0; y < n; y++) {
          if (teamOf[y] === a) continue;
          const delta = this.swapDelta(x, y);
          if (delta < bestDelta && this.swapAllowed(x, y)) [bestDelta, bestY] = [delta, y];
        }
        for (let t = 0; t < k; t++) {
          const delta = repeatsWith[x * k + t]! - repeatsWith[x * k + a]!;
          if (delta < bestDelta && this.moveAllowed(x, t)) [bestDelta, bestY, bestTeam] = [delta, -1, t];
        }
        this.evaluations += n + k;
        if (bestTeam >= 0) this.move(x, bestTeam);
        else if (bestY >= 0) this.swap(x, bestY);
        else continue;
        improved = true;
      }
    }
  }

  /** Swaps a walker who has a repeat with a random allowed partner elsewhere. */
  kick(random: (below: number) => number): void {
    const { n, k, repeatsWith, teamOf } = this;
    const troubled = [...teamOf.keys()].filter((x) => repeatsWith[x * k + teamOf[x]!]! > 0);
    if (troubled.length === 0) return;
    const x = troubled[random(troubled.length)]!;
    for (let attempt = 0; attempt < 20; attempt++) {
      const y = random(n);
      if (this.swapAllowed(x, y)) return this.swap(x, y);
    }
  }
}

export function composeTeams(input: ComposeInput): ComposeResult {
  const problem = teamProblem(input);
  const greedy = greedyLayout(problem);
  const search = new TeamSearch(problem, Int32Array.from(greedy));
  const random = seededRandom(input.seed ?? 1);
  const order = [...greedy.keys()];
  const budget = budgetFor(order.length);
  search.descend(order, budget);
  const best = Int32Array.from(search.teamOf);
  let bestCost = search.cost;
  while (bestCost > 0 && search.evaluations < budget) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = random(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    search.kick(random);
    search.kick(random);
    search.descend(order, budget);
    if (search.cost <= bestCost) {
      bestCost = search.cost;
      best.set(search.teamOf);
    } else {
      search.reset(best);
    }
  }
  // A descent the budget cut short may have left an improving swap; finish it (each step lowers the repeats, so it ends).
  search.reset(best);
  search.descend(order, Infinity);
  const teams = teamsOfLayout(problem, search.teamOf);
  const repeatedPairs = countRepeatedPairs(teams, input.walkers, input.pastTeams);
  // With several sign-ups of one person the search's count and the distinct pairs can differ; never hand back worse than the greedy.
  const greedyTeams = teamsOfLayout(problem, greedy);
  const greedyRepeats = countRepeatedPairs(greedyTeams, input.walkers, input.pastTeams);
  return greedyRepeats < repeatedPairs ? { teams: greedyTeams, repeatedPairs: greedyRepeats } : { teams, repeatedPairs };
}

/**
 * The facts the team composer (team-composer.ts) works from: the team plan (how many
 * teams, how big, how many professionals each), who walked with whom before, the count of
 * repeated pairs, and the simple greedy the composer is measured against. Pure: no
 * database; the team service reads the sign-ups and earlier teams and passes them in.
 */

export type WalkerKind = 'RESIDENT' | 'PROFESSIONAL';

export interface ComposerWalker {
  /** The sign-up id. */
  id: string;
  kind: WalkerKind;
  /** The same person across walks and years; several sign-ups may share it. */
  personKey: string;
}

export interface ComposeInput {
  walkers: readonly ComposerWalker[];
  /** Wanted size, >= 2. A walker alone happens only when there is exactly one walker. */
  teamSize: number;
  /** Earlier walks' teams, as lists of personKeys. */
  pastTeams: readonly (readonly string[])[];
  /** Tie-breaking; the same input and seed give the same teams. */
  seed?: number;
}

export interface ComposeResult {
  /** Walker ids; every walker in exactly one team. */
  teams: string[][];
  /** Distinct pairs of persons in one team now who were in one team before. */
  repeatedPairs: number;
}

/** The problem in indices: walker i is input.walkers[i]; conflict[i * n + j] is 1 when i and j walked together before. */
export interface TeamProblem {
  ids: string[];
  isPro: Uint8Array;
  conflict: Uint8Array;
  /** Team capacities; the bigger teams first, sizes differ by at most one. */
  sizes: number[];
  /** Professionals per team stay within [minPros, maxPros], which differ by at most one. */
  minPros: number;
  maxPros: number;
}

/**
 * Number of teams: walkers / teamSize rounded, a tie (x.5) rounded up because the smaller
 * teams then lie closer to the wanted size (10 walkers, size 4: 4+3+3 rather than 5+5).
 * Then the walkers are spread evenly, so sizes differ by at most one (7 walkers, size 3:
 * 4+3, never 3+3+1), and no team is smaller than two unless there is one walker.
 */
export function teamSizes(walkerCount: number, teamSize: number): number[] {
  if (!Number.isInteger(teamSize) || teamSize < 2) throw new RangeError(`teamSize must be an integer >= 2, got ${teamSize}`);
  if (walkerCount === 0) return [];
  if (walkerCount === 1) return [1];
  const teamCount = Math.min(Math.floor(walkerCount / 2), Math.max(1, Math.round(walkerCount / teamSize)));
  const small = Math.floor(walkerCount / teamCount);
  const big = walkerCount - small * teamCount;
  return Array.from({ length: teamCount }, (_, t) => (t < big ? small + 1 : small));
}

/** Indexes persons by personKey; same-person sign-ups share an index and never conflict with each other. */
function personIndex(walkers: readonly ComposerWalker[]): { personOf: Int32Array; persons: number; index: Map<string, number> } {
  const index = new Map<string, number>();
  const personOf = new Int32Array(walkers.length);
  walkers.forEach((walker, i) => {
    let person = index.get(walker.personKey);
    if (person === undefined) index.set(walker.personKey, (person = index.size));
    personOf[i] = person;
  });
  return { personOf, persons: index.size, index };
}

/** pastPair[a * persons + b] is 1 when persons a and b (a ≠ b) were in one past team; people not walking now are left out. */
function pastPairs(index: Map<string, number>, pastTeams: readonly (readonly string[])[]): Uint8Array {
  const persons = index.size;
  const pastPair = new Uint8Array(persons * persons);
  for (const team of pastTeams) {
    const present = [...new Set(team.map((key) => index.get(key)).filter((p) => p !== undefined))];
    for (let a = 0; a < present.length; a++) {
      for (let b = a + 1; b < present.length; b++) {
        pastPair[present[a]! * persons + present[b]!] = 1;
        pastPair[present[b]! * persons + present[a]!] = 1;
      }
    }
  }
  return pastPair;
}

export function teamProblem(input: ComposeInput): TeamProblem {
  const { walkers } = input;
  const n = walkers.length;
  if (new Set(walkers.map((w) => w.id)).size !== n) throw new RangeError('walker ids must be unique');
  const sizes = teamSizes(n, input.teamSize);
  const { personOf, persons, index } = personIndex(walkers);
  const pastPair = pastPairs(index, input.pastTeams);
  const conflict = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) conflict[i * n + j] = pastPair[personOf[i]! * persons + personOf[j]!]!;
  }
  const isPro = Uint8Array.from(walkers, (w) => (w.kind === 'PROFESSIONAL' ? 1 : 0));
  const pros = isPro.reduce((sum, p) => sum + p, 0);
  const teamCount = sizes.length;
  return {
    ids: walkers.map((w) => w.id),
    isPro,
    conflict,
    sizes,
    minPros: teamCount === 0 ? 0 : Math.floor(pros / teamCount),
    maxPros: teamCount === 0 ? 0 : Math.ceil(pros / teamCount),
  };
}

/** Counts each pair of persons once, however many teams or sign-ups bring them together. */
export function countRepeatedPairs(teams: readonly (readonly string[])[], walkers: readonly ComposerWalker[], pastTeams: readonly (readonly string[])[]): number {
  const { personOf, persons, index } = personIndex(walkers);
  const pastPair = pastPairs(index, pastTeams);
  const walkerIndex = new Map(walkers.map((w, i) => [w.id, i]));
  const repeated = new Set<number>();
  for (const team of teams) {
    const people = team.map((id) => {
      const i = walkerIndex.get(id);
      if (i === undefined) throw new RangeError(`unknown walker ${id}`);
      return personOf[i]!;
    });
    for (let a = 0; a < people.length; a++) {
      for (let b = a + 1; b < people.length; b++) {
        const [p, q] = people[a]! < people[b]! ? [people[a]!, people[b]!] : [people[b]!, people[a]!];
        if (pastPair[p * persons + q]) repeated.add(p * persons + q);
      }
    }
  }
  return repeated.size;
}

/** teamOf[i] is walker i's team; teams in order of their first walker, walkers in input order. */
export function teamsOfLayout(problem: TeamProblem, teamOf: Int32Array): string[][] {
  const byTeam = new Map<number, string[]>();
  teamOf.forEach((team, i) => {
    const members = byTeam.get(team);
    if (members) members.push(problem.ids[i]!);
    else byTeam.set(team, [problem.ids[i]!]);
  });
  return [...byTeam.values()];
}

/**
 * The simple approach: professionals first, then residents, each in input order into the
 * team with room that adds the fewest repeats (a professional only into a team with the
 * fewest professionals); ties go to the team with the most room left, then the first.
 */
export function greedyLayout(problem: TeamProblem): Int32Array {
  const n = problem.ids.length;
  const teamCount = problem.sizes.length;
  const teamOf = new Int32Array(n).fill(-1);
  const members: number[][] = problem.sizes.map(() => []);
  const pros = new Int32Array(teamCount);
  const order = [...problem.ids.keys()].sort((a, b) => problem.isPro[b]! - problem.isPro[a]! || a - b);
  for (const x of order) {
    const open = [...members.keys()].filter((t) => members[t]!.length < problem.sizes[t]!);
    const fewestPros = Math.min(...open.map((t) => pros[t]!));
    let best = -1;
    let bestRepeats = Infinity;
    let bestRoom = -1;
    for (const t of open) {
      if (problem.isPro[x] && pros[t] !== fewestPros) continue;
      const repeats = members[t]!.reduce((sum, z) => sum + problem.conflict[x * n + z]!, 0);
      const room = problem.sizes[t]! - members[t]!.length;
      if (repeats < bestRepeats || (repeats === bestRepeats && room > bestRoom)) [best, bestRepeats, bestRoom] = [t, repeats, room];
    }
    teamOf[x] = best;
    members[best]!.push(x);
    pros[best]! += problem.isPro[x]!;
  }
  return teamOf;
}

export function greedyBaseline(input: ComposeInput): ComposeResult {
  const problem = teamProblem(input);
  const teams = teamsOfLayout(problem, greedyLayout(problem));
  return { teams, repeatedPairs: countRepeatedPairs(teams, input.walkers, input.pastTeams) };
}

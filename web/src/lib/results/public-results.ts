/**
 * The few sums the public results of a schouw (/uitslag/{id}) show; the query and the
 * shape of its answer are in lib/graphql/public-results-operations.ts.
 */
import type { PublicScore } from '$lib/graphql/public-results-operations';

export type { PublicResults, PublicScore } from '$lib/graphql/public-results-operations';

/** The share of a group's ratings at each level (A+ … D and n.v.t.), in percent of all its ratings; zeros left out. */
export function shares(score: PublicScore): { rating: PublicScore['distribution'][number]['rating']; count: number; percent: number }[] {
  const total = score.distribution.reduce((sum, d) => sum + d.count, 0);
  return total === 0 ? [] : score.distribution.filter((d) => d.count > 0).map((d) => ({ ...d, percent: (d.count / total) * 100 }));
}

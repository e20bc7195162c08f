/**
 * The public results of a schouw (/uitslag/{id}): the query, the shape of its answer,
 * and the few sums the page shows. Asked without a token: the page is for anyone.
 */
export type Level = 'A_PLUS' | 'A' | 'B' | 'C' | 'D';
export type ScoreChange = 'UP' | 'DOWN' | 'SAME';

export interface PublicScore {
  level: Level | null;
  observationCount: number;
  previousLevel: Level | null;
  change: ScoreChange | null;
  distribution: { rating: Level | 'NVT'; count: number }[];
}

export interface PublicResults {
  campaignName: string;
  campaignStatus: 'OPEN' | 'CLOSED' | 'DRAFT';
  previousSchouwName: string | null;
  days: { date: string }[];
  /** Null while the schouw still runs. */
  overall: PublicScore | null;
  themes: { theme: string; score: PublicScore }[];
  streets: { streetName: string; score: PublicScore }[];
  findings: { total: number; handled: number; byStatus: { status: string; count: number }[] };
  actionItems: { id: string; title: string; status: 'OPEN' | 'BEZIG' | 'KLAAR'; publicMessage: string | null; organisationName: string | null; dueDate: string | null }[];
  photos: { id: string; theme: string; streetName: string | null; findingStatus: string }[];
}

const SCORE = 'level observationCount previousLevel change distribution { rating count }';

export const PUBLIC_RESULTS = `query PublicSchouwResults($id: ID!) {
  publicSchouwResults(campaignId: $id) {
    campaignName campaignStatus previousSchouwName days { date }
    overall { ${SCORE} }
    themes { theme score { ${SCORE} } }
    streets { streetName score { ${SCORE} } }
    findings { total handled byStatus { status count } }
    actionItems { id title status publicMessage organisationName dueDate }
    photos { id theme streetName findingStatus }
  }
}`;

/** The share of a group's ratings at each level (A+ … D and n.v.t.), in percent of all its ratings; zeros left out. */
export function shares(score: PublicScore): { rating: PublicScore['distribution'][number]['rating']; count: number; percent: number }[] {
  const total = score.distribution.reduce((sum, d) => sum + d.count, 0);
  return total === 0 ? [] : score.distribution.filter((d) => d.count > 0).map((d) => ({ ...d, percent: (d.count / total) * 100 }));
}

/**
 * The programme's results (issue 17, point 3): per neighbourhood and per year, over every
 * campaign that started, participation per activity, tiles against targets, the clean-ups'
 * bags, bulky items and gardens helped against theirs, findings and
 * their follow-up, satisfaction from the questionnaires, and the schouw scores per theme.
 * Who may see them: the neighbourhood's coordinators and admins; everyone else gets "not
 * found", as for a neighbourhood that does not exist. That is checked here once, for the
 * page and for the CSV (programme-csv.ts). The rules behind each figure are in
 * programme-figures.ts; the data comes from programme.repo.ts in a fixed number of
 * queries; a theme's level is the schouw score's own median (scores.service.ts).
 */
import { LEVELS, type Level } from '@buurtkracht/protocol/rating-scale';
import { THEMES, type Theme } from '@buurtkracht/protocol/themes';
import { managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import { notFound } from '../../domain-error.js';
import { unitsOfCampaigns } from '../campaign/campaign-units.repo.js';
import type { CampaignKind, CampaignStatus } from '../campaign/campaign.table.js';
import { RATINGS, type Rating } from '../finding/finding.table.js';
import { neighbourhoodsByIds, type Neighbourhood } from '../neighbourhood/neighbourhood.service.js';
import { medianLevel, type RatingCounts } from '../observation/scores.service.js';
import {
  activityFigures,
  cleanupFigures,
  findingFigures,
  satisfactionFigures,
  tegelwipFigures,
  yearOf,
  type ActivityFigures,
  type CleanupFigures,
  type FindingFigures,
  type SatisfactionFigures,
  type TegelwipFigures,
} from './programme-figures.js';
import * as repo from './programme.repo.js';

export interface ProgrammeCampaign {
  id: string;
  name: string;
  kind: CampaignKind;
  status: CampaignStatus;
  /** When its personal data was erased (retention); null while it is kept. */
  personalDataErasedAt: string | null;
}

export interface ThemeYearScore {
  theme: Theme;
  /** The median level of the year's current ratings of this theme, over all its schouws. */
  level: Level | null;
  observationCount: number;
  /** Every value of the scale in scale order, NVT last. */
  distribution: { rating: Rating; count: number }[];
}

export interface ProgrammeYear {
  year: number;
  campaigns: ProgrammeCampaign[];
  activities: ActivityFigures[];
  tegelwippen: TegelwipFigures | null;
  opruimen: CleanupFigures | null;
  findings: FindingFigures;
  satisfaction: SatisfactionFigures;
  themeScores: ThemeYearScore[];
}

export interface ProgrammeResults {
  neighbourhood: Neighbourhood;
  /** Oldest year first; only years with a campaign that started. */
  years: ProgrammeYear[];
}

/** The results for the neighbourhood's coordinators and admins; NOT_FOUND for everyone else. */
export async function programmeResults(db: DbOrTrx, viewer: Viewer, neighbourhoodId: string): Promise<ProgrammeResults> {
  const [neighbourhood] = await neighbourhoodsByIds(db, [neighbourhoodId]);
  if (!neighbourhood || !managesNeighbourhood(viewer, neighbourhood.id)) throw notFound('Deze buurt');
  return computeProgrammeResults(db, neighbourhood);
}

async function computeProgrammeResults(db: DbOrTrx, neighbourhood: Neighbourhood): Promise<ProgrammeResults> {
  const campaigns = await repo.startedCampaigns(db, neighbourhood.id);
  const ids = campaigns.map((c) => c.id);
  const cleanupIds = campaigns.filter((c) => c.kind === 'OPRUIMEN').map((c) => c.id);
  const [participants, signups, signupAddresses, tallyAddresses, tallyTotals, findings, ratingCounts, questionnaireCounts, cleanupUnits, unitQuantities] = await Promise.all([
    repo.participantCounts(db, ids),
    repo.signupCounts(db, ids),
    repo.signupAddresses(db, ids),
    repo.tallyAddresses(db, ids),
    repo.tallyTotals(db, ids),
    repo.findingTimes(db, ids),
    repo.themeRatingCounts(db, campaigns.filter((c) => c.kind === 'SCHOUW').map((c) => c.id)),
    repo.questionnaireCounts(db, ids),
    unitsOfCampaigns(db, cleanupIds),
    repo.unitQuantities(db, cleanupIds),
  ]);
  const addresses = [...signupAddresses, ...tallyAddresses];
  const byYear = new Map<number, repo.ProgrammeCampaignRow[]>();
  for (const campaign of campaigns) {
    const year = yearOf(campaign);
    byYear.set(year, [...(byYear.get(year) ?? []), campaign]);
  }
  const years = [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, ofYear]): ProgrammeYear => {
      const inYear = new Set(ofYear.map((c) => c.id));
      return {
        year,
        campaigns: ofYear.map((c) => ({ id: c.id, name: c.name, kind: c.kind, status: c.status, personalDataErasedAt: c.personal_data_erased_at })),
        activities: activityFigures(ofYear, { participants, signups }, addresses),
        tegelwippen: tegelwipFigures(ofYear, tallyTotals),
        opruimen: cleanupFigures(ofYear, cleanupUnits, unitQuantities),
        findings: findingFigures(findings.filter((f) => inYear.has(f.campaign_id))),
        satisfaction: satisfactionFigures(ofYear, questionnaireCounts),
        themeScores: themeScoresOf(ratingCounts.filter((r) => inYear.has(r.campaign_id))),
      };
    });
  return { neighbourhood, years };
}

/** A year's score per theme: the current ratings of all its schouws together, and their median level (the schouw score rule). */
function themeScoresOf(rows: readonly repo.ThemeRatingCountRow[]): ThemeYearScore[] {
  return THEMES.flatMap((theme) => {
    const together: RatingCounts = {};
    for (const row of rows) if (row.theme === theme) together[row.rating] = (together[row.rating] ?? 0) + row.count;
    const distribution = RATINGS.map((rating) => ({ rating, count: together[rating] ?? 0 }));
    if (distribution.every((d) => d.count === 0)) return [];
    return [{ theme, level: medianLevel(together), observationCount: LEVELS.reduce((n, level) => n + (together[level] ?? 0), 0), distribution }];
  });
}

/**
 * What the printed schouw report (verslag met bevindingen) shows, read from the API: the
 * scores with last year's, every finding (all pages, checked against the server's total),
 * and the action plan; plus the pure groupings the report prints.
 */
import { staffGql } from '../api';
import type { ResultOf } from '$lib/graphql/graphql';
import { ACTION_PLAN, type ActionItem } from '$lib/graphql/console/action-plan-operations';
import { CAMPAIGN, type CampaignDetail } from '$lib/graphql/console/campaign-operations';
import type { Finding } from '$lib/graphql/console/finding-operations';
import { REPORT_FINDINGS, REPORT_SCORES, type ReportFinding, type ReportScore, type ReportScores } from '$lib/graphql/console/report-operations';
import { isHandledStatus } from '@buurtkracht/protocol/finding-statuses';
import { LEVELS } from '@buurtkracht/protocol/rating-scale';
import { THEMES } from '@buurtkracht/protocol/themes';

export type { ReportFinding, ReportScores, ReportScore as Score } from '$lib/graphql/console/report-operations';

export interface ReportData {
  campaign: CampaignDetail;
  scores: ReportScores | null;
  findings: ReportFinding[];
  actionPlan: ActionItem[];
}

/**
 * Every finding of the schouw, page after page. The report must never be cut short without
 * a word: when the pages do not add up to the server's total (a finding recorded while
 * reading, on a schouw that still runs), it reads once more, and then fails with a message.
 */
export async function allFindings(id: string, onProgress: (loaded: number, total: number) => void = () => {}): Promise<ReportFinding[]> {
  try {
    return await readAllFindings(id, onProgress);
  } catch (error) {
    if (!(error instanceof IncompleteReport)) throw error;
    return readAllFindings(id, onProgress);
  }
}

class IncompleteReport extends Error {}

async function readAllFindings(id: string, onProgress: (loaded: number, total: number) => void): Promise<ReportFinding[]> {
  const all: ReportFinding[] = [];
  let after: string | null = null;
  let total = 0;
  for (;;) {
    const page: ResultOf<typeof REPORT_FINDINGS> = await staffGql(REPORT_FINDINGS, { id, after });
    const connection = page.campaign?.findings;
    if (!connection) break;
    total = connection.totalCount;
    all.push(...connection.edges.map((e) => e.node));
    onProgress(all.length, total);
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) break;
    after = connection.pageInfo.endCursor;
  }
  if (all.length !== total) throw new IncompleteReport(`Het verslag kreeg ${all.length} van de ${total} bevindingen binnen. Laad de pagina opnieuw.`);
  return all;
}

export async function loadReport(id: string, onProgress?: (loaded: number, total: number) => void): Promise<ReportData | null> {
  const [c, scores, findings, plan] = await Promise.all([
    staffGql(CAMPAIGN, { id }),
    staffGql(REPORT_SCORES, { id }),
    allFindings(id, onProgress),
    staffGql(ACTION_PLAN, { id }),
  ]);
  if (!c.campaign) return null;
  return { campaign: c.campaign, scores: scores.campaign?.scores ?? null, findings, actionPlan: plan.campaign?.actionPlan ?? [] };
}

/** Findings by the theme their recorder chose (in the plan's order), then by street name. */
export function findingsByThemeAndStreet<F extends { category: string; street: Pick<NonNullable<Finding['street']>, 'name'> | null }>(findings: F[]): { theme: string; streets: { street: string; findings: F[] }[] }[] {
  return THEMES.map((theme) => {
    const streets = new Map<string, F[]>();
    for (const f of findings.filter((x) => x.category === theme)) {
      const name = f.street?.name ?? '';
      streets.set(name, [...(streets.get(name) ?? []), f]);
    }
    const ordered = [...streets.entries()]
      .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'nl')))
      .map(([street, list]) => ({ street, findings: list }));
    return { theme, streets: ordered };
  }).filter((group) => group.streets.length > 0);
}

type LevelChange = { level: string | null; previousLevel: string | null; change: ReportScore['change'] };

/** Spots whose score went down since the previous schouw, the biggest drop first. */
export function spotsGotWorse<SpotScore extends { spot: { name: string }; score: LevelChange }>(scores: { spots: SpotScore[] } | null): SpotScore[] {
  const order: readonly string[] = LEVELS;
  const drop = (s: LevelChange) => order.indexOf(s.level!) - order.indexOf(s.previousLevel!);
  return (scores?.spots ?? [])
    .filter((s) => s.score.change === 'DOWN')
    .sort((a, b) => drop(b.score) - drop(a.score) || a.spot.name.localeCompare(b.spot.name, 'nl'));
}

/** Findings handled (afgehandeld, or niet oppakbaar with a reason given). */
export const isHandled = (f: Pick<Finding, 'status'>): boolean => isHandledStatus(f.status);

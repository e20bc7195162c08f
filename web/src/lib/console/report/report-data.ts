/**
 * What the printed schouw report (verslag met bevindingen) shows, read from the API: the
 * scores with last year's, every finding (all pages, checked against the server's total),
 * and the action plan; plus the pure groupings the report prints.
 */
import { staffGql } from '../api';
import type { ActionItem, CampaignDetail, Finding } from '../operations';
import { ACTION_PLAN, CAMPAIGN } from '../operations';
import { THEMES } from '../labels';

export type ScoreChange = 'UP' | 'DOWN' | 'SAME';

export interface Score {
  level: string | null;
  previousLevel: string | null;
  change: ScoreChange | null;
  observationCount: number;
  distribution: { rating: string; count: number }[];
}

export interface ReportScores {
  previousSchouw: { name: string } | null;
  overall: Score;
  themes: { theme: string; score: Score }[];
  streets: { street: { id: string; name: string }; score: Score }[];
  spots: { spot: { id: string; name: string; type: string; street: { name: string } | null }; score: Score }[];
}

const SCORE = 'level previousLevel change observationCount distribution { rating count }';
export const REPORT_SCORES = `query ReportScores($id: ID!) { campaign(id: $id) { id scores {
  previousSchouw { name } overall { ${SCORE} } themes { theme score { ${SCORE} } }
  streets { street { id name } score { ${SCORE} } } spots { spot { id name type street { name } } score { ${SCORE} } } } } }`;

// 50 per page keeps a page with photos and messages under the query cost limit.
export const REPORT_FINDINGS = `query ReportFindings($id: ID!, $after: String) { campaign(id: $id) { id findings(first: 50, after: $after) { totalCount
  edges { node { id status category rating answer text suggestion checklistItemId photoIds location { lat lon accuracyM }
  spot { id name type lat lon } street { id name } routedTo { id name } serverTime statusHistory { at toStatus publicMessage } } }
  pageInfo { hasNextPage endCursor } } } }`;

/** A finding as the report prints it (no follow-up controls). */
export type ReportFinding = Pick<
  Finding,
  'id' | 'status' | 'category' | 'rating' | 'answer' | 'text' | 'suggestion' | 'checklistItemId' | 'photoIds' | 'location' | 'spot' | 'street' | 'routedTo' | 'serverTime'
> & { statusHistory: Pick<Finding['statusHistory'][number], 'at' | 'toStatus' | 'publicMessage'>[] };

export interface ReportData {
  campaign: CampaignDetail;
  scores: ReportScores | null;
  findings: ReportFinding[];
  actionPlan: ActionItem[];
}

interface FindingsPage {
  campaign: { findings: { totalCount: number; edges: { node: ReportFinding }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null;
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
    const page: FindingsPage = await staffGql<FindingsPage>(REPORT_FINDINGS, { id, after });
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
    staffGql<{ campaign: CampaignDetail | null }>(CAMPAIGN, { id }),
    staffGql<{ campaign: { scores: ReportScores | null } | null }>(REPORT_SCORES, { id }),
    allFindings(id, onProgress),
    staffGql<{ campaign: { actionPlan: ActionItem[] } | null }>(ACTION_PLAN, { id }),
  ]);
  if (!c.campaign) return null;
  return { campaign: c.campaign, scores: scores.campaign?.scores ?? null, findings, actionPlan: plan.campaign?.actionPlan ?? [] };
}

/** Findings by the theme their recorder chose (in the plan's order), then by street name. */
export function findingsByThemeAndStreet<F extends Pick<Finding, 'category' | 'street'>>(findings: F[]): { theme: string; streets: { street: string; findings: F[] }[] }[] {
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

/** Spots whose score went down since the previous schouw, the biggest drop first. */
export function spotsGotWorse(scores: ReportScores | null): ReportScores['spots'] {
  const order = ['A_PLUS', 'A', 'B', 'C', 'D'];
  const drop = (s: Score) => order.indexOf(s.level!) - order.indexOf(s.previousLevel!);
  return (scores?.spots ?? [])
    .filter((s) => s.score.change === 'DOWN')
    .sort((a, b) => drop(b.score) - drop(a.score) || a.spot.name.localeCompare(b.spot.name, 'nl'));
}

/** Findings handled (afgehandeld, or niet oppakbaar with a reason given). */
export const isHandled = (f: Pick<Finding, 'status'>): boolean => f.status === 'AFGEHANDELD' || f.status === 'NIET_OPPAKBAAR';

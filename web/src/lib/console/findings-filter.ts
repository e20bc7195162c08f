/**
 * The console's findings filter and counts. The server filters, pages and counts (see
 * FINDINGS_PAGE and FINDING_COUNTS); this module turns the form into the API's filter and
 * the server's counts into the table of themes and ratings, so the table, the counts and
 * the map always mean the same "filtered findings". Findings count under the theme their
 * recorder chose (Finding.category), not under their checklist item's section.
 */
import type { ChecklistVersion } from '$lib/graphql/console/campaign-operations';
import type { Finding, FindingFilterInput } from '$lib/graphql/console/finding-operations';
import { THEMES } from '@buurtkracht/protocol/themes';

/** Findings with no rating are counted, and filtered, under this key. */
export const NO_RATING = 'GEEN';
/** The partner filter's value for findings not routed to anyone. */
export const NOT_ROUTED = 'NONE';

export interface FindingFilter {
  streetId: string;
  spotType: string;
  /** A theme (Finding.category), or '' for all. */
  theme: string;
  /** A rating, NO_RATING for findings without one, or '' for all. */
  rating: string;
  status: string;
  /** An organisation id, NOT_ROUTED for findings not routed to anyone, or '' for all. */
  partnerId: string;
}

export const emptyFilter = (): FindingFilter => ({ streetId: '', spotType: '', theme: '', rating: '', status: '', partnerId: '' });

export const isFiltered = (filter: FindingFilter): boolean => Object.values(filter).some(Boolean);

/**
 * The form's filter as the API takes it. The form's choices are the schema's values (its
 * selects list them); the server refuses any other.
 */
export function toFilterInput(filter: FindingFilter): FindingFilterInput {
  const input: FindingFilterInput = {};
  if (filter.streetId) input.streetId = filter.streetId;
  if (filter.spotType) input.spotType = filter.spotType as FindingFilterInput['spotType'];
  if (filter.theme) input.theme = filter.theme as FindingFilterInput['theme'];
  if (filter.rating === NO_RATING) input.unrated = true;
  else if (filter.rating) input.rating = filter.rating as FindingFilterInput['rating'];
  if (filter.status) input.status = filter.status as FindingFilterInput['status'];
  if (filter.partnerId === NOT_ROUTED) input.notRouted = true;
  else if (filter.partnerId) input.routedTo = filter.partnerId;
  return input;
}

/** Maps checklist item ids to their question, to name an answer in lists. */
export function itemPrompts(checklist: ChecklistVersion | null): Map<string, string> {
  const prompts = new Map<string, string>();
  for (const section of checklist?.sections ?? []) for (const item of section.items) prompts.set(item.id, item.prompt);
  return prompts;
}

export interface ThemeCounts {
  theme: string;
  total: number;
  /** Rating (or NO_RATING) → number of findings. */
  byRating: Record<string, number>;
}

/**
 * The server's counts as rows of the table: themes in their usual order, empty ones left
 * out; a theme the console does not know yet still counts, at the end.
 */
export function countTable(rows: readonly { theme: string; rating: string | null; count: number }[]): ThemeCounts[] {
  const order = [...THEMES, ...rows.map((r) => r.theme).filter((t) => !(THEMES as readonly string[]).includes(t))];
  const table = new Map<string, ThemeCounts>(order.map((theme) => [theme, { theme, total: 0, byRating: {} }]));
  for (const row of rows) {
    const entry = table.get(row.theme)!;
    const rating = row.rating ?? NO_RATING;
    entry.total += row.count;
    entry.byRating[rating] = (entry.byRating[rating] ?? 0) + row.count;
  }
  return [...table.values()].filter((c) => c.total > 0);
}

/** Where to put a finding on a map: its own location, else its spot's. */
export function positionOf(finding: Finding): { lat: number; lon: number } | null {
  if (finding.location) return { lat: finding.location.lat, lon: finding.location.lon };
  if (finding.spot?.lat != null && finding.spot.lon != null) return { lat: finding.spot.lat, lon: finding.spot.lon };
  return null;
}

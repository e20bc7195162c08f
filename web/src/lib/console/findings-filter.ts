/**
 * Filtering and counting the findings of one schouw for the console's table, map and
 * report. Pure functions over what the API answered, so the table, the counts and the
 * map always agree on what "the filtered findings" are.
 */
import type { ChecklistVersion, Finding } from './operations';

/** Free findings (not an answer to a checklist item) form a section of their own. */
export const FREE_SECTION = 'VRIJ';
/** Findings with no rating are counted under this key. */
export const NO_RATING = 'GEEN';

export interface FindingFilter {
  streetId: string;
  spotType: string;
  sectionId: string;
  rating: string;
  status: string;
  /** An organisation id, NONE for findings not routed to anyone, or '' for all. */
  partnerId: string;
}

export const emptyFilter = (): FindingFilter => ({ streetId: '', spotType: '', sectionId: '', rating: '', status: '', partnerId: '' });

/** Maps checklist item ids to the id of their section. */
export function sectionIndex(checklist: ChecklistVersion | null): Map<string, string> {
  const index = new Map<string, string>();
  for (const section of checklist?.sections ?? []) for (const item of section.items) index.set(item.id, section.id);
  return index;
}

/** Maps checklist item ids to their question, to name an answer in lists. */
export function itemPrompts(checklist: ChecklistVersion | null): Map<string, string> {
  const prompts = new Map<string, string>();
  for (const section of checklist?.sections ?? []) for (const item of section.items) prompts.set(item.id, item.prompt);
  return prompts;
}

export const sectionOf = (finding: Finding, index: Map<string, string>): string =>
  (finding.checklistItemId && index.get(finding.checklistItemId)) || FREE_SECTION;

export function filterFindings(findings: Finding[], filter: FindingFilter, index: Map<string, string>): Finding[] {
  return findings.filter(
    (f) =>
      (!filter.streetId || f.street?.id === filter.streetId) &&
      (!filter.spotType || f.spot?.type === filter.spotType) &&
      (!filter.sectionId || sectionOf(f, index) === filter.sectionId) &&
      (!filter.rating || (f.rating ?? NO_RATING) === filter.rating) &&
      (!filter.status || f.status === filter.status) &&
      (!filter.partnerId || (filter.partnerId === 'NONE' ? f.routedTo === null : f.routedTo?.id === filter.partnerId)),
  );
}

export interface SectionCounts {
  sectionId: string;
  total: number;
  /** Rating (or NO_RATING) → number of findings. */
  byRating: Record<string, number>;
}

/** Counts per section and rating, in checklist order with free findings last; empty sections stay out. */
export function countBySectionAndRating(findings: Finding[], checklist: ChecklistVersion | null, index: Map<string, string>): SectionCounts[] {
  const counts = new Map<string, SectionCounts>();
  const order = [...(checklist?.sections.map((s) => s.id) ?? []), FREE_SECTION];
  for (const id of order) counts.set(id, { sectionId: id, total: 0, byRating: {} });
  for (const finding of findings) {
    const entry = counts.get(sectionOf(finding, index))!;
    const rating = finding.rating ?? NO_RATING;
    entry.total += 1;
    entry.byRating[rating] = (entry.byRating[rating] ?? 0) + 1;
  }
  return order.map((id) => counts.get(id)!).filter((c) => c.total > 0);
}

/** Where to put a finding on a map: its own location, else its spot's. */
export function positionOf(finding: Finding): { lat: number; lon: number } | null {
  if (finding.location) return { lat: finding.location.lat, lon: finding.location.lon };
  if (finding.spot?.lat != null && finding.spot.lon != null) return { lat: finding.spot.lat, lon: finding.spot.lon };
  return null;
}

/** Findings grouped by street name (alphabetical; findings without a street last). The server
 * gives a finding at a spot the spot's street. */
export function groupByStreet(findings: Finding[]): { street: string; findings: Finding[] }[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const name = f.street?.name ?? '';
    groups.set(name, [...(groups.get(name) ?? []), f]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'nl')))
    .map(([street, list]) => ({ street, findings: list }));
}

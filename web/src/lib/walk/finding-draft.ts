/**
 * Rules of the finding form and of the findings shown at a spot, kept apart from the
 * pages so they can be tested without a browser. The form's state lives in the page.
 */
import type { MessageKey } from '$lib/i18n/nl';
import type { MyFinding } from '$lib/offline/findings-store';

export interface FindingFields {
  rating: string | null;
  text: string;
  suggestion: string;
  photoCount: number;
}

/** Why this finding cannot be saved yet, or null. Recomputed on every change, so a fixed problem disappears. */
export function findingProblem(fields: FindingFields): MessageKey | null {
  const empty = !fields.rating && !fields.text.trim() && !fields.suggestion.trim() && fields.photoCount === 0;
  return empty ? 'finding.empty' : null;
}

/** The findings recorded at a spot, newest first (myFindings holds no checklist answers). */
export function findingsAtSpot(list: MyFinding[], spotId: string): MyFinding[] {
  return list.filter((f) => f.data.spotId === spotId);
}

/** The answers (observation ids) a finding follows up: those were reported. */
export function followedUpAnswers(list: MyFinding[]): Set<string> {
  const ids = list.map((f) => f.followsUp?.id ?? (typeof f.data.observationId === 'string' ? f.data.observationId : null));
  return new Set(ids.filter((id): id is string => !!id));
}

export function photoIdsOf(finding: Pick<MyFinding, 'data'>): string[] {
  const ids = finding.data.photoIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

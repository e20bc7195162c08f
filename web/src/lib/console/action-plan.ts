/** How the console names things of the action plan. */
import { findingStatusLabel, themeLabel } from './labels';
import type { FindingChoice } from '$lib/graphql/console/action-plan-operations';

/** "Heel · Speeltuin, Troelstrastraat · nieuw": what a coordinator recognises a finding by; "Bevinding 2" while unknown. */
export function findingLabel(finding: FindingChoice | undefined, n: number): string {
  if (!finding) return `Bevinding ${n}`;
  const place = [finding.spot?.name, finding.street?.name].filter(Boolean).join(', ');
  return [themeLabel(finding.category), place || 'geen plek', findingStatusLabel(finding.status)].join(' · ');
}

/** How the results page writes its numbers and what is not known, in Dutch. */
import { dutchNumber } from '$lib/console/dutch-number';
import type { ProgrammeYear } from '$lib/graphql/console/programme-operations';

type Activity = ProgrammeYear['activities'][number];
type Satisfaction = ProgrammeYear['satisfaction'];


/** Households, or why they are not known, in words that need no explanation elsewhere. */
export function householdsText(activity: Activity): string {
  if (activity.households !== null) return dutchNumber(activity.households);
  return activity.householdsUnknown === 'PERSONAL_DATA_ERASED' ? 'gewist' : 'niet gevraagd';
}

/** Why a year's satisfaction is not known. */
export function satisfactionUnknownText(satisfaction: Satisfaction): string {
  return satisfaction.satisfactionUnknown === 'NO_QUESTIONNAIRE' ? 'geen vragenlijst' : 'geen antwoorden 1 t/m 5';
}

/** "2025 en 2026", "2024, 2025 en 2026". */
export function listYears(years: readonly number[]): string {
  const words = years.map(String);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} en ${words.at(-1)}`;
}

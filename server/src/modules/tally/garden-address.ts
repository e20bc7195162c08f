/**
 * A garden is an address: a street of the neighbourhood and a house number as people type
 * it ("12 A", "12a", "12-a" are one garden; "12-1" and "121" are two). The key names the
 * garden in the GARDEN rollups (tally.service.ts), so that a garden counts once per
 * campaign however often tiles were counted there. The key holds a house number, which is
 * personal data: retention replaces these keys by numbers (anonymiseGardenRollups).
 * migrations/2026_12_01_1220_add_tally_origin.ts keeps its own copy of this rule, as
 * migrations import no app code; change both or neither.
 */

/**
 * Lower case; spaces, dots, slashes and dashes become one dash, which goes again between a
 * number and a letter suffix. Empty when nothing is left.
 */
export function houseNumberKey(houseNumber: string): string {
  return houseNumber
    .trim()
    .toLowerCase()
    .replace(/[\s\-./]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/(\d)-(?=[a-z])/g, '$1');
}

/** The rollup key of the garden at this address, or null when no house number names one. */
export function gardenKeyOf(streetId: string, houseNumber: string | null): string | null {
  const number = houseNumber ? houseNumberKey(houseNumber) : '';
  return number ? `${streetId}|${number}` : null;
}

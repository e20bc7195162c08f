/**
 * The largest values the server takes from a device. Shared because the field app checks
 * them before it records anything: an entry the server would refuse must be caught on the
 * phone, while the person can still fix it, not after a sync when they have walked on.
 */

/** The longest text a person writes: a text answer, a finding's text or suggestion. */
export const MAX_TEXT = 2000;

/** The highest count a checklist question of type NUMBER takes (a walker counts things at one spot). */
export const MAX_NUMBER_ANSWER = 100_000;

/** Most tiles or bricks one tally entry may hold; a larger number is almost certainly a typo. */
export const MAX_PIECES_PER_ENTRY = 5_000;

/** A measured area may be up to 200 m² in one tally entry. */
export const MAX_AREA_CM2_PER_ENTRY = 2_000_000;

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

/*
 * The public sign-up form (issue 16). The web form checks these before sending, so a
 * person hears what to change next to the field before anything leaves the phone; the
 * server refuses anything beyond them all the same.
 */

/** The longest name on a sign-up. */
export const SIGNUP_NAME_MAX = 60;

/** The longest e-mail address or phone number a person leaves (as when joining). */
export const SIGNUP_CONTACT_MAX = 200;

/** The longest organisation name of a professional walker. */
export const SIGNUP_ORGANISATION_MAX = 80;

/** The longest "what helps you take part" text. */
export const SIGNUP_NEEDS_MAX = 300;

/** The longest house number with its addition ("12a", "12-2", "140 bis"). */
export const SIGNUP_HOUSE_NUMBER_MAX = 12;

/** A garden's estimate: at most this many m², or this many tiles. */
export const SIGNUP_ESTIMATE_M2_MAX = 200;
export const SIGNUP_ESTIMATE_TILES_MAX = 2000;

/** Most of one tool a person may ask for. */
export const SIGNUP_TOOL_QUANTITY_MAX = 10;

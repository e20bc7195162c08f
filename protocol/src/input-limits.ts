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

/**
 * A house number as the form takes it, after trimming: 1 to 99999 without a leading zero,
 * then perhaps a space, dash or slash and an addition of up to 6 letters or digits ("12",
 * "12a", "12-2", "12/3", "140 bis"). "0", "a12" or "hoek" name no garden to visit.
 */
export const SIGNUP_HOUSE_NUMBER_PATTERN = /^[1-9]\d{0,4}[ \-/]?[a-zA-Z0-9]{0,6}$/;

/** A garden's estimate: at most this many m², or this many tiles. */
export const SIGNUP_ESTIMATE_M2_MAX = 200;
export const SIGNUP_ESTIMATE_TILES_MAX = 2000;

/** Most of one tool a person may ask for. */
export const SIGNUP_TOOL_QUANTITY_MAX = 10;

/*
 * A date's places, a tegelwip campaign's tools and a schouw's team size, as the
 * coordinator sets them in the console: the console checks them before saving, the
 * server refuses anything beyond.
 */

/**
 * Most sign-ups one date takes, confirmed and waiting together, so that a date's planning
 * lists them all on one page.
 */
export const SIGNUPS_PER_DAY_MAX = 500;

/** A date's capacity is 1 to this many places; more could never be filled. */
export const DAY_CAPACITY_MAX = SIGNUPS_PER_DAY_MAX;

/** The longest name of a tool the campaign lends out. */
export const TOOL_NAME_MAX = 40;

/** Most of one tool a coordinator can have in stock. */
export const TOOL_STOCK_MAX = 10_000;

/** A schouw team holds 2 to 8 walkers; the coordinator picks the size when making teams. */
export const TEAM_SIZE_MIN = 2;
export const TEAM_SIZE_MAX = 8;

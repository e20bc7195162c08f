/**
 * The CROW beeldkwaliteit scale a walker rates a place on, plus "niet van toepassing".
 * Shared because the field app offers these ratings, the server stores them and takes a
 * score (the median level) from them, and the console orders and colours by them. The
 * order is the scale: best first. The words are the web's (lib/i18n).
 */
export const RATINGS = ['A_PLUS', 'A', 'B', 'C', 'D', 'NVT'] as const;
export type Rating = (typeof RATINGS)[number];

/** The levels of the scale from best to worst; NVT is no opinion about a place and no level. */
export const LEVELS = ['A_PLUS', 'A', 'B', 'C', 'D'] as const satisfies readonly Rating[];
export type Level = (typeof LEVELS)[number];

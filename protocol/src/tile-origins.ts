/**
 * Where counted tiles came from: a resident's garden or the public space (pavement,
 * square). Shared because the counter sends these codes, the server stores and sums them
 * per origin, and a garden only counts as greened for tiles that did not come from the
 * public space. An entry that does not say (null) is counted as "niet gezegd". Words for
 * the codes are the web's (lib/i18n) and the exports' (server/src/modules/export).
 */

/** In the order the counter offers them. */
export const TILE_ORIGINS = ['GARDEN', 'PUBLIC'] as const;

export type TileOrigin = (typeof TILE_ORIGINS)[number];

export const isTileOrigin = (value: unknown): value is TileOrigin => typeof value === 'string' && (TILE_ORIGINS as readonly string[]).includes(value);

/**
 * Whether tiles of this origin can green a garden: tiles from a garden, and tiles whose
 * origin was not said (on a tegelwip day most tiles come out of gardens); never tiles
 * from the public space.
 */
export const mayGreenGarden = (origin: TileOrigin | null): boolean => origin !== 'PUBLIC';

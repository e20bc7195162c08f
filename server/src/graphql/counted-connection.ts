/**
 * Connections that say how many items the whole list holds (`totalCount`), so a screen
 * can show "51–100 van 1234" without reading every page. The count is a function on the
 * answer and runs only when the field is asked for.
 */

export const TOTAL_COUNT_DESCRIPTION = 'How many items the whole list holds (with its filter), over all pages.';

export type Counted<C> = C & { totalCount: () => Promise<number> };

export async function withTotalCount<C extends object>(connection: Promise<C> | C, count: () => Promise<number>): Promise<Counted<C>> {
  return Object.assign(await connection, { totalCount: count });
}

/**
 * Keyset (cursor) pagination over a sort key of one or two columns, in portable SQL.
 * A page is asked for with the cursor values of the row to start after (or before) and
 * a limit; `inverted` walks backwards, for `last`/`before`.
 */
import { sql, type ExpressionBuilder, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';

export interface KeysetPage {
  after?: readonly string[];
  before?: readonly string[];
  limit: number;
  inverted: boolean;
}

/** `(a, b) > (x, y)` written out, since row-value comparison is not portable everywhere. */
function beyond(eb: ExpressionBuilder<any, any>, columns: readonly string[], values: readonly string[], op: '>' | '<'): Expression<SqlBool> {
  const [first, ...rest] = columns;
  const [value, ...restValues] = values;
  const strict = eb(sql.ref(first!), op, value);
  if (rest.length === 0) return strict;
  return eb.or([strict, eb.and([eb(sql.ref(first!), '=', value), beyond(eb, rest, restValues, op)])]);
}

/** The WHERE condition for a page; `columns` is the full sort key, unique together. */
export function keysetCondition(eb: ExpressionBuilder<any, any>, columns: readonly string[], page: KeysetPage): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (page.after) parts.push(beyond(eb, columns, page.after, '>'));
  if (page.before) parts.push(beyond(eb, columns, page.before, '<'));
  return eb.and(parts);
}

export const keysetDirection = (page: KeysetPage): 'asc' | 'desc' => (page.inverted ? 'desc' : 'asc');

/**
 * Applies a page to a select, for `.$call(...)`: the keyset condition, the order by the
 * key columns and the limit. `newestFirst` orders descending (lists of recent things).
 */
export function keysetPage(columns: readonly string[], page: KeysetPage, options: { newestFirst?: boolean } = {}) {
  const effective = options.newestFirst ? { ...page, after: page.before, before: page.after, inverted: !page.inverted } : page;
  const direction = keysetDirection(effective);
  return <QB extends SelectQueryBuilder<any, any, any>>(qb: QB): QB => {
    let query = qb.where((eb) => keysetCondition(eb, columns, effective));
    for (const column of columns) query = query.orderBy(sql.ref(column), direction);
    return query.limit(page.limit) as QB;
  };
}

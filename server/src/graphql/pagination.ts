/**
 * Cursor connections for every list in the API: opaque cursors that carry the sort key
 * of a row, page sizes capped at MAX_PAGE_SIZE. Repos receive a KeysetPage.
 */
import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import type { KeysetPage } from '../db/keyset.js';
import { badInput } from '../domain-error.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './limits.js';

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export function encodeCursor(values: readonly string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): string[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length && values.every((v) => typeof v === 'string')) return values;
  } catch {
    // fall through to the same answer as a well-formed but wrong cursor
  }
  throw badInput('Ongeldige cursor: vraag de lijst opnieuw op vanaf het begin.');
}

function checkPageSize(args: ConnectionArgs): void {
  for (const size of [args.first, args.last]) {
    if (size != null && (size < 0 || size > MAX_PAGE_SIZE)) {
      throw badInput(`Een pagina heeft hoogstens ${MAX_PAGE_SIZE} items.`);
    }
  }
}

/**
 * Resolves a connection whose rows are ordered by `sortKey(row)` (unique, ascending).
 * `load` gets a KeysetPage and returns up to `limit` rows in the page's direction.
 */
export function resolveKeysetConnection<Row>(
  args: ConnectionArgs,
  load: (page: KeysetPage) => Promise<Row[]>,
  sortKey: (row: Row) => readonly string[],
  keyLength: number,
) {
  checkPageSize(args);
  return resolveCursorConnection(
    {
      args: { first: args.first ?? undefined, last: args.last ?? undefined, after: args.after ?? undefined, before: args.before ?? undefined },
      defaultSize: DEFAULT_PAGE_SIZE,
      maxSize: MAX_PAGE_SIZE,
      toCursor: (row: Row) => encodeCursor(sortKey(row)),
    },
    ({ after, before, limit, inverted }: ResolveCursorConnectionArgs) =>
      load({
        after: after ? decodeCursor(after, keyLength) : undefined,
        before: before ? decodeCursor(before, keyLength) : undefined,
        limit,
        inverted,
      }),
  );
}

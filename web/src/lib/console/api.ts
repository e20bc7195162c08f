/**
 * How console screens talk to the API: the shared GraphQL client plus what staff screens
 * need around it: a signed-out session sends the person to the sign-in page (and back
 * afterwards), and a short list can be read to its end page by page.
 */
import { dutchNumber } from '$lib/console/dutch-number';
import { goto } from '$app/navigation';
import { gql, GraphQLRequestError, type AnyDocument, type Gql } from '$lib/graphql/client';
import { nodes, type Connection } from '$lib/graphql/console/paging';
import type { ResultOf, VariablesOf } from '$lib/graphql/graphql';

export { GraphQLRequestError };

export const staffGql: Gql = async (document, ...rest) => {
  try {
    return await gql(document, ...rest);
  } catch (error) {
    if (error instanceof GraphQLRequestError && error.code === 'UNAUTHENTICATED') {
      const back = location.pathname + location.search;
      await goto(`/beheer/inloggen?terug=${encodeURIComponent(back)}`);
    }
    throw error;
  }
};

/** A list that is longer than a screen may load whole: said in words, never cut short silently. */
export class ListTooLongError extends Error {
  constructor(readonly limit: number) {
    super(`Deze lijst is te lang om hier in één keer te tonen (meer dan ${dutchNumber(limit)}). Er is niets weggelaten: de lijst staat hier niet. Vraag de beheerder om hulp.`);
  }
}

/**
 * Reads a list to its end, page by page, for lists that are small by nature (templates,
 * staff, organisations, the streets of one neighbourhood). Long lists page on the server
 * instead (PagedList). Past `maxItems` it throws ListTooLongError, which the page shows.
 */
export async function fetchAll<Document extends AnyDocument, T>(
  document: Document,
  variables: Omit<VariablesOf<Document>, 'after'>,
  pick: (data: ResultOf<Document>) => Connection<T> | null | undefined,
  { maxItems = 5000 }: { maxItems?: number } = {},
): Promise<T[]> {
  const all: T[] = [];
  let after: string | null = null;
  for (;;) {
    const connection = pick(await staffGql(document, { ...variables, after } as VariablesOf<Document>));
    if (!connection) return all;
    all.push(...nodes(connection));
    if (all.length > maxItems) throw new ListTooLongError(maxItems);
    if (!connection.pageInfo?.hasNextPage) return all;
    // A server that says "more" without moving on would loop for ever: say so instead.
    if (!connection.pageInfo.endCursor || connection.pageInfo.endCursor === after) throw new Error('The server said there is a next page but gave no new cursor.');
    after = connection.pageInfo.endCursor;
  }
}

/** The Dutch message to show for a failed request. */
export const errorMessage = (error: unknown): string =>
  error instanceof GraphQLRequestError || error instanceof ListTooLongError ? error.message : 'Er ging iets mis. Probeer het opnieuw.';

/**
 * How console screens talk to the API: the shared GraphQL client plus what staff screens
 * need around it: a signed-out session sends the person to the sign-in page (and back
 * afterwards), and a list can be read to its end page by page.
 */
import { goto } from '$app/navigation';
import { gql, GraphQLRequestError } from '$lib/graphql/client';
import { nodes, type Connection } from './operations';

export { GraphQLRequestError };

export async function staffGql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  try {
    return await gql<T>(query, variables);
  } catch (error) {
    if (error instanceof GraphQLRequestError && error.code === 'UNAUTHENTICATED') {
      const back = location.pathname + location.search;
      await goto(`/beheer/inloggen?terug=${encodeURIComponent(back)}`);
    }
    throw error;
  }
}

/** Lists come in pages (at most 100, fewer for heavy rows); a console table wants all of them. */
export async function fetchAll<T>(
  query: string,
  variables: Record<string, unknown>,
  pick: (data: any) => Connection<T> | null | undefined,
  maxPages = 200,
): Promise<T[]> {
  const all: T[] = [];
  let after: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const connection = pick(await staffGql<unknown>(query, { ...variables, after }));
    if (!connection) break;
    all.push(...nodes(connection));
    if (!connection.pageInfo?.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return all;
}

/** The Dutch message to show for a failed request. */
export const errorMessage = (error: unknown): string =>
  error instanceof GraphQLRequestError ? error.message : 'Er ging iets mis. Probeer het opnieuw.';
